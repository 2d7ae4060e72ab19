/**
 * Sessions, cookies and CSRF (issue 6 "Abuse"; ASVS 3.3 cookies, 3.5 CSRF, 7 sessions):
 *
 * - CSRF: every cookie-authenticated write listed in /openapi.json is refused from a foreign
 *   Origin, a foreign Referer, `Origin: null` or no origin at all; every JSON endpoint refuses
 *   the bodies a cross-site form can send (415); a foreign preflight gets no CORS grant.
 * - Session fixation: every sign-in issues a new token, a planted cookie is never adopted, the
 *   session the browser's cookie carried is revoked at the next sign-in, and logout kills the
 *   token server-side (bearer and cookie alike).
 * - Cookie attributes: HttpOnly, SameSite=Lax, Path=/, a Max-Age; `__Host-` + Secure on https.
 * - Tokens are 256-bit and only their hashes reach the data file.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  address,
  cookieOf,
  figure,
  phone,
  startApp,
  type Answer,
  type AppServer,
} from '../support/server.ts';
import { appForSuite, registerJdFrom } from '../support/suite.ts';

const SITE = 'https://console.example.com';
const EVIL = 'https://evil.example';
const QR_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

interface Operation {
  method: string;
  path: string;
  auth: boolean;
  json: boolean;
}

/** Every operation of the published contract, with its path parameters filled in. */
async function operations(s: AppServer): Promise<Operation[]> {
  const doc = (await s.api.get('/openapi.json')).body;
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      out.push({
        method: method.toUpperCase(),
        path: path.replace('{provider}', 'jdcloud').replace('{idp}', 'wechat').replace('{id}', QR_ID),
        // A session required: some scheme listed, and no `{}` (anonymous allowed) among them.
        auth:
          Array.isArray(op.security) &&
          op.security.length > 0 &&
          !op.security.some((scheme: object) => Object.keys(scheme).length === 0),
        json: op.requestBody?.content?.['application/json'] !== undefined,
      });
    }
  }
  return out;
}

