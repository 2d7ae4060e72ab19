/**
 * How the fuzz suites send requests and judge the answers, and the server they share: its
 * endpoints (from /openapi.json, plus strays and the dev-mode simulated identity providers), a
 * signed-up account whose credentials the fuzzed requests borrow, and the health check after.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ERROR_CODES, PROVIDER_IDS } from '@cloud-login/core';
import { startApp, type AppServer } from '../support/server.ts';
import { SITE, type Endpoint, type FuzzRequest } from './requests.ts';

export const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED) >>> 0
  : (Math.random() * 2 ** 32) >>> 0;
export const COUNT = Number(process.env.FUZZ_COUNT ?? 4000);
export const IN_FLIGHT = 8;
const CODES = new Set<string>(ERROR_CODES);

// ---- how to send it -------------------------------------------------------------------------

export interface Reply {
  status: number;
  type: string;
  text: string;
}

export const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function send(base: URL, req: FuzzRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(req.body && { 'Content-Length': String(req.body.length) }) },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Browser pages and WeChat's push protocol answer in their own formats; everything else under /api speaks JSON. */
const NOT_JSON = [
  /\/email\/verify(\?|$)/,
  /\/connections\/[^/?]+\/callback(\?|$)/,
  /\/connections\/wechat-mp\/(scan|events)(\?|$)/,
];

function verdict(req: FuzzRequest, reply: Reply): string | undefined {
  if (reply.status >= 500) return `${reply.status}`;
  // Refused by Node's HTTP parser before the app runs: 431 (over 16 KB of request line and
  // headers) or a bare 400 (bytes ≥ 0x80 in the request target, and the like).
  if (reply.status === 431 || (reply.status === 400 && reply.type === '' && reply.text === ''))
    return undefined;
  if (reply.status < 400 || req.method === 'HEAD') return undefined;
  const pathOnly = req.path.split('?')[0]!;
  if (!pathOnly.startsWith('/api/')) return undefined; // the simulated providers speak their providers' formats
  if (reply.type.startsWith('application/json')) {
    let parsed: any;
    try {
      parsed = JSON.parse(reply.text);
    } catch {
      return 'JSON content type, unparsable body';
    }
    if (!CODES.has(parsed?.error?.code) || typeof parsed.error.message !== 'string')
      return `error body ${reply.text.slice(0, 120)}`;
    return undefined;
  }
  if (NOT_JSON.some((pattern) => pattern.test(req.path))) return undefined;
  return `non-JSON ${reply.status} (${reply.type || 'no type'}): ${reply.text.slice(0, 120)}`;
}

export const protoNames = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort().join(),
});

/** The app under fuzz: a browser origin allowed, loopback trusted as a proxy. */
export function startFuzzApp(): Promise<AppServer> {
  return startApp({ allowedOrigins: [SITE], trustedProxies: ['127.0.0.1'] });
}

