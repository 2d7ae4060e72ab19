/**
 * What the fuzz suites send: seeded malformed requests built from an endpoint's method, path
 * template, query names and body fields — wrong types, huge strings, deep nesting, invalid UTF-8
 * in bodies, paths and headers, `__proto__` / `constructor` keys, odd content types, methods,
 * queries and credentials.
 */
import { PROVIDER_IDS } from '@cloud-login/core';

export const SITE = 'https://console.example.com';

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function prng(seed: number) {
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
export type Rng = ReturnType<typeof prng>;

// ---- what to send ---------------------------------------------------------------------------

export interface Endpoint {
  method: string;
  /** `/api/{provider}/qr/{id}` */
  template: string;
  query: string[];
  /** Field names of the JSON body, when it has one. */
  fields?: string[];
  auth: boolean;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  label: string;
}

const ODD_SEGMENTS = [
  '',
  'JDCLOUD',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '%00',
  '%ff',
  '%FE%FF',
  '%2e%2e',
  '..',
  '.',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'a'.repeat(300),
  '%E4%BD%A0%E5%A5%BD',
  '\xff\xfe',
  '\xc0\xaf',
  '%',
  '%%',
  '%zz',
  '{provider}',
  ';',
  ',',
  '~',
  '%0d%0a',
  '$',
  "'",
  '"',
];
const IDS = [
  'wechat',
  'wechat-mp',
  'qq',
  'jd',
  'github',
  'AAAAAAAAAAAAAAAAAAAAAA',
  'AAAAAAAAAAAAAAAAAAAAAA.svg',
  'x.svg',
  '.svg',
  'A'.repeat(2000),
];

const STRINGS = [
  '',
  ' ',
  '\t\n',
  '0',
  '-1',
  'true',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  '[object Object]',
  '你好世界',
  '𝒳𝒴𝒵',
  '🙂'.repeat(50),
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  '${7*7}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '%ff',
  '\r\nSet-Cookie: x=1',
  '+8613800138000',
  '+86 138 0013 8000',
  '13800138000',
  '+85291234567',
  '+1 202 555 0143',
  '+86999',
  'fuzz@example.com',
  'FUZZ@EXAMPLE.COM',
  'a@b',
  '@',
  'a'.repeat(65) + '@example.com',
  'Secret-123',
  'pass-word-1',
  '123456',
  '１２３４５６',
  '000000',
  'fuzz-user01',
  'ＦＵＺＺ',
  'A'.repeat(43),
  'sms',
  'voice',
  'register',
  'login',
  'bind',
  '/console',
  '//evil.example',
  'javascript:alert(1)',
  'https://evil.example',
  SITE,
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
      for (let i = r.int(4); i > 0; i--)
        out[r.pick(['a', 'toString', 'valueOf', 'length', '0', str(r).slice(0, 20)])] = value(r, depth + 1);
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
      const bad = Buffer.from(
        r.pick([
          [0xff],
          [0xfe, 0xff],
          [0xc0, 0xaf],
          [0xe0, 0x80, 0xaf],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0xe4, 0xbd],
          [0x80],
        ]),
      );
      const field = fields.length ? r.pick(fields) : 'a';
      return {
        bytes: Buffer.concat([Buffer.from(`{"${field}":"a`), bad, Buffer.from('b"}')]),
        label: 'invalid utf-8',
      };
    }
    case 8:
      return {
        bytes: Buffer.from(
          r.pick([
            '',
            ' ',
            '{',
            '}',
            '{"a":',
            '{"a":1,}',
            '[1,]',
            '{a:1}',
            "{'a':1}",
            '{"a":1}{"b":2}',
            '{"a":1e999}',
            '{"a":-}',
            '{"a":01}',
            'nul',
            'null',
            'true',
            '0',
            '"str"',
            '[]',
            '\ufeff{}',
            '/* c */{}',
            '{"a":"\\x00"}',
            '{"a":"\\ud800"}',
            '{"a":"\\u00"}',
            `{"password":"a","password":{"x":1}}`,
            '\u0000',
            '{"a":NaN}',
            '{"a":Infinity}',
          ]),
        ),
        label: 'malformed json',
      };
    case 9:
      return {
        bytes: Buffer.from(Array.from({ length: r.int(300) }, () => r.int(256))),
        label: 'random bytes',
      };
    case 10:
      return {
        bytes: Buffer.from(
          JSON.stringify({ ...plausibleObject(), pad: 'x'.repeat(r.pick([60_000, 70_000, 200_000])) }),
        ),
        label: 'oversized',
      };
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
  for (const byte of Buffer.from(text, 'utf8'))
    out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).padStart(2, '0')}`;
  return out;
}

function queryValue(r: Rng): string {
  if (r.chance(0.3))
    return r.pick([
      '%',
      '%ff',
      '%E0%A4%A',
      '%00',
      '%2B8613800138000',
      '+8613800138000',
      '',
      'a'.repeat(2000),
      '\xff',
      '__proto__',
      '[]',
      'A'.repeat(43),
    ]);
  return percent(str(r).slice(0, 600));
}

export function build(
  r: Rng,
  endpoint: Endpoint,
  credentials: { token: string; cookie: string },
): FuzzRequest {
  const provider = r.chance(0.85) ? r.pick(PROVIDER_IDS) : r.pick(ODD_SEGMENTS);
  let path = endpoint.template
    .replace('{provider}', provider)
    .replace('{idp}', r.chance(0.7) ? r.pick(IDS.slice(0, 5)) : r.pick([...IDS, ...ODD_SEGMENTS]))
    .replace('{id}', r.chance(0.5) ? 'AAAAAAAAAAAAAAAAAAAAAA' : r.pick([...IDS, ...ODD_SEGMENTS]))
    .replace('{ticket}', r.pick(['A'.repeat(30), ...ODD_SEGMENTS]));
  const keys = [...endpoint.query];
  if (r.chance(0.3))
    keys.push(r.pick(['__proto__', 'constructor', 'a[]', 'token', 'secret', 'returnTo', 'x'.repeat(100)]));
  const pairs: string[] = [];
  for (const key of keys) {
    if (r.chance(0.25)) continue;
    pairs.push(`${key}=${queryValue(r)}`);
    if (r.chance(0.1)) pairs.push(`${key}=${queryValue(r)}`); // repeated key
  }
  if (pairs.length) path += `?${pairs.join('&')}`;

  const method = r.chance(0.9)
    ? endpoint.method
    : r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const headers: Record<string, string> = {};
  let label = `${method} ${endpoint.template}`;
  if (endpoint.fields || (method !== 'GET' && method !== 'HEAD' && r.chance(0.2))) {
    const made = body(r, endpoint.fields ?? []);
    label += ` [${made.label}]`;
    headers['Content-Type'] = r.chance(0.8)
      ? 'application/json'
      : r.pick([
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/json;charset=latin1',
          'application/json-patch+json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json, text/plain',
          ';',
          '\xff',
        ]);
    if (r.chance(0.03)) headers['Content-Encoding'] = r.pick(['gzip', 'br', 'identity', '\xff']);
    return {
      method,
      path,
      headers: { ...headers, ...fuzzHeaders(r, endpoint, credentials) },
      body: made.bytes,
      label,
    };
  }
  return { method, path, headers: fuzzHeaders(r, endpoint, credentials), label };
}

function fuzzHeaders(
  r: Rng,
  endpoint: Endpoint,
  credentials: { token: string; cookie: string },
): Record<string, string> {
  const h: Record<string, string> = {};
  h.Accept = r.chance(0.7)
    ? 'application/json'
    : r.pick(['text/html', '*/*', 'image/svg+xml', 'application/json, text/html', headerValue(r, 50)]);
  // Real credentials now and then, so fuzzed bodies reach the authenticated handlers.
  if (endpoint.auth && r.chance(0.5)) h.Authorization = `Bearer ${credentials.token}`;
  else if (r.chance(0.15))
    h.Authorization = r.pick([
      'Bearer',
      'Bearer ',
      `Bearer ${'A'.repeat(43)}`,
      `Bearer ${headerValue(r)}`,
      'Basic Zm9vOmJhcg==',
      headerValue(r),
    ]);
  if (endpoint.auth && r.chance(0.2)) {
    h.Cookie = credentials.cookie;
    h.Origin = r.chance(0.5) ? SITE : headerValue(r, 60);
  } else if (r.chance(0.15)) {
    h.Cookie = r.pick([
      'cl_session_jdcloud=%',
      'cl_session_jdcloud=%E0%A4%A',
      '=;=;=',
      `cl_session_jdcloud=${'A'.repeat(43)}`,
      'cl_session_state_jdcloud=x; cl_session_state_jdcloud=y',
      headerValue(r),
    ]);
  }
  if (r.chance(0.15))
    h.Origin = r.pick(['null', SITE, 'https://evil.example', 'http://[::1', headerValue(r, 60)]);
  if (r.chance(0.1)) h.Referer = headerValue(r);
  if (r.chance(0.3))
    h['X-Forwarded-For'] = r.pick([
      '1.2.3.4',
      '1.2.3.4.5',
      '::ffff:',
      '[::1]:80',
      '1.2.3.4:99999',
      ',,,',
      'unknown',
      '203.0.113.9, 10.0.0.1',
      headerValue(r),
    ]);
  if (r.chance(0.2))
    h['Accept-Language'] = r.pick([
      'zh-CN',
      'en;q=abc',
      '*;q=1e9',
      'zh-CN,zh;q=0.9,en;q=0.8',
      headerValue(r),
    ]);
  if (r.chance(0.1)) h['User-Agent'] = headerValue(r, 2000);
  if (r.chance(0.1)) h['X-QR-Secret'] = headerValue(r);
  return h;
}
