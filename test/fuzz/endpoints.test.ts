/**
 * Bad input (issue 6): thousands of malformed requests to every endpoint the server publishes in
 * /openapi.json (and the dev-mode identity-provider simulator) — wrong types, huge strings, deep
 * nesting, invalid UTF-8 in bodies, paths and headers, `__proto__` / `constructor` keys, odd
 * content types, methods, queries and credentials. The oracle:
 *
 * - never a 5xx, and nothing logged as an unexpected error;
 * - every error under /api is JSON `{"error": {"code", "message"}}` with a code from core's
 *   ERROR_CODES — except the documented browser pages (email link, third-party callback, the
 *   WeChat OA scan page) and WeChat's own push protocol (plain text);
 * - Object.prototype untouched; the server healthy afterwards (every preset's config, a
 *   registration and a sign-in, a readable data file).
 *
 * Seeded: the seed is printed; `FUZZ_SEED=<n>` replays a run, `FUZZ_COUNT=<n>` changes its size.
 * Then raw bytes on a socket (request lines, headers and framing Node's parser must reject).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ERROR_CODES, PROVIDER_IDS } from '@cloud-login/core';
import { figure, startApp, type AppServer } from '../support/server.ts';

const SITE = 'https://console.example.com';
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const COUNT = Number(process.env.FUZZ_COUNT ?? 4000);
const IN_FLIGHT = 8;
const CODES = new Set<string>(ERROR_CODES);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

// ---- what to send ---------------------------------------------------------------------------

interface Endpoint {
  method: string;
  /** `/api/{provider}/qr/{id}` */
  template: string;
  query: string[];
  /** Field names of the JSON body, when it has one. */
  fields?: string[];
  auth: boolean;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  label: string;
}

const ODD_SEGMENTS = [
  '', 'JDCLOUD', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '%00', '%ff', '%FE%FF', '%2e%2e', '..', '.',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'a'.repeat(300), '%E4%BD%A0%E5%A5%BD', '\xff\xfe', '\xc0\xaf', '%', '%%', '%zz', '{provider}', ';', ',', '~', '%0d%0a', '$', "'", '"',
];
const IDS = ['wechat', 'wechat-mp', 'qq', 'jd', 'github', 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA.svg', 'x.svg', '.svg', 'A'.repeat(2000)];

const STRINGS = [
  '', ' ', '\t\n', '0', '-1', 'true', 'null', 'undefined', 'NaN', '__proto__', 'constructor', '[object Object]',
  '你好世界', '𝒳𝒴𝒵', '🙂'.repeat(50), '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '\u202eevil', '\ufeff', '\u2028\u2029',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR '1'='1' --", '${7*7}', '{{7*7}}', '../../../../etc/passwd', '%00', '%ff', '\r\nSet-Cookie: x=1',
  '+8613800138000', '+86 138 0013 8000', '13800138000', '+85291234567', '+1 202 555 0143', '+86999', 'fuzz@example.com', 'FUZZ@EXAMPLE.COM', 'a@b', '@', 'a'.repeat(65) + '@example.com',
  'Secret-123', 'pass-word-1', '123456', '１２３４５６', '000000', 'fuzz-user01', 'ＦＵＺＺ', 'A'.repeat(43), 'sms', 'voice', 'register', 'login', 'bind',
  '/console', '//evil.example', 'javascript:alert(1)', 'https://evil.example', SITE,
];

function str(r: Rng): string {
  switch (r.int(6)) {
    case 0:
      return 'x'.repeat(r.pick([256, 257, 2048, 10_000, 40_000, 70_000]));
    case 1: {
      // Random code points, surrogate halves included.
      let out = '';
      for (let i = r.int(40); i > 0; i--) out += String.fromCharCode(r.int(0x10000));
      return out;
    }
    case 2: {
      let out = '';
      for (let i = r.int(30); i > 0; i--) out += String.fromCharCode(0x20 + r.int(95));
      return out;
    }
    default:
      return r.pick(STRINGS);
  }
}

function value(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0:
    case 1:
      return str(r);
    case 2:
      return r.pick([0, -0, 1, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 123456, 5e-324]);
    case 3:
      return r.chance(0.5);
    case 4:
      return null;
    case 5:
      return r.pick([[], {}, [null], [''], { '': '' }]);
    case 6:
      return Array.from({ length: r.int(5) }, () => value(r, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) out[r.pick(['a', 'toString', 'valueOf', 'length', '0', str(r).slice(0, 20)])] = value(r, depth + 1);
      return out;
    }
  }
}

