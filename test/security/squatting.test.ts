/**
 * Email squatting: a claim on an address that was never proven must not keep the address's
 * owner out. The first claim proven by its link wins, and the unproven ones lose the address
 * (packages/server/src/flows/verify-email.ts). Three ways in, each against the real server:
 * `default`'s registration (which signs in before the address is proven), a QingCloud
 * sub-account (its main account types any address), and a Tencent registration waiting for its
 * activation link.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { figure, phone, startApp, type AppServer } from '../support/server.ts';

describe('email squatting', () => {
  let s: AppServer;
  before(async () => {
    s = await startApp({ limits: { registerPerAddress: { limit: 1000, windowMs: 3600_000 } } });
  });
  after(async () => {
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  /** Follows the newest link sent to `email` as a client reading JSON (`POST /email/verify`). */
  async function followNewest(provider: 'default' | 'qingcloud' | 'tencentcloud', email: string) {
    const link = new URL((await s.api.message(provider, email)).link!);
    return s.api.post(link.pathname, { token: link.searchParams.get('token') });
  }
  const signIn = (provider: string, identifier: string, password: string) =>
    s.api.post(`/api/${provider}/sessions`, { identifier, password });

  test('default: a squatter’s unproven registration does not keep the owner from registering and proving the address', async () => {
    const email = 'owner-default@example.com';
    const squatter = await s.api.post('/api/default/accounts', { email, password: 'squatter long pass' });
    assert.equal(squatter.status, 201, squatter.text);
    const squatterLink = (await s.api.message('default', email)).link!;

    const owner = await s.api.post('/api/default/accounts', { email, password: 'the owners long pass' });
    assert.equal(owner.status, 201, owner.text);
    assert.equal((await followNewest('default', email)).status, 200);
    assert.equal((await signIn('default', email, 'the owners long pass')).status, 200);
    assert.equal((await signIn('default', email, 'squatter long pass')).status, 401);
    // Proven now: the address is taken, and the squatter's own link proves nothing any more.
    const again = await s.api.post('/api/default/accounts', { email, password: 'a third long pass' });
    assert.equal(again.body.error.code, 'email_taken');
    const late = new URL(squatterLink);
    const stale = await s.api.post(late.pathname, { token: late.searchParams.get('token') });
    assert.equal(stale.body.error.code, 'email_taken');
  });

  test('QingCloud: a sub-account on someone else’s address does not keep its owner from proving it', async () => {
    const register = async (p: string, password: string) => {
      await s.api.post('/api/qingcloud/codes', { phone: p, channel: 'sms', purpose: 'register' });
      const answer = await s.api.post('/api/qingcloud/accounts', {
        phone: p,
        code: await s.api.code('qingcloud', p),
        password,
        agreements: true,
      });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    };
    const email = 'owner-qing@example.com';
    const attacker = await register(phone(7401), 'attacker-pass1');
    const sub = await s.api.post(
      '/api/qingcloud/account/subaccounts',
      { email, password: 'sub-account-pass1' },
      { token: attacker.session.token },
    );
    assert.equal(sub.status, 201, sub.text);
    assert.equal(
      (await s.api.post('/api/qingcloud/sessions/subaccount', { email, password: 'sub-account-pass1' }))
        .status,
      200,
    );

    const owner = await register(phone(7402), 'owner-pass1');
    const added = await s.api.post(
      '/api/qingcloud/account/email',
      { email, currentPassword: 'owner-pass1' },
      { token: owner.session.token },
    );
    assert.equal(added.status, 202, added.text);
    assert.equal((await followNewest('qingcloud', email)).status, 200);
    assert.equal((await signIn('qingcloud', email, 'owner-pass1')).status, 200);
    const squatting = await s.api.post('/api/qingcloud/sessions/subaccount', {
      email,
      password: 'sub-account-pass1',
    });
    assert.equal(squatting.status, 401, 'the sub-account lost the address');
  });

  test('Tencent: a waiting registration with another password does not keep the owner from registering', async () => {
    const email = 'owner-tencent@example.com';
    const squatter = await s.api.post('/api/tencentcloud/accounts', {
      email,
      password: 'squat-123',
      agreements: true,
    });
    assert.equal(squatter.status, 202, squatter.text);
    const squatterLink = new URL((await s.api.message('tencentcloud', email)).link!);

    const owner = await s.api.post('/api/tencentcloud/accounts', {
      email,
      password: 'owner-456',
      agreements: true,
    });
    assert.equal(owner.status, 202, owner.text);
    const activated = await followNewest('tencentcloud', email);
    assert.equal(activated.body.status, 'needs_profile', activated.text);
    const done = await s.api.post('/api/tencentcloud/continue', {
      ticket: activated.body.ticket,
      industry: 'internet',
    });
    assert.equal(done.status, 200, done.text);
    assert.equal((await signIn('tencentcloud', email, 'owner-456')).status, 200);
    assert.equal((await signIn('tencentcloud', email, 'squat-123')).status, 401);
    // The squatter's link (in the owner's mailbox) activates nothing now.
    const late = await s.api.post(squatterLink.pathname, { token: squatterLink.searchParams.get('token') });
    assert.equal(late.body.error.code, 'email_taken');
    figure(
      'squatting: an unproven claim (default registration, QingCloud sub-account, waiting Tencent registration) keeps nobody out; the proven claim wins',
    );
  });
});
