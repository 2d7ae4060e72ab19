/**
 * Request validation with core's zod/mini schemas, as Hono validators so `c.req.valid('json')`
 * is typed. Shape errors become `validation_failed` with one issue per field; a body that is
 * not `application/json` is refused with 415 before anything reads it (which also keeps
 * cross-site HTML forms, which cannot send JSON without a CORS preflight, out).
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type * as z from 'zod/mini';
import type { FieldIssue } from '@cloud-login/core';
import { ApiFailure, invalid } from './errors.ts';

type Schema = z.ZodMiniType;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod issues → contract issues; a missing field gets core's `field_required` rule code. */
export function toFieldIssues(error: z.core.$ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    return {
      path,
      code: missing ? 'field_required' : issue.code,
      message: missing ? `${path || 'body'} is required.` : issue.message,
    };
  });
}

export function parseWith<S extends Schema>(schema: S, value: unknown): z.output<S> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(value) as ReturnType<S['safeParse']>;
  } catch {
    // zod's safeParse can still throw on hostile shapes: a length check runs on a non-string
    // whose `length` is an object that cannot become a number (`{"identifier": {"length":
    // {"toString": 1}}}` → TypeError). Bad input is a 400, never a 500.
    invalid([{ path: '', code: 'invalid_type', message: 'The request has the wrong shape.' }]);
  }
  if (!result.success) invalid(toFieldIssues(result.error, value));
  return result.data as z.output<S>;
}

function isJsonMediaType(c: Context): boolean {
  const type = c.req.header('Content-Type');
  return type !== undefined && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Validates a JSON body: 415 unless `Content-Type: application/json`, then the schema. */
export function json<S extends Schema>(schema: S) {
  return validator('json', (value, c): z.output<S> => {
    if (!isJsonMediaType(c)) {
      throw new ApiFailure(
        'unsupported_media_type',
        'Request bodies must be sent as Content-Type: application/json.',
      );
    }
    return parseWith(schema, value);
  });
}

/**
 * Like `json`, for a request whose body may be absent (a `DELETE`): no body and no
 * `Content-Type` reads as `{}`; any other body must be JSON and match the schema.
 */
export async function optionalJson<S extends Schema>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  if (text === '' && c.req.header('Content-Type') === undefined) return parseWith(schema, {});
  if (!isJsonMediaType(c))
    throw new ApiFailure(
      'unsupported_media_type',
      'Request bodies must be sent as Content-Type: application/json.',
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    invalid([{ path: '', code: 'invalid_json', message: 'The body is not valid JSON.' }]);
  }
  return parseWith(schema, value);
}

/** Validates the query string (single values only; a repeated key is a validation error). */
export function query<S extends Schema>(schema: S) {
  return validator('query', (value): z.output<S> => parseWith(schema, value));
}
