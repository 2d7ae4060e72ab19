/**
 * The app as a whole: config per preset, the error shape for bad requests (404, 415, malformed
 * JSON, oversize bodies, missing fields), CORS, dev-only routes, the OpenAPI document against
 * the real routes, and a sweep of hostile inputs that must never produce a 5xx.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ERROR_CODES, PROVIDER_IDS, PRESETS } from '@cloud-login/core';
import { createAuthServer } from './app.ts';
import { createHarness, type Harness } from './testing.ts';

/**
 * Routes that tell the documented paths apart in their handler (so the app keeps Hono's
 * RegExpRouter, see routes/qr.ts and routes/connections.ts) → the paths each one serves.
 */
const DISPATCHED: Record<string, string[]> = {
  'get /api/{provider}/qr/{id}': ['get /api/{provider}/qr/{id}', 'get /api/{provider}/qr/{id}.svg'],
  'get /api/{provider}/connections/{file}': ['get /api/{provider}/connections/handoff.js'],
  'get /api/{provider}/connections/{idp}/{action}': [
    'get /api/{provider}/connections/{idp}/authorize',
    'get /api/{provider}/connections/{idp}/callback',
    'get /api/{provider}/connections/wechat-mp/scan',
    'get /api/{provider}/connections/wechat-mp/events',
  ],
};

function assertError(answer: { status: number; body: any }, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body?.error?.code, code, JSON.stringify(answer.body));
  assert.equal(typeof answer.body.error.message, 'string');
}

