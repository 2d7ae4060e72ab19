/**
 * Binding a third-party login to a signed-in account (docs/flows.md#bind-a-third-party-login) end
 * to end on a real app: `authorize?mode=bind` → the simulated identity provider → the popup's
 * hand-off ticket → `POST /account/connections` with the proof.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, registerJd, type Harness } from '../testing.ts';
import { browser, connectionTicket, handoffOf, type Browser } from '../routes/connections.testing.ts';
import { newPhone, start } from './connection.testing.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

/** Signs in at the simulated provider through a `mode=bind` popup; the ticket its page hands to the opener. */
async function bindTicket(b: Browser, name: string): Promise<string> {
  const started = await b.get('/api/jdcloud/connections/wechat/authorize?mode=bind&returnTo=%2Fconsole');
  assert.equal(started.status, 302, started.text);
  const authorize = started.location!;
  const form = { ...Object.fromEntries(authorize.searchParams), nickname: name, decision: 'allow' };
  const back = await b.request('POST', authorize.pathname, { form });
  assert.equal(back.status, 302, back.text);
  const page = await b.get(back.location!);
  assert.equal(page.status, 200, page.text);
  const handoff = handoffOf(page);
  assert.equal(handoff.fallback, undefined, 'a bind ticket never travels through an address');
  assert.ok(handoff.message.ticket);
  return handoff.message.ticket;
}

const bind = (token: string, body: Record<string, unknown>) =>
  h.call('POST', '/api/jdcloud/account/connections', { token, body });

describe('bind a third-party login', () => {
  test('with the password: refused without it and with a wrong one (the ticket kept), then bound', async () => {
    const { session, account } = await registerJd(h, 'binder', newPhone());
    const token = session.token;
    const b = browser(h);
    const ticket = await bindTicket(b, 'Binder');

    const bare = await bind(token, { ticket });
    assert.equal(bare.status, 403);
    assert.equal(bare.body.error.code, 'reauth_required');
    const wrong = await bind(token, { ticket, currentPassword: 'Wrong-123' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'invalid_credentials');
    assert.equal(
      (await h.call('POST', '/api/jdcloud/account/connections', { body: { ticket } })).status,
      401,
    );

    const done = await bind(token, { ticket, currentPassword: 'Secret-123' });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.body.account.connections, ['wechat']);
    assert.equal(done.body.account.id, account.id);
    const again = await bind(token, { ticket, currentPassword: 'Secret-123' });
    assert.equal(again.body.error.code, 'ticket_expired', 'single use');

    // WeChat now signs in to this account.
    const signIn = await start(h, 'jdcloud', 'wechat', { name: 'Binder' });
    assert.equal(signIn.body.status, 'authenticated', signIn.text);
    assert.equal(signIn.body.account.id, account.id);
  });

  test('a bind ticket signs nobody in; a sign-in ticket binds nothing', async () => {
    const { session } = await registerJd(h, 'binder2', newPhone());
    const b = browser(h);
    const ticket = await bindTicket(b, 'Binder Two');
    const signIn = await h.post('/api/jdcloud/continue', { ticket });
    assert.equal(signIn.body.error.code, 'ticket_expired');

    const login = await connectionTicket(browser(h), 'jdcloud', 'wechat', { name: 'Binder Three' });
    const refused = await bind(session.token, { ticket: login, currentPassword: 'Secret-123' });
    assert.equal(refused.status, 410);
    assert.equal(refused.body.error.code, 'ticket_expired');
  });

  test('already_bound: the identity belongs to another account, or the account has another of its kind', async () => {
    const first = await registerJd(h, 'binder3', newPhone());
    const second = await registerJd(h, 'binder4', newPhone());
    const proof = { currentPassword: 'Secret-123' };
    const b = browser(h);
    assert.equal(
      (await bind(first.session.token, { ticket: await bindTicket(b, 'Shared'), ...proof })).status,
      200,
    );
    const taken = await bind(second.session.token, { ticket: await bindTicket(b, 'Shared'), ...proof });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'already_bound');
    const another = await bind(first.session.token, {
      ticket: await bindTicket(b, 'Someone else'),
      ...proof,
    });
    assert.equal(another.status, 409);
    assert.equal(another.body.error.code, 'already_bound');
  });

  test('mode=bind takes no flowHash: its ticket is for the opener only', async () => {
    const answer = await browser(h).get(
      `/api/jdcloud/connections/wechat/authorize?mode=bind&flowHash=${'a'.repeat(64)}`,
    );
    assert.equal(answer.status, 400);
  });
});
