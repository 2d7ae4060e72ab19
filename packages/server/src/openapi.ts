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
        content['application/json'] = {
          schema:
            success.schemas.length === 1 ? ref(success.schemas[0]!) : { oneOf: success.schemas.map(ref) },
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
      ...(op.auth && { security: [{ bearer: [] }, { cookie: [] }] }),
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'cloud-login reference server',
      version: '1',
      description:
        'The HTTP contract the cloud-login elements speak. Every error is {"error":{code,message,field?,retryAfter?,issues?}}. ' +
        'Bodies must be application/json. Authenticated calls send Authorization: Bearer <token> or the session cookie; ' +
        'cookie-authenticated writes must come from an allowed Origin.',
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
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