const PLAUSIBLE: Record<string, unknown[]> = {
  identifier: ['fuzz-user01', '+8613800138000', 'fuzz@example.com', 'nobody-here'],
  password: ['Secret-123', 'fuzz-pass-2024', 'x'],
  newPassword: ['Other-456', 'short'],
  currentPassword: ['Secret-123', 'wrong'],
  phone: ['+8613800138000', '+8613900139000', '+85291234567'],
  contactPhone: ['+8613800138000'],
  code: ['123456', '000000', '12345'],
  channel: ['sms', 'voice', 'fax'],
  purpose: ['register', 'login', 'bind', 'reset'],
  agreements: [true, false, ['jd-registration'], []],
  accountName: ['fuzz-user01', 'ab', '你好世界用户'],
  email: ['fuzz@example.com', 'nope'],
  contactEmail: ['fuzz@example.com'],
  ticket: ['A'.repeat(43), 'short'],
  accountId: ['00000000-0000-0000-0000-000000000000'],
  createNew: [true, false],
  industry: ['internet', 'unknown'],
  returnTo: ['/console', '//evil.example', SITE],
  recommendationCode: ['ABC-123', '!!'],
};

function body(r: Rng, fields: string[]): { bytes: Buffer; label: string } {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');
  const plausibleObject = () => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (r.chance(0.15)) continue;
      out[field] = r.chance(0.55) ? r.pick(PLAUSIBLE[field] ?? ['x']) : value(r);
    }
    if (r.chance(0.2)) out[str(r).slice(0, 30)] = value(r);
    return out;
  };
  switch (r.int(14)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return { bytes: json(plausibleObject()), label: 'object' };
    case 5: {
      // Prototype pollution attempts, written as raw JSON (a JS literal would set the prototype).
      const base = JSON.stringify(plausibleObject()).slice(1, -1);
      const evil = r.pick([
        '"__proto__":{"polluted":"yes","isAdmin":true,"status":"active"}',
        '"constructor":{"prototype":{"polluted":"yes"}}',
        '"__proto__":{"__proto__":{"polluted":"yes"}}',
        '"prototype":{"polluted":"yes"}',
        '"__proto__":[1,2,3]',
        '"__proto__":null',
      ]);
      return { bytes: Buffer.from(`{${evil}${base ? `,${base}` : ''}}`), label: 'proto' };
    }
    case 6: {
      const depth = r.pick([100, 1000, 5000, 20_000]);
      const open = r.chance(0.5) ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      return { bytes: Buffer.from(open.repeat(depth) + '1' + close.repeat(depth)), label: `deep ${depth}` };
    }
    case 7: {
      // Invalid UTF-8 inside a JSON string: lone continuation bytes, overlongs, truncated sequences.
      const bad = Buffer.from(r.pick([[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xbd], [0x80]]));
      const field = fields.length ? r.pick(fields) : 'a';
      return { bytes: Buffer.concat([Buffer.from(`{"${field}":"a`), bad, Buffer.from('b"}')]), label: 'invalid utf-8' };
    }
    case 8:
      return {
        bytes: Buffer.from(
          r.pick([
            '', ' ', '{', '}', '{"a":', '{"a":1,}', '[1,]', '{a:1}', "{'a':1}", '{"a":1}{"b":2}', '{"a":1e999}', '{"a":-}', '{"a":01}', 'nul', 'null', 'true', '0', '"str"', '[]',
            '\ufeff{}', '/* c */{}', '{"a":"\\x00"}', '{"a":"\\ud800"}', '{"a":"\\u00"}', `{"password":"a","password":{"x":1}}`, '\u0000', '{"a":NaN}', '{"a":Infinity}',
          ]),
        ),
        label: 'malformed json',
      };
    case 9:
      return { bytes: Buffer.from(Array.from({ length: r.int(300) }, () => r.int(256))), label: 'random bytes' };
    case 10:
      return { bytes: Buffer.from(JSON.stringify({ ...plausibleObject(), pad: 'x'.repeat(r.pick([60_000, 70_000, 200_000])) })), label: 'oversized' };
    case 11:
      return { bytes: json(value(r)), label: 'any value' };
    case 12:
      return { bytes: json(fields.map(() => value(r))), label: 'array' };
    default:
      return { bytes: Buffer.from(JSON.stringify(plausibleObject()), 'utf16le'), label: 'utf-16' };
  }
}

