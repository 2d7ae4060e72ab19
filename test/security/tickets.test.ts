/**
 * Tickets handed to a page through its address (`returnTo#cl_ticket=…`) are bound to the tab
 * that started the flow (packages/server/README.md, "Third-party login"): the tab keeps a
 * secret, the server only its hash, and `POST /continue` needs the secret. A link carrying an
 * attacker's ticket signs nobody else in (login CSRF) — whether or not the victim's browser
 * holds cookies of its own, since the page and the API are often on different sites. Third-party
 * login in redirect mode and Tencent Cloud's activation link, over a real socket.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  browser,
  FLOW_HASH,
  FLOW_SECRET,
  flowHashOf,
  followEmailLink,
  toCallback,
} from '../support/browser.ts';
import { figure, startApp, type AppServer } from '../support/server.ts';

describe('address-borne tickets are bound to the tab that started the flow', () => {
  let s: AppServer;
  before(async () => {
    s = await startApp();
  });
  after(async () => {
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  const ticketOf = (location: URL | undefined) =>
    new URLSearchParams(location?.hash.slice(1) ?? '').get('cl_ticket');
  const attackerSecret = 'attacker-tab-secret';

  /** The attacker's own third-party login, stopped at the ticket in the address. */
  async function plantedTicket(name: string): Promise<string> {
    const attacker = browser(s.base);
    const back = await attacker.get(
      await toCallback(attacker, 'jdcloud', 'wechat', name, {
        mode: 'redirect',
        returnTo: '/console',
        flowHash: flowHashOf(attackerSecret),
      }),
    );
    assert.equal(back.status, 302, back.text);
    const ticket = ticketOf(back.location);
    assert.ok(ticket);
    return ticket;
  }

  test('third-party login: an attacker’s #cl_ticket continued in another browser → 410 ticket_expired, spent', async () => {
    // The victim's element continues the planted ticket with what its tab has: no secret, or
    // the secret of a flow of its own.
    for (const flowSecret of [undefined, FLOW_SECRET, '']) {
      const ticket = await plantedTicket(`Attacker${flowSecret ?? '-none'}`);
      const planted = await s.api.post('/api/jdcloud/continue', {
        ticket,
        ...(flowSecret !== undefined && { flowSecret }),
      });
      assert.equal(planted.status, 410, planted.text);
      assert.equal(planted.body.error.code, 'ticket_expired');
      assert.equal(planted.headers.get('set-cookie'), null, 'no session for the victim');
      // Spent by the refused attempt: the attacker cannot use it afterwards either.
      const late = await s.api.post('/api/jdcloud/continue', { ticket, flowSecret: attackerSecret });
      assert.equal(late.status, 410);
    }
  });

  test('third-party login: the tab that started the flow redeems its ticket; redirect mode needs a flow hash', async () => {
    const owner = browser(s.base);
    const back = await owner.get(await toCallback(owner, 'jdcloud', 'wechat', 'Owner'));
    const answer = await s.api.post('/api/jdcloud/continue', {
      ticket: ticketOf(back.location),
      flowSecret: FLOW_SECRET,
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.required, ['phone', 'code', 'agreements']);
    // The next ticket came back in JSON to the tab that proved the flow: no secret needed.
    const next = await s.api.post('/api/jdcloud/continue', { ticket: answer.body.ticket, phone: 'x' });
    assert.equal(next.status, 400, next.text);
    assert.equal(next.body.error.code, 'validation_failed');

    const unbound = await s.api.get(
      '/api/jdcloud/connections/wechat/authorize?mode=redirect&returnTo=%2Fconsole',
    );
    assert.equal(unbound.status, 400);
    assert.equal(unbound.body.error.issues[0].path, 'flowHash');
  });

  test('Tencent activation: the ticket of an attacker’s link is refused in the victim’s tab; the owner’s works', async () => {
    const register = async (email: string, flowHash?: string) => {
      const registered = await s.api.post('/api/tencentcloud/accounts', {
        email,
        password: 'Bound-pass-1',
        agreements: true,
        returnTo: '/console',
        ...(flowHash && { flowHash }),
      });
      assert.equal(registered.status, 202, registered.text);
      return (await s.api.message('tencentcloud', email)).link!;
    };
    // The attacker registers an address of its own and passes the link (or its ticket) on.
    const planted = await followEmailLink(
      browser(s.base),
      await register('attacker-bound@example.com', flowHashOf(attackerSecret)),
    );
    assert.equal(planted.status, 303);
    const ticket = ticketOf(planted.location);
    assert.ok(ticket);
    const victim = await s.api.post('/api/tencentcloud/continue', { ticket, industry: 'internet' });
    assert.equal(victim.status, 410);
    assert.equal(victim.body.error.code, 'ticket_expired');

    // A registration without a flow hash never gets a ticket in the address: the page says
    // "activated, sign in".
    const unbound = await followEmailLink(browser(s.base), await register('unbound@example.com'));
    assert.equal(unbound.status, 200);
    assert.equal(unbound.location, undefined);
    assert.doesNotMatch(unbound.text, /cl_ticket/);

    // The owner's tab, with its secret, finishes the registration.
    const own = await followEmailLink(browser(s.base), await register('owner-bound@example.com', FLOW_HASH));
    assert.equal(own.status, 303);
    const done = await s.api.post('/api/tencentcloud/continue', {
      ticket: ticketOf(own.location),
      industry: 'internet',
      flowSecret: FLOW_SECRET,
    });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.status, 'authenticated');
    figure(
      'tickets: a #cl_ticket without its tab’s secret (third-party login, activation link) → 410 ticket_expired',
    );
  });
});
