/**
 * Protocol tests of the simulated identity providers, driven by the real clients of
 * `clients.ts` (as the server uses them) and by raw requests where a client would never send
 * the bad request: a reused code, an expired code, a foreign `redirect_uri`, a wrong secret, an
 * unsigned or replayed Official Account event are all refused.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { createLowdbStore } from '../../store/lowdb.ts';
import type { Store } from '../../store/types.ts';
import { jdClient, qqClient, wechatClient, wechatMpClient, wechatSignature } from '../../idp/clients.ts';
import {
  simulatedApp,
  simulatedConfig,
  simulatedProviders,
  SIMULATOR_BASE,
  type SimulatedApp,
} from './index.ts';
import { IdpError, type IdpFetch } from '../../idp/types.ts';

const ORIGIN = 'http://localhost';
let time = Date.parse('2026-03-01T08:00:00Z');
const now = () => new Date(time);
let dir: string;
let store: Store;
let app: Hono;
let events: { url: string; body: string }[] = [];
const apps = {
  wechat: simulatedApp('jdcloud', 'wechat'),
  qq: simulatedApp('tencentcloud', 'qq'),
  jd: simulatedApp('jdcloud', 'jd'),
  mp: simulatedApp('tencentcloud', 'wechat-mp'),
};
const fetchSim: IdpFetch = async (url, init) => app.request(new URL(url, ORIGIN).href, init);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cl-idp-test-'));
  store = await createLowdbStore({ dir, now: () => time });
  app = new Hono().route(
    SIMULATOR_BASE,
    simulatedProviders({
      store,
      now,
      apps: Object.values(apps),
      deliver: async (request) => {
        events.push({ url: request.url, body: await request.text() });
        return new Response('success');
      },
    }),
  );
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const callback = (a: SimulatedApp) => `${ORIGIN}${a.redirectPath}`;

/** Submits the provider's page as a person would and returns the redirect back to the app. */
async function authorize(a: SimulatedApp, authorizeUrl: string, form: Record<string, string>): Promise<URL> {
  const url = new URL(authorizeUrl, ORIGIN);
  const page = await app.request(url.href);
  assert.equal(page.status, 200, await page.clone().text());
  assert.match(page.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
  const html = await page.text();
  assert.doesNotMatch(html, /<script/i, 'the simulated pages run no script');
  const body = new URLSearchParams({ ...Object.fromEntries(url.searchParams), ...form });
  const answer = await app.request(`${ORIGIN}${url.pathname}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(answer.status, 302, await answer.text());
  return new URL(answer.headers.get('Location')!);
}

describe('simulated WeChat website login', () => {
  const client = () => wechatClient(simulatedConfig([apps.wechat]).wechat!, fetchSim);

  test('authorize → code → access_token gives openid and unionid; the same user again, the same ids', async () => {
    const url = client().authorizeUrl({ state: 'st-1', redirectUri: callback(apps.wechat) });
    assert.match(
      url,
      /^\/idp\/wechat\/connect\/qrconnect\?appid=wx[0-9a-f]{16}&redirect_uri=.*&response_type=code&scope=snsapi_login&state=st-1#wechat_redirect$/,
    );
    const back = await authorize(apps.wechat, url, { nickname: 'Alice', decision: 'allow' });
    assert.equal(back.origin + back.pathname, callback(apps.wechat));
    assert.equal(back.searchParams.get('state'), 'st-1');
    const first = await client().exchange({
      code: back.searchParams.get('code')!,
      redirectUri: callback(apps.wechat),
    });
    assert.match(first.openid, /^o/);
    assert.ok(first.unionid);
    // 002: the nickname, from sns/userinfo, is what the site shows.
    assert.equal(first.nickname, 'Alice');
    assert.equal(first.subject, first.unionid, 'connections are keyed by unionid when there is one');

    const again = await authorize(apps.wechat, url, { nickname: ' alice ', decision: 'allow' });
    assert.deepEqual(
      await client().exchange({ code: again.searchParams.get('code')!, redirectUri: callback(apps.wechat) }),
      first,
    );
  });

  test('a reused code is refused (40029)', async () => {
    const url = client().authorizeUrl({ state: 's', redirectUri: callback(apps.wechat) });
    const code = (await authorize(apps.wechat, url, { nickname: 'Bob', decision: 'allow' })).searchParams.get(
      'code',
    )!;
    await client().exchange({ code, redirectUri: callback(apps.wechat) });
    await assert.rejects(
      client().exchange({ code, redirectUri: callback(apps.wechat) }),
      (e) => e instanceof IdpError && e.reason === 'invalid_code',
    );
  });

  test('a code expires after 10 minutes', async () => {
    const url = client().authorizeUrl({ state: 's', redirectUri: callback(apps.wechat) });
    const code = (
      await authorize(apps.wechat, url, { nickname: 'Carol', decision: 'allow' })
    ).searchParams.get('code')!;
    time += 600_000;
    await assert.rejects(
      client().exchange({ code, redirectUri: callback(apps.wechat) }),
      (e) => e instanceof IdpError && e.reason === 'invalid_code',
    );
  });

  test('a wrong secret, an unknown appid and another app’s code are refused', async () => {
    const url = client().authorizeUrl({ state: 's', redirectUri: callback(apps.wechat) });
    const code = (await authorize(apps.wechat, url, { nickname: 'Dan', decision: 'allow' })).searchParams.get(
      'code',
    )!;
    const wrongSecret = wechatClient(
      { ...simulatedConfig([apps.wechat]).wechat!, appSecret: 'nope' },
      fetchSim,
    );
    await assert.rejects(
      wrongSecret.exchange({ code, redirectUri: '' }),
      (e) => e instanceof IdpError && e.reason === 'unavailable' && /40125/.test(e.message),
    );
    const other = simulatedApp('qingcloud', 'wechat');
    const unknown = wechatClient(simulatedConfig([other]).wechat!, fetchSim);
    await assert.rejects(unknown.exchange({ code, redirectUri: '' }), /40013/);
    // The code survived the refused attempts (they never reached it) and still works once.
    assert.ok((await client().exchange({ code, redirectUri: '' })).openid);
  });

  test('a foreign redirect_uri, an unknown appid or another scope get an error page, not a redirect', async () => {
    for (const redirectUri of [
      'http://evil.example/api/jdcloud/connections/wechat/callback',
      `${ORIGIN}/api/qingcloud/connections/wechat/callback`,
      `${ORIGIN}/elsewhere`,
      'not a url',
    ]) {
      const answer = await app.request(
        new URL(client().authorizeUrl({ state: 's', redirectUri }), ORIGIN).href,
      );
      assert.equal(answer.status, 400, redirectUri);
      assert.match(await answer.text(), /10003/);
    }
    // The form post is checked again: hidden fields are the browser's to change.
    const body = new URLSearchParams({
      appid: apps.wechat.clientId,
      redirect_uri: 'http://evil.example/cb',
      response_type: 'code',
      scope: 'snsapi_login',
      state: 's',
      decision: 'allow',
    });
    const posted = await app.request(`${ORIGIN}/idp/wechat/connect/qrconnect`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(posted.status, 400);
    const wrongApp = await app.request(
      `${ORIGIN}/idp/wechat/connect/qrconnect?appid=wx0000&redirect_uri=${encodeURIComponent(callback(apps.wechat))}&response_type=code&scope=snsapi_login`,
    );
    assert.equal(wrongApp.status, 400);
    const wrongScope = await app.request(
      `${ORIGIN}/idp/wechat/connect/qrconnect?appid=${apps.wechat.clientId}&redirect_uri=${encodeURIComponent(callback(apps.wechat))}&response_type=code&scope=snsapi_userinfo`,
    );
    assert.equal(wrongScope.status, 400);
  });

  test('"deny" comes back with the state and no code', async () => {
    const back = await authorize(
      apps.wechat,
      client().authorizeUrl({ state: 'st-9', redirectUri: callback(apps.wechat) }),
      { decision: 'deny' },
    );
    assert.equal(back.searchParams.get('code'), null);
    assert.equal(back.searchParams.get('state'), 'st-9');
  });
});

describe('simulated QQ Connect', () => {
  const client = () => qqClient(simulatedConfig([apps.qq]).qq!, fetchSim);

  test('authorize → token → me gives openid and unionid', async () => {
    const url = client().authorizeUrl({ state: 'q1', redirectUri: callback(apps.qq) });
    const back = await authorize(apps.qq, url, { qq: '10001', password: 'qq-pass-1', decision: 'allow' });
    const identity = await client().exchange({
      code: back.searchParams.get('code')!,
      redirectUri: callback(apps.qq),
    });
    assert.match(identity.openid, /^[0-9A-F]{32}$/);
    assert.match(identity.unionid!, /^UID_/);
  });

  test('a reused code, an expired code and a redirect_uri other than the authorize one are refused', async () => {
    const url = client().authorizeUrl({ state: 'q2', redirectUri: callback(apps.qq) });
    const code = async () =>
      (
        await authorize(apps.qq, url, { qq: '10002', password: 'qq-pass-1', decision: 'allow' })
      ).searchParams.get('code')!;
    const reused = await code();
    await client().exchange({ code: reused, redirectUri: callback(apps.qq) });
    await assert.rejects(
      client().exchange({ code: reused, redirectUri: callback(apps.qq) }),
      (e) => e instanceof IdpError && e.reason === 'invalid_code',
    );

    const expired = await code();
    time += 600_001;
    await assert.rejects(client().exchange({ code: expired, redirectUri: callback(apps.qq) }), /100019/);

    const moved = await code();
    await assert.rejects(client().exchange({ code: moved, redirectUri: `${ORIGIN}/other` }), /100010/);
  });

  test('a foreign redirect_uri gets an error page; cancel comes back without a code', async () => {
    const answer = await app.request(
      new URL(client().authorizeUrl({ state: 's', redirectUri: 'https://evil.example/cb' }), ORIGIN).href,
    );
    assert.equal(answer.status, 400);
    assert.match(await answer.text(), /100010/);
    const back = await authorize(
      apps.qq,
      client().authorizeUrl({ state: 'q3', redirectUri: callback(apps.qq) }),
      { decision: 'cancel' },
    );
    assert.equal(back.searchParams.get('code'), null);
    assert.equal(back.searchParams.get('state'), 'q3');
  });

  test('seed 004: the page asks for the QQ number and password; a wrong password signs nobody in', async () => {
    const url = new URL(client().authorizeUrl({ state: 'q4', redirectUri: callback(apps.qq) }), ORIGIN);
    const page = await (await app.request(url.href)).text();
    assert.match(page, /<input id="password" name="password" type="password"/);
    await authorize(apps.qq, url.href, { qq: '10004', password: 'qq-pass-1', decision: 'allow' });
    const post = (password: string) =>
      app.request(`${ORIGIN}${url.pathname}`, {
        method: 'POST',
        body: new URLSearchParams({
          ...Object.fromEntries(url.searchParams),
          qq: '10004',
          password,
          decision: 'allow',
        }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    const wrong = await post('not-it-1');
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /帐号或密码不正确/);
    assert.equal((await post('')).status, 401);
    assert.equal((await post('qq-pass-1')).status, 302);
  });

  test('me refuses an unknown token', async () => {
    const answer = (await (
      await app.request(`${ORIGIN}/idp/qq/oauth2.0/me?access_token=nope&fmt=json`)
    ).json()) as { error: number };
    assert.equal(answer.error, 100016);
  });
});

describe('simulated JD', () => {
  const client = () => jdClient(simulatedConfig([apps.jd]).jd!, fetchSim);

  test('password login: a new name registers, the right password signs in again, a wrong one is refused', async () => {
    const url = client().authorizeUrl({ state: 'j1', redirectUri: callback(apps.jd) });
    const first = await authorize(apps.jd, url, { username: 'jd_zhang', password: 'pw-123456' });
    const identity = await client().exchange({
      code: first.searchParams.get('code')!,
      redirectUri: callback(apps.jd),
    });
    assert.ok(identity.openid && identity.unionid);
    const again = await authorize(apps.jd, url, { username: 'JD_Zhang', password: 'pw-123456' });
    assert.equal(
      (await client().exchange({ code: again.searchParams.get('code')!, redirectUri: callback(apps.jd) }))
        .subject,
      identity.subject,
    );

    const wrong = await app.request(`${ORIGIN}/idp/jd/oauth2/to_login`, {
      method: 'POST',
      body: new URLSearchParams({
        ...Object.fromEntries(new URL(url, ORIGIN).searchParams),
        username: 'jd_zhang',
        password: 'wrong-pass',
      }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /do not match/);
  });

  test('a reused code, an expired code, a wrong secret and a foreign redirect_uri are refused', async () => {
    const url = client().authorizeUrl({ state: 'j2', redirectUri: callback(apps.jd) });
    const code = async () =>
      (await authorize(apps.jd, url, { username: 'jd_li', password: 'pw-123456' })).searchParams.get('code')!;
    const reused = await code();
    await client().exchange({ code: reused, redirectUri: '' });
    await assert.rejects(
      client().exchange({ code: reused, redirectUri: '' }),
      (e) => e instanceof IdpError && e.reason === 'invalid_code',
    );
    const expired = await code();
    time += 600_000;
    await assert.rejects(
      client().exchange({ code: expired, redirectUri: '' }),
      (e) => e instanceof IdpError && e.reason === 'invalid_code',
    );
    const fresh = await code();
    await assert.rejects(
      jdClient({ ...simulatedConfig([apps.jd]).jd!, appSecret: 'x' }, fetchSim).exchange({
        code: fresh,
        redirectUri: '',
      }),
      /401/,
    );
    const foreign = await app.request(
      new URL(client().authorizeUrl({ state: 's', redirectUri: 'http://evil.example/cb' }), ORIGIN).href,
    );
    assert.equal(foreign.status, 400);
  });

  test('seed 001: the JD account’s mobile phone comes from user info; without that endpoint, or when it fails, none', async () => {
    const config = simulatedConfig([apps.jd]).jd!;
    const signIn = async (username: string, jd = client()) => {
      const url = jd.authorizeUrl({ state: 'j3', redirectUri: callback(apps.jd) });
      const back = await authorize(apps.jd, url, {
        username,
        password: 'pw-123456',
        mobile: '+852 5123 4567',
      });
      return jd.exchange({ code: back.searchParams.get('code')!, redirectUri: callback(apps.jd) });
    };
    assert.equal((await signIn('jd_wang')).phone, '+852 5123 4567');
    const { userInfo: _none, ...noUserInfo } = config.endpoints!;
    assert.equal(
      (await signIn('jd_wang', jdClient({ ...config, endpoints: noUserInfo }, fetchSim))).phone,
      undefined,
    );
    const broken = jdClient(
      { ...config, endpoints: { ...config.endpoints, userInfo: '/idp/jd/none' } },
      fetchSim,
    );
    const identity = await signIn('jd_wang', broken);
    assert.ok(identity.openid, 'the sign-in itself goes on');
    assert.equal(identity.phone, undefined);
  });
});

describe('simulated WeChat Official Account', () => {
  const config = () => simulatedConfig([apps.mp])['wechat-mp']!;
  const client = () => wechatMpClient(config(), fetchSim, () => time);

  test('seed 004: temporary QR → the owner scans, chooses an Official Account, authorizes → a signed event; user/info names it', async () => {
    events = [];
    const qr = await client().createScene('scene-1', 600);
    assert.match(qr.imageUrl, /^\/idp\/wechat-mp\/cgi-bin\/showqrcode\?ticket=/);
    const image = await app.request(new URL(qr.imageUrl, ORIGIN).href);
    assert.equal(image.headers.get('Content-Type'), 'image/svg+xml');
    const phone = new URL(qr.url, ORIGIN).href;
    assert.equal((await app.request(phone)).status, 200);
    const post = (form: Record<string, string>) =>
      app.request(phone, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    // The scan shows the Official Accounts the WeChat user manages and the permissions asked.
    const chooser = await post({ nickname: 'Mei', decision: 'scan' });
    const html = await chooser.text();
    assert.match(html, /type="radio" name="account" value="Mei的订阅号" checked/);
    assert.match(html, /type="radio" name="account" value="Mei的服务号"/);
    assert.match(html, /帐号服务权限/);
    assert.match(html, /value="authorize"/);
    assert.equal(events.length, 0, 'nothing pushed before 授权');
    // Without the account service permission the login fails (004).
    const denied = await post({ nickname: 'Mei', decision: 'authorize', account: 'Mei的服务号' });
    assert.equal(denied.status, 401);
    assert.equal(events.length, 0);
    const follow = () =>
      post({ nickname: 'Mei', decision: 'authorize', account: 'Mei的服务号', service: '1' });
    assert.equal((await follow()).status, 200);
    assert.equal(events.length, 1);
    const pushed = new URL(events[0]!.url);
    assert.equal(pushed.pathname, apps.mp.pushPath);
    const query = Object.fromEntries(pushed.searchParams);
    const event = client().readEvent(query, events[0]!.body);
    assert.deepEqual(
      { ...event, openid: undefined },
      { openid: undefined, scene: 'scene-1', event: 'subscribe' },
    );
    const identity = await client().identify(event!.openid);
    assert.equal(identity.openid, event!.openid);
    assert.ok(identity.unionid);
    assert.equal(identity.nickname, 'Mei的服务号', 'the identity is the Official Account chosen');

    await follow();
    assert.equal(
      client().readEvent(Object.fromEntries(new URL(events[1]!.url).searchParams), events[1]!.body)?.event,
      'SCAN',
    );

    // Unsigned, wrongly signed or replayed events are not believed.
    assert.equal(client().readEvent({ ...query, signature: 'f'.repeat(40) }, events[0]!.body), undefined);
    assert.equal(client().readEvent({}, events[0]!.body), undefined);
    time += 3600_000;
    assert.equal(client().readEvent(query, events[0]!.body), undefined, 'an hour-old push is a replay');
    const fresh = { timestamp: String(Math.floor(time / 1000)), nonce: '42' };
    assert.equal(
      client().verifyUrl({
        ...fresh,
        signature: wechatSignature(apps.mp.eventToken!, fresh.timestamp, fresh.nonce),
        echostr: 'echo',
      }),
      'echo',
    );
  });

  test('a wrong secret gets no token, and an expired QR opens no phone page', async () => {
    await assert.rejects(
      wechatMpClient({ ...config(), appSecret: 'nope' }, fetchSim).createScene('s', 60),
      /40125/,
    );
    const qr = await client().createScene('scene-2', 60);
    time += 61_000;
    assert.equal((await app.request(new URL(qr.url, ORIGIN).href)).status, 404);
  });
});

describe('a form post whose body is not what its Content-Type says', () => {
  const bad = [
    { 'Content-Type': 'multipart/form-data; boundary=x' },
    { 'Content-Type': 'multipart/form-data' },
  ];
  const post = (path: string, headers: Record<string, string>) =>
    app.request(`${ORIGIN}${SIMULATOR_BASE}${path}`, { method: 'POST', headers, body: '{}' });

  test('the pages answer 400 with the provider’s error page, never a 500', async () => {
    const qr = await wechatMpClient(
      simulatedConfig([apps.mp])['wechat-mp']!,
      fetchSim,
      () => time,
    ).createScene('scene-bad', 600);
    const pages = [
      '/wechat/connect/qrconnect',
      '/qq/oauth2.0/authorize',
      '/jd/oauth2/to_login',
      new URL(qr.url, ORIGIN).pathname.slice(SIMULATOR_BASE.length),
    ];
    for (const path of pages) {
      for (const headers of bad) {
        const answer = await post(path, headers);
        assert.equal(answer.status, 400, `${path} ${headers['Content-Type']}`);
        assert.match(answer.headers.get('Content-Type') ?? '', /^text\/html/);
        assert.match(answer.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
        assert.match(await answer.text(), /class="error"/);
      }
    }
  });

  test('JD’s access_token answers 400 in JD’s JSON error shape', async () => {
    for (const headers of bad) {
      const answer = await post('/jd/oauth2/access_token', headers);
      assert.equal(answer.status, 400);
      assert.deepEqual(await answer.json(), { code: 400, msg: 'request body is invalid' });
    }
  });
});
