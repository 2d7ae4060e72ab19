/**
 * JD Cloud's WeChat first login when the phone has no account (002: "或为你自动创建一个京东云账号"):
 * the agreements on the phone step, an account created at once with a generated name and no
 * password, the nickname shown, and the name and password set later in account security; and
 * binding WeChat after a legacy account's upgrade (docs/flows.md#third-party-login).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, reauthCode, type Harness } from '../testing.ts';
import { authenticated, newPhone, start } from './connection.testing.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

describe('seed 002: WeChat creates the account', () => {
  test('seed 002: a phone without an account → agreements on the phone step → created at once and signed in', async () => {
    const phone = newPhone();
    const first = await start(h, 'jdcloud', 'wechat', { name: '小明' });
    assert.deepEqual(first.body.required, ['phone', 'code', 'agreements']);
    assert.equal(first.body.nickname, '小明', 'the WeChat nickname, to greet the person by');
    const code = await h.code('jdcloud', phone, 'bind');
    const noAgreements = await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone, code });
    assert.deepEqual(
      [noAgreements.status, noAgreements.body.error.code, noAgreements.body.error.field],
      [400, 'agreements_required', 'agreements'],
    );
    // The refusal came before the code was spent: the same code and ticket work.
    const created = authenticated(
      await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone, code, agreements: true }),
    );
    assert.match(created.account.accountName, /^wx_[a-z2-9]{10}$/);
    assert.equal(created.account.accountNameGenerated, true);
    assert.equal(created.account.hasPassword, false);
    assert.deepEqual(created.account.connections, ['wechat']);
    assert.deepEqual(created.account.connectionNames, [{ idp: 'wechat', nickname: '小明' }]);
    assert.deepEqual(created.account.loginIdentifiers, ['accountName', 'phone']);
    const again = authenticated(await start(h, 'jdcloud', 'wechat', { name: '小明' }));
    assert.equal(again.account.id, created.account.id);
  });

  test('seed 002: later, account security sets a password and the account’s own name (once)', async () => {
    const phone = newPhone();
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Later Person' });
    const code = await h.code('jdcloud', phone, 'bind');
    const created = authenticated(
      await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone, code, agreements: true }),
    );
    const token = created.session.token;
    // Without a password, a code to the account's phone proves it.
    const unproven = await h.call('PUT', '/api/jdcloud/account/name', {
      token,
      body: { accountName: 'later-person' },
    });
    assert.equal(unproven.body.error.code, 'reauth_required');
    h.clock.advance(61);
    const bad = await h.call('PUT', '/api/jdcloud/account/name', {
      token,
      body: { accountName: '123456', code: await reauthCode(h, 'jdcloud', token, phone) },
    });
    assert.equal(bad.body.error.code, 'validation_failed');
    h.clock.advance(61);
    const renamed = await h.call('PUT', '/api/jdcloud/account/name', {
      token,
      body: { accountName: 'later-person', code: await reauthCode(h, 'jdcloud', token, phone) },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.account.accountName, 'later-person');
    assert.equal(renamed.body.account.accountNameGenerated, undefined);
    h.clock.advance(61);
    const setPassword = await h.call('PUT', '/api/jdcloud/account/password', {
      token,
      body: { newPassword: 'Later-123', code: await reauthCode(h, 'jdcloud', token, phone) },
    });
    assert.equal(setPassword.status, 204, setPassword.text);
    const byName = authenticated(
      await h.post('/api/jdcloud/sessions', { identifier: 'later-person', password: 'Later-123' }),
    );
    assert.equal(byName.account.id, created.account.id);
    // A chosen name is the account's identifier now: it is not changed again here.
    const twice = await h.call('PUT', '/api/jdcloud/account/name', {
      token: byName.session.token,
      body: { accountName: 'other-name', currentPassword: 'Later-123' },
    });
    assert.equal(twice.body.error.code, 'method_disabled');
  });

  test('seed 002: a legacy JD account binds WeChat once upgraded', async () => {
    const phone = newPhone();
    const legacy = await h.post('/api/jdcloud/dev/legacy-accounts', { phone, password: 'old-pass' });
    assert.equal(legacy.status, 201, legacy.text);
    const id = legacy.body.account.id;
    const viaJd = authenticated(
      await start(h, 'jdcloud', 'jd', { name: phone.replace('+86', ''), password: 'old-pass' }),
    );
    assert.equal(viaJd.account.id, id);
    const upgraded = await h.post(
      '/api/jdcloud/account/upgrade',
      { accountName: 'upgraded-wx', password: 'Upgraded-123' },
      { token: viaJd.session.token },
    );
    assert.equal(upgraded.status, 200, upgraded.text);

    h.clock.advance(61);
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Upgraded Wx' });
    const code = await h.code('jdcloud', phone, 'bind');
    const chooser = await h.post('/api/jdcloud/continue', {
      ticket: first.body.ticket,
      phone,
      code,
      agreements: true,
    });
    assert.equal(chooser.body.status, 'choose_account', chooser.text);
    assert.deepEqual(
      chooser.body.accounts.map((account: { id: string }) => account.id),
      [id],
    );
    const bound = authenticated(
      await h.post('/api/jdcloud/continue', {
        ticket: chooser.body.ticket,
        accountId: id,
        password: 'Upgraded-123',
      }),
    );
    assert.equal(bound.account.id, id);
    assert.deepEqual([...bound.account.connections].sort(), ['jd', 'wechat']);
    assert.equal(authenticated(await start(h, 'jdcloud', 'wechat', { name: 'Upgraded Wx' })).account.id, id);
  });
});