/** A header value: printable Latin-1 (Node's client refuses control characters), bytes ≥ 0x80 included. */
function headerValue(r: Rng, max = 200): string {
  if (r.chance(0.3)) return r.pick(['', ' ', 'null', '*', '\xff\xfe', '\xc3\x28', '%', 'a'.repeat(1500)]);
  let out = '';
  for (let i = r.int(max); i > 0; i--) {
    const code = r.chance(0.85) ? 0x20 + r.int(95) : 0x80 + r.int(128);
    out += String.fromCharCode(code);
  }
  return out;
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, as a browser would send them). */
function percent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0')}`;
  return out;
}

function queryValue(r: Rng): string {
  if (r.chance(0.3)) return r.pick(['%', '%ff', '%E0%A4%A', '%00', '%2B8613800138000', '+8613800138000', '', 'a'.repeat(2000), '\xff', '__proto__', '[]', 'A'.repeat(43)]);
  return percent(str(r).slice(0, 600));
}

function build(r: Rng, endpoint: Endpoint, credentials: { token: string; cookie: string }): FuzzRequest {
  const provider = r.chance(0.85) ? r.pick(PROVIDER_IDS) : r.pick(ODD_SEGMENTS);
  let path = endpoint.template
    .replace('{provider}', provider)
    .replace('{idp}', r.chance(0.7) ? r.pick(IDS.slice(0, 5)) : r.pick([...IDS, ...ODD_SEGMENTS]))
    .replace('{id}', r.chance(0.5) ? 'AAAAAAAAAAAAAAAAAAAAAA' : r.pick([...IDS, ...ODD_SEGMENTS]))
    .replace('{ticket}', r.pick(['A'.repeat(30), ...ODD_SEGMENTS]));
  const keys = [...endpoint.query];
  if (r.chance(0.3)) keys.push(r.pick(['__proto__', 'constructor', 'a[]', 'token', 'secret', 'returnTo', 'x'.repeat(100)]));
  const pairs: string[] = [];
  for (const key of keys) {
    if (r.chance(0.25)) continue;
    pairs.push(`${key}=${queryValue(r)}`);
    if (r.chance(0.1)) pairs.push(`${key}=${queryValue(r)}`); // repeated key
  }
  if (pairs.length) path += `?${pairs.join('&')}`;

  const method = r.chance(0.9) ? endpoint.method : r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const headers: Record<string, string> = {};
  let label = `${method} ${endpoint.template}`;
  if (endpoint.fields || (method !== 'GET' && method !== 'HEAD' && r.chance(0.2))) {
    const made = body(r, endpoint.fields ?? []);
    label += ` [${made.label}]`;
    headers['Content-Type'] = r.chance(0.8)
      ? 'application/json'
      : r.pick(['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=latin1', 'application/json-patch+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json, text/plain', ';', '\xff']);
    if (r.chance(0.03)) headers['Content-Encoding'] = r.pick(['gzip', 'br', 'identity', '\xff']);
    return { method, path, headers: { ...headers, ...fuzzHeaders(r, endpoint, credentials) }, body: made.bytes, label };
  }
  return { method, path, headers: fuzzHeaders(r, endpoint, credentials), label };
}