describe('sessions, cookies and CSRF', () => {
  let s: AppServer;
  let n = 0;
  appForSuite({ allowedOrigins: [SITE], trustedProxies: ['127.0.0.1'] }, (app) => (s = app));

  async function registerJd(name: string): Promise<Answer> {
    n++;
    const answer = await registerJdFrom(s.api, name, phone(8000 + n), address(n));
    assert.equal(answer.status, 201, answer.text);
    return answer;
  }

  test('CSRF: every cookie-authenticated write is refused without an allowed Origin', async () => {
    const registered = await registerJd('csrf-user01');
    const cookie = cookieOf(registered);
    const writes = (await operations(s)).filter((op) => op.auth && op.method !== 'GET');
    assert.ok(writes.length >= 6, `only ${writes.length} authenticated writes published`);
    const origins: [string, Record<string, string>][] = [
      ['foreign Origin', { Origin: EVIL }],
      ['foreign Referer, no Origin', { Referer: `${EVIL}/page` }],
      ['Origin: null', { Origin: 'null' }],
      ['no Origin, no Referer', {}],
      ['look-alike Origin', { Origin: `${SITE}.evil.example` }],
      ['http instead of https', { Origin: SITE.replace('https:', 'http:') }],
    ];
    let refused = 0;
    for (const op of writes) {
      for (const [label, headers] of origins) {
        const answer = await s.api.call(op.method, op.path, {
          cookie,
          headers,
          ...(op.json && { body: {} }),
        });
        assert.equal(
          answer.status,
          403,
          `${op.method} ${op.path} with ${label}: ${answer.status} ${answer.text}`,
        );
        assert.equal(answer.body.error.code, 'origin_not_allowed');
        refused++;
      }
    }
    // Nothing happened to the session; from the allowed origin the same cookie works.
    assert.equal((await s.api.get('/api/jdcloud/session', { cookie })).status, 200);
    const logout = await s.api.call('DELETE', '/api/jdcloud/session', { cookie, headers: { Origin: SITE } });
    assert.equal(logout.status, 204);
    // The bearer token needs no Origin (a browser never attaches it by itself).
    const again = await s.api.post('/api/jdcloud/sessions', {
      identifier: 'csrf-user01',
      password: 'Secret-123',
    });
    assert.equal(
      (
        await s.api.call('DELETE', '/api/jdcloud/session', {
          token: again.body.session.token,
          headers: { Origin: EVIL },
        })
      ).status,
      204,
    );
    figure(
      `CSRF: ${writes.length} cookie-authenticated writes × ${origins.length} origin cases = ${refused} refused with 403 origin_not_allowed (${writes.map((op) => `${op.method} ${op.path.replace('/api/jdcloud', '')}`).join(', ')})`,
    );
  });

  test('CSRF: every JSON endpoint refuses what a cross-site form can send (415)', async () => {
    const bodies = (await operations(s)).filter((op) => op.json);
    assert.ok(bodies.length >= 10);
    const forms: [string, string][] = [
      ['application/x-www-form-urlencoded', 'identifier=a&password=b'],
      ['text/plain', '{"identifier":"a","password":"b"}'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
      ],
      ['text/plain; charset=application/json', '{"identifier":"a","password":"b"}'],
    ];
    for (const op of bodies) {
      for (const [type, raw] of forms) {
        // POST /email/verify also takes its confirmation page's form: the token in the body is
        // the secret, and a ticket it yields is bound to the registering tab (tickets.test.ts).
        if (op.path === '/api/jdcloud/email/verify' && type === 'application/x-www-form-urlencoded') continue;
        const answer = await s.api.call(op.method, op.path, {
          raw,
          headers: { 'Content-Type': type, Origin: EVIL },
        });
        // Authenticated routes may refuse earlier (401); none may accept the body.
        assert.ok(
          [415, 401].includes(answer.status),
          `${op.method} ${op.path} as ${type}: ${answer.status} ${answer.text}`,
        );
        if (!op.auth)
          assert.equal(
            answer.body.error.code,
            'unsupported_media_type',
            `${op.method} ${op.path} as ${type}`,
          );
      }
    }
    figure(`CSRF: ${bodies.length} JSON endpoints × ${forms.length} form encodings refused`);
  });

  test('CORS: a foreign preflight gets no grant; the allowed origin gets credentials', async () => {
    const preflight = (origin: string) =>
      s.api.call('OPTIONS', '/api/jdcloud/sessions', {
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const foreign = await preflight(EVIL);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal(
      foreign.headers.get('access-control-allow-credentials') === 'true' &&
        foreign.headers.get('access-control-allow-origin') !== null,
      false,
    );
    const allowed = await preflight(SITE);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SITE);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    // A simple GET from a foreign page is answered, but without a grant its script cannot read it.
    const read = await s.api.get('/api/jdcloud/config', { headers: { Origin: EVIL } });
    assert.equal(read.headers.get('access-control-allow-origin'), null);
  });

  test('session fixation: a new token at every sign-in, a planted cookie is never adopted, the old cookie session dies', async () => {
    await registerJd('fixation01');
    const planted = 'A'.repeat(43);
    const first = await s.api.post(
      '/api/jdcloud/sessions',
      { identifier: 'fixation01', password: 'Secret-123' },
      { cookie: `cl_session_jdcloud=${planted}` },
    );
    assert.equal(first.status, 200);
    assert.notEqual(first.body.session.token, planted);
    assert.equal(cookieOf(first), `cl_session_jdcloud=${first.body.session.token}`);
    assert.equal(
      (await s.api.get('/api/jdcloud/session', { cookie: `cl_session_jdcloud=${planted}` })).status,
      401,
    );

    const tokens = new Set([first.body.session.token]);
    let cookie = cookieOf(first);
    for (let i = 0; i < 4; i++) {
      const next = await s.api.post(
        '/api/jdcloud/sessions',
        { identifier: 'fixation01', password: 'Secret-123' },
        { cookie },
      );
      assert.equal(next.status, 200);
      assert.ok(!tokens.has(next.body.session.token), 'a fresh token');
      tokens.add(next.body.session.token);
      // The session the browser's cookie carried was revoked by this sign-in.
      assert.equal((await s.api.get('/api/jdcloud/session', { cookie })).status, 401);
      cookie = cookieOf(next);
    }
    figure(
      `sessions: ${tokens.size} sign-ins → ${tokens.size} distinct tokens; each sign-in revoked the cookie's previous session; a planted cookie was not adopted`,
    );
  });

  test('logout kills the token server-side (bearer and cookie), and clears the cookie', async () => {
    const registered = await registerJd('logout-me01');
    const token = registered.body.session.token;
    const cookie = cookieOf(registered);
    const logout = await s.api.call('DELETE', '/api/jdcloud/session', { token });
    assert.equal(logout.status, 204);
    assert.match(logout.headers.get('set-cookie') ?? '', /cl_session_jdcloud=;.*Max-Age=0/i);
    assert.equal((await s.api.get('/api/jdcloud/session', { token })).status, 401);
    assert.equal(
      (await s.api.get('/api/jdcloud/session', { cookie })).status,
      401,
      'a copy of the cookie is dead too',
    );
    assert.equal((await s.api.call('DELETE', '/api/jdcloud/session', { token })).status, 401);
  });

  test('cookies: HttpOnly, SameSite=Lax, Path=/, Max-Age; tokens 256-bit, stored hashed', async () => {
    const registered = await registerJd('cookie-me01');
    const header = registered.headers.get('set-cookie')!;
    for (const attribute of [/HttpOnly/i, /SameSite=Lax/i, /Path=\//, /Max-Age=2592000/])
      assert.match(header, attribute);
    assert.doesNotMatch(header, /Domain=/i);
    const token: string = registered.body.session.token;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    // The snapshot, and the journal where a new session is written first.
    const files = await Promise.all(
      (await readdir(s.dir)).map(async (name) => [name, await readFile(join(s.dir, name), 'utf8')] as const),
    );
    assert.ok(
      files.some(([, text]) => text.includes('"put":"sessions"')),
      'the session itself was written',
    );
    for (const [name, text] of files)
      assert.ok(!text.includes(token), `the raw token never reaches the data files (${name})`);
    assert.equal(registered.headers.get('cache-control'), 'no-store');
    assert.equal(registered.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('sessions over https (publicUrl)', () => {
  test('the cookie is __Host- prefixed and Secure', async () => {
    const s = await startApp({ publicUrl: 'https://auth.example.com', trustedProxies: ['127.0.0.1'] });
    try {
      const registered = await s.api.post('/api/default/accounts', {
        email: 'https-cookie@example.com',
        password: 'https-pass-2024',
      });
      assert.equal(registered.status, 201);
      const header = registered.headers.get('set-cookie')!;
      assert.match(header, /^__Host-cl_session_default=/);
      for (const attribute of [/Secure/i, /HttpOnly/i, /SameSite=Lax/i, /Path=\//])
        assert.match(header, attribute);
      assert.doesNotMatch(header, /Domain=/i);
      // Read back under its prefixed name; the unprefixed name (which a subdomain could plant) is ignored.
      const token = registered.body.session.token;
      assert.equal(
        (await s.api.get('/api/default/session', { cookie: `__Host-cl_session_default=${token}` })).status,
        200,
      );
      assert.equal(
        (await s.api.get('/api/default/session', { cookie: `cl_session_default=${token}` })).status,
        401,
      );
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
});
