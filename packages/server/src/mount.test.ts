/**
 * The app mounted inside a site's own Hono app (`site.route('/auth', createAuthServer(…))`), with
 * no other setting: every URL it hands out keeps the prefix, and unknown paths under the prefix
 * answer the JSON error shape while the site's own paths stay the site's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { createAuthServer, createMemoryStore } from './index.ts';
import { TEST_FLOW_HASH } from './routes/connections.testing.ts';

async function mountedSite() {
  const store = await createMemoryStore();
  const auth = createAuthServer({
    store,
    devMode: true,
    secret: 'mount-test-secret-mount-test',
    logError: () => {},
  });
  const site = new Hono();
  site.get('/', (c) => c.text('the site'));
  site.route('/auth', auth);
  return { site, store };
}

interface Page {
  status: number;
  text: string;
  location?: URL;
}

/** A browser on the site: a cookie jar, forms, no redirects followed. */
function browser(site: Hono) {
  const cookies = new Map<string, string>();
  const env = { incoming: { socket: { remoteAddress: '203.0.113.7' } } };
  return async (method: string, url: string | URL, form?: Record<string, string>): Promise<Page> => {
    const target = new URL(url, 'http://localhost');
    const headers: Record<string, string> = {};
    if (cookies.size > 0) headers.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await site.request(
      target.href,
      { method, headers, ...(form && { body: new URLSearchParams(form).toString() }) },
      env,
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    const location = response.headers.get('Location');
    return {
      status: response.status,
      text: await response.text(),
      ...(location && { location: new URL(location, target) }),
    };
  };
}

describe('mounted at /auth in a site’s Hono app', () => {
  test('the API answers under the prefix; unknown paths there are JSON 404s; the site keeps its own', async () => {
    const { site, store } = await mountedSite();
    try {
      const config = await site.request('/auth/api/default/config');
      assert.equal(config.status, 200);
      assert.equal(((await config.json()) as { provider: string }).provider, 'default');
      for (const path of ['/auth/nowhere', '/auth/api/default/nowhere', '/auth/api/nope/config']) {
        const missing = await site.request(path);
        assert.equal(missing.status, 404, path);
        assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'not_found', path);
      }
      assert.equal(await (await site.request('/')).text(), 'the site');
      // Outside the prefix, the site's own not-found answer, not ours.
      const outside = await site.request('/elsewhere');
      assert.equal(outside.status, 404);
      assert.doesNotMatch(await outside.text(), /not_found/);
    } finally {
      await store.close();
    }
  });

  test('email links point under the prefix and work', async () => {
    const { site, store } = await mountedSite();
    try {
      const json = (body: unknown, token?: string) => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
        body: JSON.stringify(body),
      });
      const created = await site.request(
        '/auth/api/jdcloud/codes',
        json({ phone: '+8613800138000', channel: 'sms', purpose: 'register' }),
      );
      assert.equal(created.status, 202, await created.clone().text());
      const outbox = async (to: string) =>
        (
          (await (
            await site.request(`/auth/api/jdcloud/dev/outbox?to=${encodeURIComponent(to)}`)
          ).json()) as { messages: { code?: string; link?: string }[] }
        ).messages;
      const code = (await outbox('+8613800138000'))[0]?.code;
      const registered = await site.request(
        '/auth/api/jdcloud/accounts',
        json({
          accountName: 'mounted-01',
          password: 'Secret-123',
          phone: '+8613800138000',
          code,
          agreements: true,
        }),
      );
      assert.equal(registered.status, 201, await registered.clone().text());
      const { session } = (await registered.json()) as { session: { token: string } };
      const sent = await site.request(
        '/auth/api/jdcloud/account/email',
        json({ email: 'mounted@example.com', currentPassword: 'Secret-123' }, session.token),
      );
      assert.equal(sent.status, 202, await sent.clone().text());
      const link = (await outbox('mounted@example.com')).find((m) => m.link)?.link;
      assert.ok(link, 'an email with a link');
      assert.ok(link.startsWith('http://localhost/auth/api/jdcloud/email/verify?token='), link);
      const opened = await site.request(link, { headers: { Accept: 'application/json' } });
      assert.equal(opened.status, 200, await opened.clone().text());
    } finally {
      await store.close();
    }
  });

  test('third-party login: the simulated provider’s pages and our callback keep the prefix', async () => {
    const { site, store } = await mountedSite();
    try {
      const go = browser(site);
      const start = await go(
        'GET',
        `/auth/api/tencentcloud/connections/qq/authorize?${new URLSearchParams({ mode: 'redirect', returnTo: '/console', flowHash: TEST_FLOW_HASH })}`,
      );
      assert.equal(start.status, 302, start.text);
      const authorize = start.location!;
      assert.match(authorize.pathname, /^\/auth\/idp\/qq\//);
      assert.equal(
        authorize.searchParams.get('redirect_uri'),
        'http://localhost/auth/api/tencentcloud/connections/qq/callback',
      );
      const page = await go('GET', authorize);
      assert.equal(page.status, 200, page.text);
      const back = await go('POST', authorize.pathname, {
        ...Object.fromEntries(authorize.searchParams),
        qq: '10001',
        password: 'qq-password-1',
        decision: 'allow',
      });
      assert.equal(back.status, 302, back.text);
      assert.equal(back.location!.pathname, '/auth/api/tencentcloud/connections/qq/callback');
      const done = await go('GET', back.location!);
      assert.equal(done.status, 302, done.text);
      assert.match(done.location!.href, /^http:\/\/localhost\/console#cl_ticket=/);

      // WeChat Official Account: our scan page and the simulated QR image under the prefix too.
      const mp = await go(
        'GET',
        `/auth/api/tencentcloud/connections/wechat-mp/authorize?${new URLSearchParams({ mode: 'redirect', returnTo: '/console', flowHash: TEST_FLOW_HASH })}`,
      );
      assert.equal(mp.status, 302, mp.text);
      assert.equal(mp.location!.pathname, '/auth/api/tencentcloud/connections/wechat-mp/scan');
      const scan = await go('GET', mp.location!);
      assert.equal(scan.status, 200, scan.text);
      const image = /<img src="([^"]+)"/.exec(scan.text)?.[1]?.replace(/&amp;/g, '&') ?? '';
      assert.ok(image.startsWith('/auth/idp/wechat-mp/'), image);
      assert.equal((await go('GET', image)).status, 200);
    } finally {
      await store.close();
    }
  });
});
