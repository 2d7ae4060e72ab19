/**
 * `GET /connections/{idp}/authorize` and `/callback` on a real app with the simulated providers:
 * nothing the browser could forge is trusted — the state (single use, bound to the browser that
 * started it), `returnTo` (allowed origins only), the postMessage target, the code (once).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../testing.ts';
import { browser, connectionTicket, handoffOf, signInAt, TEST_FLOW_HASH } from './connections.testing.ts';
import { HANDOFF_JS } from './connections.ts';

const SITE = 'https://console.example.com';

describe('connections: authorize and callback', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ allowedOrigins: [SITE] });
  });
  after(() => h.close());

  test('authorize: 302 to the provider with a state, and an HttpOnly SameSite=Lax cookie binding it to this browser', async () => {
    const b = browser(h);
    const answer = await b.get('/api/jdcloud/connections/wechat/authorize?mode=popup');
    assert.equal(answer.status, 302);
    assert.equal(answer.location!.pathname, '/idp/wechat/connect/qrconnect');
    assert.match(answer.location!.searchParams.get('state')!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(
      answer.location!.searchParams.get('redirect_uri'),
      'http://localhost/api/jdcloud/connections/wechat/callback',
    );
    const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('cl_session_state_jdcloud='));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    // A second flow in the same browser keeps the same binding (two tabs do not break each other).
    const value = b.cookies.get('cl_session_state_jdcloud');
    await b.get('/api/jdcloud/connections/jd/authorize');
    assert.equal(b.cookies.get('cl_session_state_jdcloud'), value);
  });

  test('authorize refuses an open redirect, a missing returnTo in redirect mode, unknown and unoffered providers', async () => {
    for (const returnTo of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const answer = await h.get(
        `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=${encodeURIComponent(returnTo)}`,
      );
      assert.equal(answer.status, 400, returnTo);
      assert.equal(answer.body.error.code, 'validation_failed');
      assert.equal(answer.body.error.issues[0].path, 'returnTo');
    }
    assert.equal(
      (await h.get('/api/jdcloud/connections/wechat/authorize?mode=redirect')).body.error.code,
      'validation_failed',
    );
    // Redirect mode hands the ticket through the address: only bound to a flow secret's hash.
    for (const query of ['mode=redirect&returnTo=/console', 'mode=redirect&returnTo=/console&flowHash=x']) {
      const answer = await h.get(`/api/jdcloud/connections/wechat/authorize?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.issues[0].path, 'flowHash');
    }
    assert.equal(
      (await h.get('/api/jdcloud/connections/wechat/authorize?mode=window')).body.error.code,
      'validation_failed',
    );
    assert.equal((await h.get('/api/jdcloud/connections/github/authorize')).status, 404);
    const notOffered = await h.get('/api/jdcloud/connections/qq/authorize');
    assert.equal(notOffered.status, 403);
    assert.equal(notOffered.body.error.code, 'method_disabled');
    assert.equal(
      (
        await h.get(
          `/api/jdcloud/connections/wechat/authorize?returnTo=${encodeURIComponent(`${SITE}/console`)}`,
        )
      ).status,
      302,
    );
  });

  test('popup: the page posts the ticket to the returnTo origin only, with an external script under a strict CSP', async () => {
    const b = browser(h);
    const start = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=popup&returnTo=${encodeURIComponent(`${SITE}/login?x=1`)}`,
    );
    const authorize = start.location!;
    const back = await b.request('POST', authorize.pathname, {
      form: { ...Object.fromEntries(authorize.searchParams), nickname: 'Popup', decision: 'allow' },
    });
    const page = await b.get(back.location!);
    assert.equal(page.status, 200);
    const csp = page.headers.get('Content-Security-Policy')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(page.text, /<script>/, 'no inline script');
    assert.match(page.text, /<script src="\/api\/jdcloud\/connections\/handoff\.js" defer><\/script>/);
    const handoff = handoffOf(page);
    assert.equal(handoff.target, SITE);
    assert.equal(handoff.message.type, 'cloud-login:connection');
    assert.match(handoff.message.ticket!, /^[A-Za-z0-9_-]{43}$/);
    // Started without a flow secret's hash: the ticket goes to the opener only, never into the
    // address (where it would not be bound to the tab).
    assert.equal(handoff.fallback, undefined);
    const bound = browser(h);
    const boundStart = await bound.get(
      `/api/jdcloud/connections/wechat/authorize?mode=popup&flowHash=${TEST_FLOW_HASH}&returnTo=${encodeURIComponent(`${SITE}/login?x=1`)}`,
    );
    const boundBack = await bound.request('POST', boundStart.location!.pathname, {
      form: {
        ...Object.fromEntries(boundStart.location!.searchParams),
        nickname: 'Popup',
        decision: 'allow',
      },
    });
    const boundHandoff = handoffOf(await bound.get(boundBack.location!));
    assert.equal(boundHandoff.fallback, `${SITE}/login?x=1#cl_ticket=${boundHandoff.message.ticket}`);
    const script = await h.get('/api/jdcloud/connections/handoff.js');
    assert.equal(script.headers.get('Content-Type'), 'text/javascript; charset=utf-8');
    assert.equal(script.text, HANDOFF_JS);
    assert.match(HANDOFF_JS, /postMessage\(data\.message, data\.target\)/);
    // Without returnTo, the target is this server itself.
    const own = browser(h);
    const ownStart = await own.get('/api/jdcloud/connections/wechat/authorize');
    const ownBack = await own.request('POST', ownStart.location!.pathname, {
      form: { ...Object.fromEntries(ownStart.location!.searchParams), nickname: 'Popup', decision: 'allow' },
    });
    assert.equal(handoffOf(await own.get(ownBack.location!)).target, 'http://localhost');
  });

  test('a wrong or replayed state gets a dead page, and a state from another browser is refused and spent', async () => {
    const b = browser(h);
    const start = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const authorize = start.location!;
    const back = await b.request('POST', authorize.pathname, {
      form: { ...Object.fromEntries(authorize.searchParams), nickname: 'Eve', decision: 'allow' },
    });
    const callback = back.location!;

    const forged = new URL(callback);
    forged.searchParams.set('state', 'A'.repeat(43));
    const wrong = await b.get(forged);
    assert.equal(wrong.status, 410);
    assert.doesNotMatch(wrong.text, /cl-handoff/);

    // An attacker's callback URL opened in the victim's browser (login CSRF): no binding cookie.
    const victim = browser(h);
    const csrf = await victim.get(callback);
    assert.equal(csrf.status, 400);
    assert.doesNotMatch(csrf.text, /cl-handoff|cl_ticket/);
    assert.equal((await b.get(callback)).status, 410, 'the state was spent by the refused attempt');

    // Another provider's callback with this browser's state is refused too.
    const other = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const jdCallback = `/api/jdcloud/connections/jd/callback?code=x&state=${other.location!.searchParams.get('state')}`;
    assert.equal((await b.get(jdCallback)).status, 400);
  });

  test('a replayed callback, a reused code and a refusal at the provider come back as errors', async () => {
    const b = browser(h);
    const start = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const back = await b.request('POST', start.location!.pathname, {
      form: { ...Object.fromEntries(start.location!.searchParams), nickname: 'Replay', decision: 'allow' },
    });
    const done = await b.get(back.location!);
    assert.match(done.location!.hash, /^#cl_ticket=/);
    assert.equal((await b.get(back.location!)).status, 410, 'the same callback twice');

    const again = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const code = back.location!.searchParams.get('code')!;
    const reused = await b.get(
      `/api/jdcloud/connections/wechat/callback?code=${code}&state=${again.location!.searchParams.get('state')}`,
    );
    assert.equal(reused.status, 302);
    assert.equal(reused.location!.href, 'http://localhost/console#cl_error=invalid_code');

    const refused = await signInAt(b, 'jdcloud', 'wechat', { name: 'No', refuse: true });
    assert.equal(refused.hash, '#cl_error=unauthenticated');
  });

  test('an expired code (10 min) is refused by the provider', async () => {
    const b = browser(h);
    const start = await b.get(
      `/api/jdcloud/connections/jd/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const back = await b.request('POST', start.location!.pathname, {
      form: { ...Object.fromEntries(start.location!.searchParams), username: 'late', password: 'jd-pass-1' },
    });
    const code = back.location!.searchParams.get('code')!;
    h.clock.advance(601);
    const fresh = await b.get(
      `/api/jdcloud/connections/jd/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const answer = await b.get(
      `/api/jdcloud/connections/jd/callback?code=${code}&state=${fresh.location!.searchParams.get('state')}`,
    );
    assert.equal(answer.location!.hash, '#cl_error=invalid_code');
  });

  test('the state expires after 10 minutes', async () => {
    const b = browser(h);
    const start = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    const back = await b.request('POST', start.location!.pathname, {
      form: { ...Object.fromEntries(start.location!.searchParams), nickname: 'Slow', decision: 'allow' },
    });
    h.clock.advance(601);
    assert.equal((await b.get(back.location!)).status, 410);
  });

  test('WeChat OA: unsigned events are refused; the QR page waits until a signed scan event arrives', async () => {
    const b = browser(h);
    const start = await b.get(
      `/api/tencentcloud/connections/wechat-mp/authorize?mode=redirect&returnTo=/console&flowHash=${TEST_FLOW_HASH}`,
    );
    assert.equal(start.location!.pathname, '/api/tencentcloud/connections/wechat-mp/scan');
    const waiting = await b.get(start.location!);
    assert.equal(waiting.status, 200);
    assert.match(waiting.text, /<meta http-equiv="refresh" content="2">/);
    assert.match(waiting.text, /<img src="\/idp\/wechat-mp\/cgi-bin\/showqrcode\?ticket=/);
    assert.match(waiting.headers.get('Content-Security-Policy')!, /img-src 'self'/);
    const forged = await h.call(
      'POST',
      '/api/tencentcloud/connections/wechat-mp/events?signature=x&timestamp=1&nonce=1',
      {
        raw: '<xml><MsgType>event</MsgType><Event>SCAN</Event><EventKey>x</EventKey><FromUserName>o1</FromUserName></xml>',
        headers: { 'Content-Type': 'text/xml' },
      },
    );
    assert.equal(forged.status, 403);
    assert.equal(
      (
        await h.get(
          '/api/tencentcloud/connections/wechat-mp/events?signature=x&timestamp=1&nonce=1&echostr=e',
        )
      ).status,
      403,
    );
    // The callback before any scan: no identity.
    const early = await b.get(start.location!.href.replace('/scan?', '/callback?'));
    assert.equal(early.location!.hash, '#cl_error=unauthenticated');
    // A full round: the simulated phone follows, the event arrives, the page moves on.
    assert.match(
      await connectionTicket(b, 'tencentcloud', 'wechat-mp', { name: 'Mei' }),
      /^[A-Za-z0-9_-]{43}$/,
    );
  });
});

describe('connections: abuse', () => {
  test('starting sign-ins is limited per client address (each one stores a state)', async () => {
    const h = await createHarness();
    try {
      const start = (address: string) =>
        h.call('GET', '/api/jdcloud/connections/wechat/authorize', { address });
      for (let i = 0; i < 30; i++) assert.equal((await start('198.51.100.7')).status, 302);
      const limited = await start('198.51.100.7');
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.ok(Number(limited.headers.get('Retry-After')) > 0);
      assert.equal((await start('198.51.100.8')).status, 302, 'another address is not affected');
      h.clock.advance(60);
      assert.equal((await start('198.51.100.7')).status, 302);
    } finally {
      await h.close();
    }
  });
});

describe('connections outside dev mode', () => {
  test('a provider without configuration is not offered, and no simulator is mounted', async () => {
    const h = await createHarness({ devMode: false });
    try {
      const answer = await h.get('/api/jdcloud/connections/wechat/authorize');
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'method_disabled');
      assert.equal((await h.get('/idp/wechat/connect/qrconnect')).status, 404);
      assert.deepEqual(
        (await h.get('/api/jdcloud/config')).body.methods.login,
        ['qr', 'password'],
        'no WeChat or JD button without an app',
      );
      assert.deepEqual((await h.get('/api/tencentcloud/config')).body.methods.register, ['email']);
    } finally {
      await h.close();
    }
  });

  test('a configured provider redirects to its real endpoint', async () => {
    const h = await createHarness({
      devMode: false,
      publicUrl: 'https://auth.example.com',
      identityProviders: { wechat: { appId: 'wx0123456789abcdef', appSecret: 's' } },
    });
    try {
      const answer = await h.get('/api/jdcloud/connections/wechat/authorize');
      assert.equal(answer.status, 302);
      const location = new URL(answer.headers.get('Location')!);
      assert.equal(location.origin + location.pathname, 'https://open.weixin.qq.com/connect/qrconnect');
      assert.equal(location.searchParams.get('appid'), 'wx0123456789abcdef');
      assert.equal(
        location.searchParams.get('redirect_uri'),
        'https://auth.example.com/api/jdcloud/connections/wechat/callback',
      );
      assert.match(answer.headers.getSetCookie()[0]!, /^__Host-cl_session_state_jdcloud=.*Secure/);
    } finally {
      await h.close();
    }
  });
});
