/**
 * `GET` / `DELETE /session`, bearer and cookie authentication, session expiry and rotation, the
 * `__Host-` cookie on https, and the Origin check on cookie-authenticated writes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, registerJd } from '../testing.ts';

const PHONE = '+8613800138000';

function cookieOf(setCookie: string | null): string {
  assert.ok(setCookie, 'expected a Set-Cookie header');
  return setCookie.split(';')[0]!;
}

describe('session', () => {
  test('GET /session with the bearer token or the cookie; without either → unauthenticated', async () => {
    const h = await createHarness();
    try {
      const registered = await registerJd(h, 'alice-01', PHONE);
      const bearer = await h.get('/api/jdcloud/session', { token: registered.session.token });
      assert.equal(bearer.status, 200);
      assert.equal(bearer.body.account.accountName, 'alice-01');
      assert.equal(bearer.body.account.phone, '+86 138****8000');

      const login = await h.post('/api/jdcloud/sessions', { identifier: 'alice-01', password: 'Secret-123' });
      const cookie = cookieOf(login.headers.get('set-cookie'));
      const byCookie = await h.get('/api/jdcloud/session', { headers: { Cookie: cookie } });
      assert.equal(byCookie.status, 200);

      for (const headers of <Record<string, string>[]>[
        {},
        { Authorization: 'Bearer nope' },
        { Authorization: 'Basic abc' },
        { Cookie: 'cl_session_jdcloud=forged-token-value-000000' },
      ]) {
        const answer = await h.get('/api/jdcloud/session', { headers });
        assert.equal(answer.status, 401);
        assert.equal(answer.body.error.code, 'unauthenticated');
      }
      // A session belongs to its provider.
      const other = await h.get('/api/qingcloud/session', { token: registered.session.token });
      assert.equal(other.body.error.code, 'unauthenticated');
    } finally {
      await h.close();
    }
  });

  test('DELETE /session → 204, the token is dead and the cookie cleared', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const out = await h.call('DELETE', '/api/jdcloud/session', { token: session.token });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
      const after = await h.get('/api/jdcloud/session', { token: session.token });
      assert.equal(after.status, 401);
      assert.equal((await h.call('DELETE', '/api/jdcloud/session', { token: session.token })).status, 401);
    } finally {
      await h.close();
    }
  });

  test('sessions expire after 30 days (configurable)', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const expires = Date.parse(session.expiresAt) - h.clock.now().getTime();
      assert.equal(Math.round(expires / 86_400_000), 30);
      // Used every few days, so the idle timeout (7 days) never ends it first.
      for (let day = 0; day < 29; day += 5) {
        h.clock.advance(Math.min(5, 29 - day) * 86_400);
        assert.equal((await h.get('/api/jdcloud/session', { token: session.token })).status, 200);
      }
      h.clock.advance(86_400 + 1);
      assert.equal((await h.get('/api/jdcloud/session', { token: session.token })).status, 401);
    } finally {
      await h.close();
    }
    const short = await createHarness({ sessionTtl: 60 });
    try {
      const { session } = await registerJd(short, 'bob-0001', PHONE);
      short.clock.advance(61);
      assert.equal((await short.get('/api/jdcloud/session', { token: session.token })).status, 401);
    } finally {
      await short.close();
    }
  });

  test('signing in again with a session cookie revokes the old session (rotation)', async () => {
    const h = await createHarness();
    try {
      const first = await registerJd(h, 'alice-01', PHONE);
      const again = await h.post(
        '/api/jdcloud/sessions',
        { identifier: 'alice-01', password: 'Secret-123' },
        { headers: { Cookie: `cl_session_jdcloud=${first.session.token}` } },
      );
      assert.equal(again.status, 200);
      assert.notEqual(again.body.session.token, first.session.token);
      assert.equal((await h.get('/api/jdcloud/session', { token: first.session.token })).status, 401);
      assert.equal((await h.get('/api/jdcloud/session', { token: again.body.session.token })).status, 200);
    } finally {
      await h.close();
    }
  });

  test('on https (or cookie.secure) the cookie is __Host- prefixed and Secure', async () => {
    const h = await createHarness({ publicUrl: 'https://auth.example.com' });
    try {
      const code = await h.code('jdcloud', PHONE);
      const answer = await h.post('/api/jdcloud/accounts', {
        accountName: 'alice-01',
        password: 'Secret-123',
        phone: PHONE,
        code,
        agreements: true,
      });
      const setCookie = answer.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /^__Host-cl_session_jdcloud=/);
      assert.match(setCookie, /; Secure/);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Domain=/);
      const me = await h.get('/api/jdcloud/session', { headers: { Cookie: cookieOf(setCookie) } });
      assert.equal(me.status, 200);
    } finally {
      await h.close();
    }
  });

  test('cookie-authenticated writes need an allowed Origin; same-origin and bearer calls pass', async () => {
    const h = await createHarness({ allowedOrigins: ['https://console.example.com'] });
    try {
      const registered = await registerJd(h, 'alice-01', PHONE);
      const cookie = `cl_session_jdcloud=${registered.session.token}`;
      const write = (headers: Record<string, string>) =>
        h.call('PUT', '/api/jdcloud/account/password', {
          body: { currentPassword: 'Secret-123', newPassword: 'Secret-456' },
          headers: { Cookie: cookie, ...headers },
        });

      for (const origin of ['https://evil.example', 'null', 'https://console.example.com.evil.example']) {
        const answer = await write({ Origin: origin });
        assert.equal(answer.status, 403, origin);
        assert.equal(answer.body.error.code, 'origin_not_allowed');
      }
      assert.equal((await write({})).body.error.code, 'origin_not_allowed', 'no Origin at all');
      assert.equal(
        (await write({ Referer: 'https://evil.example/page' })).body.error.code,
        'origin_not_allowed',
      );
      const logout = await h.call('DELETE', '/api/jdcloud/session', {
        headers: { Cookie: cookie, Origin: 'https://evil.example' },
      });
      assert.equal(logout.body.error.code, 'origin_not_allowed');

      // Reads with the cookie need no Origin.
      assert.equal(
        (await h.get('/api/jdcloud/session', { headers: { Cookie: cookie, Origin: 'https://evil.example' } }))
          .status,
        200,
      );
      // Allowed origin, and the server's own origin.
      assert.equal((await write({ Origin: 'https://console.example.com' })).status, 204);
      const sameOrigin = await h.call('PUT', '/api/jdcloud/account/password', {
        body: { currentPassword: 'Secret-456', newPassword: 'Secret-789' },
        headers: { Cookie: cookie, Origin: 'http://localhost' },
      });
      assert.equal(sameOrigin.status, 204);
      // A bearer token is not sent by the browser on its own: any Origin may use it.
      const bearer = await h.call('PUT', '/api/jdcloud/account/password', {
        body: { currentPassword: 'Secret-789', newPassword: 'Secret-000' },
        token: registered.session.token,
        headers: { Origin: 'https://evil.example' },
      });
      assert.equal(bearer.status, 204);
    } finally {
      await h.close();
    }
  });
});
