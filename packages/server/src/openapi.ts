/**
 * The OpenAPI 3.1 document served at `/openapi.json`, generated from the same zod schemas the
 * routes validate with (core's `api.ts`), so the published contract cannot drift from what the
 * server accepts. The operation table (`openapi-operations.ts`) is checked against the app's real
 * routes by a test.
 */
import * as z from 'zod/mini';
import { ERROR_STATUS, type ErrorCode, type ProviderId } from '@cloud-login/core';
import { REQUESTS, RESPONSES } from './openapi-components.ts';
import { OPERATIONS } from './openapi-operations.ts';

export { ErrorBodySchema, type OperationSpec } from './openapi-components.ts';
export { OPERATIONS } from './openapi-operations.ts';

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A session is the bearer token or the session cookie (packages/server/README.md, "Endpoints"). */
const SECURITY = {
  none: [],
  required: [{ bearer: [] }, { cookie: [] }],
  // `{}`: anonymous is fine too; a session only matters for some requests (a `reauth` code).
  optional: [{}, { bearer: [] }, { cookie: [] }],
};

export interface OpenApiOptions {
  providers: readonly ProviderId[];
  devMode: boolean;
  serverUrl?: string;
}

export function buildOpenApi({ providers, devMode, serverUrl }: OpenApiOptions): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(REQUESTS)) schemas[name] = jsonSchema(schema, 'input');
  for (const [name, schema] of Object.entries(RESPONSES)) schemas[name] = jsonSchema(schema, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    if (op.dev && !devMode) continue;
    const responses: Record<string, unknown> = {};
    for (const success of op.success) {
      const content: Record<string, unknown> = {};
      if (success.schemas) {
        // anyOf, not oneOf: NeedsProfile and NeedsNewPassword share a shape (a NeedsProfile that
        // asks for nothing would match both), so "exactly one" would be a false promise.
        content['application/json'] = {
          schema:
            success.schemas.length === 1 ? ref(success.schemas[0]!) : { anyOf: success.schemas.map(ref) },
        };
      }
      if (success.html) content['text/html'] = { schema: { type: 'string' } };
      if (success.media) content[success.media] = { schema: { type: 'string' } };
      responses[String(success.status)] = {
        description: success.description,
        ...(Object.keys(content).length > 0 && { content }),
      };
    }
    // One response per status, listing the codes it can carry.
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of op.errors)
      byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      const retry = codes.some(
        (code) =>
          code === 'rate_limited' ||
          code === 'code_cooldown' ||
          code === 'too_many_attempts' ||
          code === 'server_busy',
      );
      responses[String(status)] = {
        description: `Error: ${codes.join(', ')}`,
        ...(retry && {
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
        }),
        content: { 'application/json': { schema: ref('Error') } },
      };
    }
    // Any route may also fail in ways no table lists (500 internal_error, 413 on a huge body…).
    responses.default = {
      description: 'Any other error, in the same shape',
      content: { 'application/json': { schema: ref('Error') } },
    };
    const parameters = [
      { name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: [...providers] } },
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(op.query ?? []).map((q) => ({
        name: q.name,
        in: 'query',
        required: q.required,
        description: q.description,
        schema: { type: 'string' },
      })),
    ];
    const path = `/api/{provider}${op.path}`;
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      parameters,
      ...(op.body && {
        requestBody: {
          required: !op.bodyOptional,
          content: { 'application/json': { schema: ref(op.body) } },
        },
      }),
      responses,
      security: SECURITY[op.auth === true ? 'required' : op.auth === 'optional' ? 'optional' : 'none'],
    };
  }

  // Only what the published operations use: without dev mode, the dev routes' schemas go too.
  const used = new Set(
    [...JSON.stringify(paths).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!),
  );
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];

  return {
    openapi: '3.1.0',
    info: {
      title: 'cloud-login reference server',
      version: '1',
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'The HTTP contract the cloud-login elements speak. Every error is {"error":{code,message,field?,retryAfter?,issues?}}. ' +
        'Bodies must be application/json. Authenticated calls send Authorization: Bearer <token> or the session cookie; ' +
        'cookie-authenticated writes must come from an allowed Origin.',
    },
    // Without a public URL the paths are relative to wherever this document was fetched from.
    servers: [{ url: serverUrl ?? '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session token from an Authenticated answer',
        },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cl_session_{provider}',
          description: '`__Host-` prefixed on https',
        },
      },
    },
  };
}