function fuzzHeaders(r: Rng, endpoint: Endpoint, credentials: { token: string; cookie: string }): Record<string, string> {
  const h: Record<string, string> = {};
  h.Accept = r.chance(0.7) ? 'application/json' : r.pick(['text/html', '*/*', 'image/svg+xml', 'application/json, text/html', headerValue(r, 50)]);
  // Real credentials now and then, so fuzzed bodies reach the authenticated handlers.
  if (endpoint.auth && r.chance(0.5)) h.Authorization = `Bearer ${credentials.token}`;
  else if (r.chance(0.15)) h.Authorization = r.pick(['Bearer', 'Bearer ', `Bearer ${'A'.repeat(43)}`, `Bearer ${headerValue(r)}`, 'Basic Zm9vOmJhcg==', headerValue(r)]);
  if (endpoint.auth && r.chance(0.2)) {
    h.Cookie = credentials.cookie;
    h.Origin = r.chance(0.5) ? SITE : headerValue(r, 60);
  } else if (r.chance(0.15)) {
    h.Cookie = r.pick(['cl_session_jdcloud=%', 'cl_session_jdcloud=%E0%A4%A', '=;=;=', `cl_session_jdcloud=${'A'.repeat(43)}`, 'cl_session_state_jdcloud=x; cl_session_state_jdcloud=y', headerValue(r)]);
  }
  if (r.chance(0.15)) h.Origin = r.pick(['null', SITE, 'https://evil.example', 'http://[::1', headerValue(r, 60)]);
  if (r.chance(0.1)) h.Referer = headerValue(r);
  if (r.chance(0.3)) h['X-Forwarded-For'] = r.pick(['1.2.3.4', '1.2.3.4.5', '::ffff:', '[::1]:80', '1.2.3.4:99999', ',,,', 'unknown', '203.0.113.9, 10.0.0.1', headerValue(r)]);
  if (r.chance(0.2)) h['Accept-Language'] = r.pick(['zh-CN', 'en;q=abc', '*;q=1e9', 'zh-CN,zh;q=0.9,en;q=0.8', headerValue(r)]);
  if (r.chance(0.1)) h['User-Agent'] = headerValue(r, 2000);
  if (r.chance(0.1)) h['X-QR-Secret'] = headerValue(r);
  return h;
}

// ---- how to send it -------------------------------------------------------------------------

interface Reply {
  status: number;
  type: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function send(base: URL, req: FuzzRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers: { ...req.headers, ...(req.body && { 'Content-Length': String(req.body.length) }) }, timeout: 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Browser pages and WeChat's push protocol answer in their own formats; everything else under /api speaks JSON. */
const NOT_JSON = [/\/email\/verify(\?|$)/, /\/connections\/[^/?]+\/callback(\?|$)/, /\/connections\/wechat-mp\/(scan|events)(\?|$)/];

function verdict(req: FuzzRequest, reply: Reply): string | undefined {
  if (reply.status >= 500) return `${reply.status}`;
  // Refused by Node's HTTP parser before the app runs: 431 (over 16 KB of request line and
  // headers) or a bare 400 (bytes ≥ 0x80 in the request target, and the like).
  if (reply.status === 431 || (reply.status === 400 && reply.type === '' && reply.text === '')) return undefined;
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
    if (!CODES.has(parsed?.error?.code) || typeof parsed.error.message !== 'string') return `error body ${reply.text.slice(0, 120)}`;
    return undefined;
  }
  if (NOT_JSON.some((pattern) => pattern.test(req.path))) return undefined;
  return `non-JSON ${reply.status} (${reply.type || 'no type'}): ${reply.text.slice(0, 120)}`;
}

// ---- the suite ------------------------------------------------------------------------------

const protoNames = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort().join(),
});

