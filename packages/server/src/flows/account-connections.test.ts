/**
 * Account security for third-party logins end to end on a real app: unbinding
 * (docs/flows.md#unbind-a-third-party-login) and the legacy upgrade
 * (docs/flows.md#legacy-jd-accounts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, reauthCode, registerJd, type Harness } from '../testing.ts';
import { authenticated, newPhone, start, withCode } from './connection.testing.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

describe('account security', () => {
  test('unbind WeChat: refused without a password (password_required), allowed once one is set', async () => {
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Unbinder' });
    const phone = newPhone();
    // 002: a phone without an account gets one at once, without a password.
    const { account, session } = authenticated(await withCode(h, 'jdcloud', first.body.ticket, phone));
    const token = session.token;
    const refused = await h.call('DELETE', '/api/jdcloud/account/connections/wechat', { token });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'password_required');
    assert.equal(
      (await h.call('DELETE', '/api/jdcloud/account/connections/qq', { token })).status,
      404,
      'not bound',
    );
    assert.equal((await h.call('DELETE', '/api/jdcloud/account/connections/wechat')).status, 401);

    // No password to prove the account with: a `reauth` code to its phone.
    h.clock.advance(61);
    const code = await reauthCode(h, 'jdcloud', token, phone);
    assert.equal(
      (
        await h.call('PUT', '/api/jdcloud/account/password', {
          token,
          body: { newPassword: 'Secret-123', code },
        })
      ).status,
      204,
    );
    assert.equal(
      (await h.call('DELETE', '/api/jdcloud/account/connections/wechat', { token })).body.error.code,
      'reauth_required',
    );
    assert.equal(
      (
        await h.call('DELETE', '/api/jdcloud/account/connections/wechat', {
          token,
          body: { currentPassword: 'Secret-123' },
        })
      ).status,
      204,
    );
    const me = await h.get('/api/jdcloud/session', { token });
    assert.deepEqual(me.body.account.connections, []);
    // The WeChat identity is free again: next time it is a first-time login.
    assert.equal((await start(h, 'jdcloud', 'wechat', { name: 'Unbinder' })).body.status, 'needs_profile');
    assert.equal(account.id, me.body.account.id);
  });

  test('unbind on Tencent: a password alone is not enough while it has no identifier to sign in with', async () => {
    const first = await start(h, 'tencentcloud', 'qq', { name: 'qq-unbind' });
    const phone = newPhone();
    const industry = await withCode(h, 'tencentcloud', first.body.ticket, phone);
    const { session } = authenticated(
      await h.post('/api/tencentcloud/continue', {
        ticket: industry.body.ticket,
        industry: 'other',
        agreements: true,
      }),
    );
    h.clock.advance(61);
    const code = await reauthCode(h, 'tencentcloud', session.token, phone);
    assert.equal(
      (
        await h.call('PUT', '/api/tencentcloud/account/password', {
          token: session.token,
          body: { newPassword: 'abc-12345', code },
        })
      ).status,
      204,
    );
    const refused = await h.call('DELETE', '/api/tencentcloud/account/connections/qq', {
      token: session.token,
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'password_required');
    assert.match(refused.body.error.message, /verify the email/);
  });

  test('legacy account: JD login signs it in; it cannot unbind JD; upgrade makes the name a login identifier', async () => {
    const phone = newPhone();
    const legacy = await h.post('/api/jdcloud/dev/legacy-accounts', { phone, password: 'old-pass' });
    const refusedLogin = await h.post('/api/jdcloud/sessions', { identifier: phone, password: 'old-pass' });
    assert.equal(refusedLogin.status, 403);
    const signedIn = authenticated(
      await start(h, 'jdcloud', 'jd', { name: phone.replace('+86', ''), password: 'old-pass' }),
    );
    assert.equal(signedIn.account.id, legacy.body.account.id);
    assert.equal(signedIn.account.legacy, true);
    const token = signedIn.session.token;
    assert.equal(
      (await h.call('DELETE', '/api/jdcloud/account/connections/jd', { token })).body.error.code,
      'password_required',
    );

    const weak = await h.post(
      '/api/jdcloud/account/upgrade',
      { accountName: 'old-timer', password: 'weak' },
      { token },
    );
    assert.equal(weak.body.error.code, 'validation_failed');
    await registerJd(h, 'taken-name', newPhone());
    assert.equal(
      (
        await h.post(
          '/api/jdcloud/account/upgrade',
          { accountName: 'Taken-Name', password: 'Secret-123' },
          { token },
        )
      ).body.error.code,
      'account_name_taken',
    );
    const upgraded = await h.post(
      '/api/jdcloud/account/upgrade',
      { accountName: 'old-timer', password: 'Secret-123' },
      { token },
    );
    assert.equal(upgraded.status, 200, upgraded.text);
    assert.equal(upgraded.body.account.legacy, false);
    assert.equal(upgraded.body.account.accountName, 'old-timer');
    assert.ok(upgraded.body.account.loginIdentifiers.includes('accountName'));
    assert.deepEqual(upgraded.body.account.connections, ['jd']);
    assert.equal(
      authenticated(
        await h.post('/api/jdcloud/sessions', { identifier: 'old-timer', password: 'Secret-123' }),
      ).account.id,
      legacy.body.account.id,
    );
    assert.equal(
      (
        await h.post(
          '/api/jdcloud/account/upgrade',
          { accountName: 'again', password: 'Secret-123' },
          { token },
        )
      ).body.error.code,
      'method_disabled',
    );
    assert.equal(
      (await h.post('/api/jdcloud/account/upgrade', { accountName: 'x', password: 'y' })).status,
      401,
    );
  });
});
