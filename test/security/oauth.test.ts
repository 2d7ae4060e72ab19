/**
 * Third-party login under attack (docs/flows.md#third-party-login; issue 6 "OAuth state forgery and code replay",
 * "postMessage to foreign origins"), against the simulated identity providers over a real
 * socket. The `state` is single use and bound to the browser that started the flow (an HttpOnly
 * cookie), so a forged, foreign or replayed callback gets no ticket; the provider's code works
 * once; the same callback raced N times yields one ticket, and so does the ticket it yields; the
 * popup posts its result to the allowed origin only, never to `*`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browser, FLOW_HASH, FLOW_SECRET, handoffOf, toCallback } from '../support/browser.ts';
import { figure, tally, type AppServer } from '../support/server.ts';
import { appForSuite } from '../support/suite.ts';

const SITE = 'https://console.example.com';

describe('third-party login: state, code, hand-off', () => {
  let s: AppServer;
  appForSuite({ allowedOrigins: [SITE], trustedProxies: ['127.0.0.1'] }, (app) => (s = app));

  const ticketOf = (location: URL | undefined) =>
    new URLSearchParams(location?.hash.slice(1) ?? '').get('cl_ticket');

  test('a forged state gets no ticket: unknown, missing, or too long', async () => {
    const b = browser(s.base);
    await b.get('/api/jdcloud/connections/wechat/authorize?mode=popup'); // the browser has a binding cookie
    for (const query of [
      `code=x&state=${'A'.repeat(43)}`,
      'code=x',
      `code=x&state=${'A'.repeat(500)}`,
      'code=x&state=',
    ]) {
      const page = await b.get(`/api/jdcloud/connections/wechat/callback?${query}`);
      assert.equal(page.status, 410, query);
      assert.doesNotMatch(page.text, /cl_ticket|cl-handoff/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    }
  });

  test('a state is bound to its browser: another browser is refused, and the state is spent for everyone', async () => {
    const victim = browser(s.base);
    const callback = await toCallback(victim, 'jdcloud', 'wechat', 'Victim');
    const attacker = browser(s.base);
    await attacker.get('/api/jdcloud/connections/wechat/authorize?mode=popup'); // with a binding of its own
    const foreign = await attacker.get(callback);
    assert.equal(foreign.status, 400);
    assert.doesNotMatch(foreign.text, /cl_ticket|cl-handoff/);
    // Spent by the refused attempt: a leaked callback URL is worth nothing afterwards.
    assert.equal((await victim.get(callback)).status, 410);

    // The state of one provider at another's callback.
    const other = browser(s.base);
    const wechat = await toCallback(other, 'jdcloud', 'wechat', 'Crossed');
    const crossed = await other.get(`/api/jdcloud/connections/jd/callback${wechat.search}`);
    assert.equal(crossed.status, 400);
  });

  test('replay: the same callback twice, and the provider’s code with a fresh state, get no second ticket', async () => {
    const b = browser(s.base);
    const callback = await toCallback(b, 'jdcloud', 'wechat', 'Replayer');
    const first = await b.get(callback);
    assert.equal(first.status, 302);
    assert.ok(ticketOf(first.location));
    assert.equal((await b.get(callback)).status, 410, 'the state was used');

    const code = callback.searchParams.get('code')!;
    const fresh = await b.get(
      `/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=%2Fconsole&flowHash=${FLOW_HASH}`,
    );
    const state = fresh.location!.searchParams.get('state')!;
    const replayed = await b.get(
      `/api/jdcloud/connections/wechat/callback?${new URLSearchParams({ code, state })}`,
    );
    assert.equal(replayed.status, 302);
    assert.equal(ticketOf(replayed.location), null);
    assert.match(replayed.location!.hash, /cl_error=/, 'the provider refused the used code');
  });

  test('races: one callback URL N times at once → one ticket; that ticket continued N times at once → one answer', async () => {
    const b = browser(s.base);
    const callback = await toCallback(b, 'jdcloud', 'wechat', 'Racer');
    const pages = await Promise.all(Array.from({ length: 12 }, () => b.get(callback)));
    const tickets = pages.map((page) => ticketOf(page.location)).filter(Boolean);
    assert.equal(tickets.length, 1);
    assert.ok(pages.every((page) => page.status === 302 || page.status === 410));

    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        s.api.post('/api/jdcloud/continue', { ticket: tickets[0], flowSecret: FLOW_SECRET }),
      ),
    );
    const succeeded = answers.filter((answer) => answer.status === 200);
    assert.equal(succeeded.length, 1, JSON.stringify(tally(answers)));
    assert.ok(
      answers.every((answer) => answer.status === 200 || answer.body.error.code === 'ticket_expired'),
    );
    figure(
      `races: OAuth callback ×12 at once → ${tickets.length} ticket (${pages.filter((p) => p.status === 410).length} × 410); connection ticket ×12 at once → ${JSON.stringify(tally(answers))}`,
    );
  });

  test('postMessage: the popup posts to the allowed returnTo origin or to this server, never to "*"', async () => {
    const popup = async (query: Record<string, string>) => {
      const b = browser(s.base);
      return handoffOf(await b.get(await toCallback(b, 'jdcloud', 'wechat', 'Popup', query)));
    };
    assert.equal((await popup({ mode: 'popup', returnTo: `${SITE}/login` })).target, SITE);
    assert.equal((await popup({ mode: 'popup' })).target, new URL(s.base).origin);
    assert.equal((await popup({ mode: 'popup', returnTo: '/console' })).target, new URL(s.base).origin);

    const script = await s.api.get('/api/jdcloud/connections/handoff.js');
    assert.equal(script.status, 200);
    assert.match(script.text, /postMessage\(data\.message, data\.target\)/);
    assert.doesNotMatch(script.text, /['"]\*['"]/);

    const b = browser(s.base);
    const page = await b.get(await toCallback(b, 'jdcloud', 'wechat', 'Popup', { mode: 'popup' }));
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(page.text, /<script>/, 'no inline script');
  });

  test('the binding cookie is HttpOnly and SameSite=Lax', async () => {
    const start = await s.api.get('/api/jdcloud/connections/wechat/authorize?mode=popup');
    assert.equal(start.status, 302);
    const cookie = start.headers.getSetCookie().find((line) => line.startsWith('cl_session_state_jdcloud='));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
  });
});