describe('fuzz: malformed requests to every endpoint', () => {
  let s: AppServer;
  let endpoints: Endpoint[];
  let simulator: Endpoint[];
  let credentials: { token: string; cookie: string };
  const prototypes = protoNames();

  before(async () => {
    s = await startApp({ allowedOrigins: [SITE], trustedProxies: ['127.0.0.1'] });
    const doc = (await s.api.get('/openapi.json')).body;
    endpoints = [];
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
    for (const [method, template] of [['GET', '/openapi.json'], ['GET', '/'], ['GET', '/api'], ['GET', '/api/{provider}'], ['POST', '/api/{provider}/nothing']] as const) {
      endpoints.push({ method, template, query: ['token', 'secret'], auth: false });
    }
    simulator = [];
    for (const [method, template] of [
      ['GET', '/idp/wechat/connect/qrconnect'], ['POST', '/idp/wechat/connect/qrconnect'], ['GET', '/idp/wechat/sns/oauth2/access_token'],
      ['GET', '/idp/qq/oauth2.0/authorize'], ['POST', '/idp/qq/oauth2.0/authorize'], ['GET', '/idp/qq/oauth2.0/token'], ['GET', '/idp/qq/oauth2.0/me'],
      ['GET', '/idp/jd/oauth2/to_login'], ['POST', '/idp/jd/oauth2/to_login'], ['POST', '/idp/jd/oauth2/access_token'],
      ['GET', '/idp/wechat-mp/cgi-bin/token'], ['POST', '/idp/wechat-mp/cgi-bin/qrcode/create'], ['GET', '/idp/wechat-mp/cgi-bin/showqrcode'],
      ['GET', '/idp/wechat-mp/cgi-bin/user/info'], ['GET', '/idp/wechat-mp/q/{ticket}'], ['POST', '/idp/wechat-mp/q/{ticket}'],
    ] as const) {
      simulator.push({ method, template, query: ['client_id', 'appid', 'redirect_uri', 'state', 'code', 'access_token', 'ticket', 'openid', 'grant_type', 'secret', 'response_type'], auth: false });
    }
    const registered = await s.api.post('/api/default/accounts', { email: 'fuzz-owner@example.com', password: 'fuzz-pass-2024' });
    assert.equal(registered.status, 201);
    credentials = { token: registered.body.session.token, cookie: registered.headers.get('set-cookie')!.split(';')[0]! };
  });

  after(async () => {
    agent.destroy();
    await s.close();
  });

  /** Sends `requests` IN_FLIGHT at a time; returns the answers the oracle refused, and figures. */
  async function run(requests: FuzzRequest[]) {
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
              failures.push(`#${index} ${req.label} ${req.path.slice(0, 80)}: no answer (${(error as Error).message})`);
              continue;
            }
          }
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const endpoint = req.label.split(' [')[0]!;
          perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + 1);
          const kind = /\[(.*)\]/.exec(req.label)?.[1]?.replace(/ \d+$/, '') ?? 'no body';
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          const problem = verdict(req, reply);
          if (problem) failures.push(`#${index} ${req.label} ${JSON.stringify(req.path.slice(0, 100))}: ${problem}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const summary =
      `${requests.length} requests to ${perEndpoint.size} method+endpoint pairs in ${seconds.toFixed(1)} s (${retries} resent on a fresh socket); ` +
      `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; bodies ${JSON.stringify(Object.fromEntries(kinds))}`;
    return { failures, summary };
  }

  const errorsSince = (start: number) => s.errors.slice(start).map((error) => String((error as Error)?.stack ?? error).split('\n').slice(0, 3).join(' | '));

  test(`${COUNT} seeded malformed requests to every /api endpoint: no 5xx, JSON errors with contract codes, no prototype pollution`, async () => {
    figure(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} node --conditions=cloud-login-source --import tsx --test test/fuzz/endpoints.test.ts)`);
    const r = prng(SEED);
    // Built up front, in order, so a replay sends exactly the same requests.
    const requests = Array.from({ length: COUNT }, () => build(r, r.pick(endpoints), credentials));
    const errorsBefore = s.errors.length;
    const { failures, summary } = await run(requests);
    figure(`fuzz: ${summary}`);
    assert.deepEqual(failures.slice(0, 10), [], `seed ${SEED}: ${failures.length} bad answers`);
    assert.deepEqual(errorsSince(errorsBefore), [], `seed ${SEED}: unexpected errors were logged`);
    assert.deepEqual(protoNames(), prototypes, 'built-in prototypes unchanged');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  test('the dev-mode simulated identity providers (/idp/*) never answer 5xx', async () => {
    const r = prng(SEED ^ 0x1d9);
    const requests = Array.from({ length: 600 }, () => build(r, r.pick(simulator), credentials));
    // A form post whose body is not multipart (it once got a 500), every run, whatever the seed.
    for (const path of ['/idp/wechat/connect/qrconnect', '/idp/qq/oauth2.0/authorize', '/idp/jd/oauth2/to_login', '/idp/jd/oauth2/access_token']) {
      requests.push({ method: 'POST', path, headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: Buffer.from('{}'), label: `POST ${path} [not multipart]` });
    }
    const errorsBefore = s.errors.length;
    const { failures, summary } = await run(requests);
    figure(`fuzz (simulated providers): ${summary}`);
    assert.deepEqual(failures.slice(0, 10), [], `seed ${SEED}: ${failures.length} bad answers`);
    assert.deepEqual(errorsSince(errorsBefore), []);
  });

  test('raw bytes on the socket: Node refuses bad framing, the app never answers 5xx', async () => {
    const base = new URL(s.base);
    // A loopback Host, so the payloads reach the app past dev mode's Host check.
    const errorsBefore = s.errors.length;
    const raw = [
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/qr/\xff\xfe\xc0\xaf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/\xe4\xbd\xa0/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/email/verify?token=\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n',
      'GET /api/jdcloud/dev/outbox?to=%ff%fe%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/session HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: cl_session_jdcloud=\xff\xfe\r\n\r\n',
      'GET /api/jdcloud/session HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \xff\xfe\xfd\r\n\r\n',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n{}',
      `POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${200_000}\r\n\r\n${'['.repeat(200_000)}`,
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ' + 'a'.repeat(20_000) + '\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n b\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\nHost: 127.0.0.1\n\n',
      'GET /api/jdcloud/config HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/config\r\n\r\n',
      'BREW /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\x00: x\r\n\r\n',
      'GET http://evil.example/api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /api/jdcloud/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      '\xff\xfe\xfd\r\n\r\n',
      '',
    ];
    // Each on its own connection, all at once; `Connection: close` so a complete answer ends it,
    // and a request the server is still waiting on is given up after a second.
    const answers = await Promise.all(
      raw.map(
        (text) =>
          new Promise<{ text: string; statuses: number[] }>((resolve) => {
            const bytes = text.replace(/(\r?\n)Host: 127\.0\.0\.1(\r?\n)/, '$1Host: 127.0.0.1$2Connection: close$2');
            const socket = connect(Number(base.port), base.hostname);
            let data = '';
            socket.setTimeout(1000, () => socket.destroy());
            socket.on('data', (chunk) => (data += chunk.toString('latin1')));
            socket.on('close', () => resolve({ text, statuses: [...data.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1])) }));
            socket.on('error', () => {});
            socket.write(Buffer.from(bytes, 'latin1'));
          }),
      ),
    );
    const seen: number[] = [];
    for (const { text, statuses } of answers) {
      for (const status of statuses) assert.ok(status < 500, `${JSON.stringify(text.slice(0, 80))} → ${status}`);
      seen.push(...statuses);
    }
    assert.deepEqual(errorsSince(errorsBefore), []);
    figure(`fuzz: ${raw.length} raw socket payloads → statuses ${JSON.stringify(seen)}`);
  });

  test('healthy afterwards: every preset answers, registration and sign-in work, the data file reads', async () => {
    for (const provider of PROVIDER_IDS) assert.equal((await s.api.get(`/api/${provider}/config`)).status, 200, provider);
    const registered = await s.api.post('/api/default/accounts', { email: 'after-fuzz@example.com', password: 'after-fuzz-2024' });
    assert.equal(registered.status, 201, registered.text);
    const login = await s.api.post('/api/default/sessions', { identifier: 'after-fuzz@example.com', password: 'after-fuzz-2024' }, { forwardedFor: '198.51.100.250' });
    assert.equal(login.status, 200, login.text);
    const data = JSON.parse(await readFile(join(s.dir, 'cloud-login.json'), 'utf8'));
    assert.equal(data.version, 1);
    assert.ok(Array.isArray(data.accounts));
  });
});