describe('app', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ allowedOrigins: ['https://console.example.com'] });
  });
  after(() => h.close());

  test('GET /config answers the effective preset of every provider', async () => {
    for (const id of PROVIDER_IDS) {
      const answer = await h.get(`/api/${id}/config`);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.provider, id);
      assert.deepEqual(answer.body.methods.login, PRESETS[id].methods.login);
      assert.equal(answer.body.policies.code.resendAfter, 60);
      assert.equal(answer.body.policies.emailLinkTtl, 7200);
    }
    const tencent = await h.get('/api/tencentcloud/config');
    assert.equal(tencent.body.policies.maxAccountsPerPhone, 5);
    assert.ok(tencent.body.industries.length > 0);
  });

  test('unknown paths and providers answer 404 not_found in the error shape', async () => {
    assertError(await h.get('/nope'), 404, 'not_found');
    assertError(await h.get('/api/aws/config'), 404, 'not_found');
    assertError(await h.call('PATCH', '/api/jdcloud/config'), 404, 'not_found');
    // Paths beside the routes that check their own segments (qr, connections) are 404s too.
    assertError(await h.get('/api/default/connections/nope.js'), 404, 'not_found');
    assertError(await h.get('/api/default/connections/github/nope'), 404, 'not_found');
    assertError(await h.get('/api/default/connections/wechat/scan'), 404, 'not_found');
    assertError(await h.get('/api/default/connections/wechat/events'), 404, 'not_found');
    assertError(await h.get('/api/default/connections/wechat-mp/authorize/more'), 404, 'not_found');
  });

  test("every route suits Hono's RegExpRouter (one unsuited route slows every request)", async () => {
    for (const devMode of [false, true]) {
      const app = createAuthServer({ store: h.store, devMode, staticFiles: {} });
      await app.request('/api/default/config');
      const router = app.router as unknown as { activeRouter?: { name: string } };
      assert.equal(router.activeRouter?.name, 'RegExpRouter', `devMode ${devMode}`);
    }
  });

  test('a body that is not JSON answers 415 unsupported_media_type', async () => {
    const answer = await h.call('POST', '/api/jdcloud/sessions', {
      raw: 'identifier=a&password=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assertError(answer, 415, 'unsupported_media_type');
    assertError(await h.call('POST', '/api/jdcloud/sessions', { raw: '{}' }), 415, 'unsupported_media_type');
    assertError(
      await h.call('POST', '/api/jdcloud/sessions', { raw: '{}', headers: { 'Content-Type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
  });

  test('malformed JSON answers 400 validation_failed', async () => {
    const answer = await h.call('POST', '/api/jdcloud/sessions', {
      raw: '{"identifier":',
      headers: { 'Content-Type': 'application/json' },
    });
    assertError(answer, 400, 'validation_failed');
    assert.ok(Array.isArray(answer.body.error.issues));
  });

  test('missing and mistyped fields answer validation_failed with one issue per field', async () => {
    const answer = await h.post('/api/jdcloud/sessions', { identifier: 42 });
    assertError(answer, 400, 'validation_failed');
    const paths = answer.body.error.issues.map((issue: { path: string }) => issue.path).sort();
    assert.deepEqual(paths, ['identifier', 'password']);
    const missing = answer.body.error.issues.find((issue: { path: string }) => issue.path === 'password');
    assert.equal(missing.code, 'field_required');
    assertError(await h.post('/api/jdcloud/sessions', [1, 2]), 400, 'validation_failed');
    assertError(await h.post('/api/jdcloud/sessions', null), 400, 'validation_failed');
  });

  test('an oversize body answers 400 validation_failed, not a 5xx', async () => {
    const answer = await h.post('/api/jdcloud/sessions', { identifier: 'a', password: 'x'.repeat(200_000) });
    assertError(answer, 400, 'validation_failed');
  });

  test('CORS: allowlisted origins get credentials; others get no Allow-Origin', async () => {
    const preflight = await h.call('OPTIONS', '/api/jdcloud/sessions', {
      headers: {
        Origin: 'https://console.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://console.example.com');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    const evil = await h.call('OPTIONS', '/api/jdcloud/sessions', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const simple = await h.get('/api/jdcloud/config', { headers: { Origin: 'https://console.example.com' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), 'https://console.example.com');
    assert.match(simple.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    // Error answers carry the CORS headers too, or a browser could not read their code.
    const failed = await h.post(
      '/api/jdcloud/sessions',
      { identifier: 'x' },
      { headers: { Origin: 'https://console.example.com' } },
    );
    assert.equal(failed.status, 400);
    assert.equal(failed.headers.get('access-control-allow-origin'), 'https://console.example.com');
    const thrown = await h.get('/api/jdcloud/session', {
      headers: { Origin: 'https://console.example.com' },
    });
    assert.equal(thrown.status, 401);
    assert.equal(thrown.headers.get('access-control-allow-origin'), 'https://console.example.com');
  });

  test('API answers are not cached and not sniffed', async () => {
    const answer = await h.post('/api/jdcloud/sessions', {
      identifier: 'nobody-here',
      password: 'whatever-1',
    });
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
  });

  test('dev routes exist only in dev mode', async () => {
    const prod = await createHarness({ devMode: false });
    try {
      assertError(await prod.get('/api/jdcloud/dev/outbox'), 404, 'not_found');
      assertError(
        await prod.post('/api/jdcloud/dev/legacy-accounts', { password: 'secret1' }),
        404,
        'not_found',
      );
      const doc = await prod.get('/openapi.json');
      assert.equal(doc.body.paths['/api/{provider}/dev/outbox'], undefined);
    } finally {
      await prod.close();
    }
  });

  test('only the enabled providers are mounted, with their overrides', async () => {
    const some = await createHarness({
      providers: { qingcloud: true, default: { code: { resendAfter: 90 } } },
    });
    try {
      assertError(await some.get('/api/jdcloud/config'), 404, 'not_found');
      assert.equal((await some.get('/api/qingcloud/config')).status, 200);
      assert.equal((await some.get('/api/default/config')).body.policies.code.resendAfter, 90);
    } finally {
      await some.close();
    }
  });

  /** Hono's `:id` and `:file{[…]+\.svg}` as OpenAPI writes them: `{id}`, `{file}.svg`. */
  const openApiPath = (path: string) =>
    path.replace(/:(\w+)\{[^}]*\\\.svg\}/g, '{$1}.svg').replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

  test('GET /openapi.json lists every route of the app with its body and error schemas', async () => {
    const answer = await h.get('/openapi.json');
    assert.equal(answer.status, 200);
    const doc = answer.body;
    assert.equal(doc.openapi, '3.1.0');
    const routes = new Set(
      h.app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/jdcloud/'))
        .map(
          (route) =>
            `${route.method.toLowerCase()} ${openApiPath(route.path.replace('/api/jdcloud/', '/api/{provider}/'))}`,
        )
        .flatMap((route) => DISPATCHED[route] ?? [route]),
    );
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method} ${path}`);
    }
    assert.deepEqual([...routes].sort(), [...documented].sort());
    // Request bodies point at schemas generated from core's zod schemas.
    const register = doc.paths['/api/{provider}/accounts'].post;
    assert.equal(
      register.requestBody.content['application/json'].schema.$ref,
      '#/components/schemas/CreateAccountRequest',
    );
    assert.ok(doc.components.schemas.CreateAccountRequest.properties.recommendationCode);
    assert.ok(register.responses['201'] && register.responses['202'] && register.responses['409']);
    assert.deepEqual(
      doc.components.schemas.Error.properties.error.properties.code.enum.sort(),
      [...ERROR_CODES].sort(),
    );
    const login = doc.paths['/api/{provider}/sessions'].post;
    assert.equal(login.responses['200'].content['application/json'].schema.anyOf.length, 4);
    assert.ok(login.responses['429'].headers['Retry-After']);
    // Who may call: public operations say so with `[]`, session ones name bearer and cookie.
    assert.deepEqual(login.security, []);
    assert.deepEqual(doc.paths['/api/{provider}/session'].get.security, [{ bearer: [] }, { cookie: [] }]);
    assert.deepEqual(doc.paths['/api/{provider}/codes'].post.security, [{}, { bearer: [] }, { cookie: [] }]);
    assert.deepEqual(doc.info.license, { name: 'MIT', identifier: 'MIT' });
  });

  test('hostile input never produces a 5xx', async () => {
    const bodies: unknown[] = [
      {},
      { phone: '+86' + '1'.repeat(300) },
      { phone: '\u0000\u202e', channel: 'sms', purpose: 'register' },
      { phone: '+8613800138000', channel: 'fax', purpose: 'register' },
      { identifier: '__proto__', password: 'constructor' },
      { identifier: '+861380013800', password: 'x' },
      { identifier: '@@@', password: '' },
      { ticket: 'x', accountId: '../../etc' },
      { ticket: '', createNew: 'yes' },
      {
        accountName: '𝕏'.repeat(50),
        password: 'a'.repeat(255),
        phone: 'abc',
        code: '１２３４５６',
        agreements: ['x'],
      },
      { email: 'a@b', password: 'short', agreements: true, returnTo: 'javascript:alert(1)' },
      { email: 'x@example.com', newPassword: 1 },
      { __proto__: { polluted: true }, constructor: { prototype: 1 } },
      'string',
      12,
    ];
    const paths = [
      '/codes',
      '/accounts',
      '/sessions',
      '/sessions/sms',
      '/sessions/subaccount',
      '/continue',
      '/account/email',
      '/dev/legacy-accounts',
    ];
    for (const provider of PROVIDER_IDS) {
      for (const path of paths) {
        for (const body of bodies) {
          const answer = await h.post(`/api/${provider}${path}`, body);
          assert.ok(
            answer.status < 500,
            `${provider}${path} ${JSON.stringify(body)} → ${answer.status} ${answer.text}`,
          );
          assert.ok(answer.body?.error?.code || answer.status < 300, `${provider}${path}: ${answer.text}`);
        }
      }
      for (const query of ['token=', 'token=%00', 'token=' + 'a'.repeat(5000), '']) {
        const answer = await h.get(`/api/${provider}/email/verify?${query}`);
        assert.ok(answer.status < 500, `${provider} verify ${query} → ${answer.status}`);
      }
      const bad = await h.get(`/api/${provider}/session`, {
        headers: { Cookie: '%%%;;=;cl_session_x="', Authorization: 'Bearer \u00ff' },
      });
      assert.equal(bad.status, 401);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