/** Every endpoint /openapi.json publishes plus strays, and the simulated identity providers. */
export async function endpointsOf(s: AppServer): Promise<{ endpoints: Endpoint[]; simulator: Endpoint[] }> {
  const doc = (await s.api.get('/openapi.json')).body;
  const endpoints: Endpoint[] = [];
  for (const [template, methods] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const ref: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
      endpoints.push({
        method: method.toUpperCase(),
        template,
        query: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
        ...(schema && { fields: Object.keys(schema.properties ?? {}) }),
        auth: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  // Not in the contract but served: strays, and the dev-mode simulated identity providers.
  for (const [method, template] of [
    ['GET', '/openapi.json'],
    ['GET', '/'],
    ['GET', '/api'],
    ['GET', '/api/{provider}'],
    ['POST', '/api/{provider}/nothing'],
  ] as const) {
    endpoints.push({ method, template, query: ['token', 'secret'], auth: false });
  }
  const simulator: Endpoint[] = [];
  for (const [method, template] of [
    ['GET', '/idp/wechat/connect/qrconnect'],
    ['POST', '/idp/wechat/connect/qrconnect'],
    ['GET', '/idp/wechat/sns/oauth2/access_token'],
    ['GET', '/idp/qq/oauth2.0/authorize'],
    ['POST', '/idp/qq/oauth2.0/authorize'],
    ['GET', '/idp/qq/oauth2.0/token'],
    ['GET', '/idp/qq/oauth2.0/me'],
    ['GET', '/idp/jd/oauth2/to_login'],
    ['POST', '/idp/jd/oauth2/to_login'],
    ['POST', '/idp/jd/oauth2/access_token'],
    ['GET', '/idp/wechat-mp/cgi-bin/token'],
    ['POST', '/idp/wechat-mp/cgi-bin/qrcode/create'],
    ['GET', '/idp/wechat-mp/cgi-bin/showqrcode'],
    ['GET', '/idp/wechat-mp/cgi-bin/user/info'],
    ['GET', '/idp/wechat-mp/q/{ticket}'],
    ['POST', '/idp/wechat-mp/q/{ticket}'],
  ] as const) {
    simulator.push({
      method,
      template,
      query: [
        'client_id',
        'appid',
        'redirect_uri',
        'state',
        'code',
        'access_token',
        'ticket',
        'openid',
        'grant_type',
        'secret',
        'response_type',
      ],
      auth: false,
    });
  }
  return { endpoints, simulator };
}

/** A signed-up account: its bearer token and session cookie, for the authenticated handlers. */
export async function signUp(s: AppServer): Promise<{ token: string; cookie: string }> {
  const registered = await s.api.post('/api/default/accounts', {
    email: 'fuzz-owner@example.com',
    password: 'fuzz-pass-2024',
  });
  assert.equal(registered.status, 201);
  return {
    token: registered.body.session.token,
    cookie: registered.headers.get('set-cookie')!.split(';')[0]!,
  };
}

/** Sends `requests` IN_FLIGHT at a time; returns the answers the oracle refused, and figures. */
export async function run(s: AppServer, requests: FuzzRequest[]) {
  const base = new URL(s.base);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const perEndpoint = new Map<string, number>();
  const kinds = new Map<string, number>();
  let retries = 0;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < requests.length) {
        const index = next++;
        const req = requests[index]!;
        let reply: Reply;
        try {
          reply = await send(base, req);
        } catch {
          // A kept-alive socket the server was closing as it was reused (it closes connections
          // whose unread body is large): the request never arrived. Once more, on a new socket.
          retries++;
          try {
            reply = await send(base, req);
          } catch (error) {
            failures.push(
              `#${index} ${req.label} ${req.path.slice(0, 80)}: no answer (${(error as Error).message})`,
            );
            continue;
          }
        }
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const endpoint = req.label.split(' [')[0]!;
        perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + 1);
        const kind = /\[(.*)\]/.exec(req.label)?.[1]?.replace(/ \d+$/, '') ?? 'no body';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const problem = verdict(req, reply);
        if (problem)
          failures.push(`#${index} ${req.label} ${JSON.stringify(req.path.slice(0, 100))}: ${problem}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const summary =
    `${requests.length} requests to ${perEndpoint.size} method+endpoint pairs in ${seconds.toFixed(1)} s (${retries} resent on a fresh socket); ` +
    `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; bodies ${JSON.stringify(Object.fromEntries(kinds))}`;
  return { failures, summary };
}

export const errorsSince = (s: AppServer, start: number) =>
  s.errors.slice(start).map((error) =>
    String((error as Error)?.stack ?? error)
      .split('\n')
      .slice(0, 3)
      .join(' | '),
  );

/** Every preset answers, registration and sign-in work, the data file reads. */
export async function assertHealthy(s: AppServer): Promise<void> {
  for (const provider of PROVIDER_IDS)
    assert.equal((await s.api.get(`/api/${provider}/config`)).status, 200, provider);
  const registered = await s.api.post('/api/default/accounts', {
    email: 'after-fuzz@example.com',
    password: 'after-fuzz-2024',
  });
  assert.equal(registered.status, 201, registered.text);
  const login = await s.api.post(
    '/api/default/sessions',
    { identifier: 'after-fuzz@example.com', password: 'after-fuzz-2024' },
    { forwardedFor: '198.51.100.250' },
  );
  assert.equal(login.status, 200, login.text);
  const data = JSON.parse(await readFile(join(s.dir, 'cloud-login.json'), 'utf8'));
  assert.equal(data.version, 1);
  assert.ok(Array.isArray(data.accounts));
}
