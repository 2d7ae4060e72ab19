/**
 * Third-party login (docs/flows.md#third-party-login) end to end on a real app, binding: JD
 * Cloud's and QingCloud's first time and returning, through the simulated providers and
 * `POST /continue`, and the refusals (`already_bound`, `legacy_account_cannot_bind`,
 * `phone_account_limit`). Creating accounts: connection-create.test.ts; unbinding and the legacy
 * upgrade: account-connections.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '../crypto.ts';
import { createHarness, registerJd, registerQing, type Harness } from '../testing.ts';
import { authenticated, newPhone, start, withCode } from './connection.testing.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

describe('jdcloud: WeChat and JD login', () => {
  test('WeChat, first time: phone + code → the phone’s accounts with createNew → bind one; next time signed in directly', async () => {
    const phone = newPhone();
    const alice = await registerJd(h, 'alice-wx', phone);
    h.clock.advance(61);
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Alice WeChat' });
    assert.deepEqual(
      { ...first.body, ticket: undefined },
      {
        status: 'needs_profile',
        ticket: undefined,
        required: ['phone', 'code', 'agreements'],
        optional: [],
        nickname: 'Alice WeChat',
      },
    );
    const chooser = await withCode(h, 'jdcloud', first.body.ticket, phone);
    assert.equal(chooser.body.status, 'choose_account');
    assert.equal(chooser.body.createNew, true);
    assert.deepEqual(
      chooser.body.accounts.map(({ id, label }: { id: string; label: string }) => ({ id, label })),
      [{ id: alice.account.id, label: 'a******x' }],
    );
    // Alice has a password: the code proved the phone, only her password proves her account.
    const asked = await h.post('/api/jdcloud/continue', {
      ticket: chooser.body.ticket,
      accountId: alice.account.id,
    });
    assert.deepEqual(
      { ...asked.body, ticket: undefined },
      {
        status: 'needs_profile',
        ticket: undefined,
        required: ['password'],
        optional: [],
        nickname: 'Alice WeChat',
      },
    );
    const wrong = await h.post('/api/jdcloud/continue', { ticket: asked.body.ticket, password: 'Wrong-000' });
    assert.deepEqual(
      [wrong.status, wrong.body.error.code, wrong.body.error.field],
      [401, 'invalid_credentials', 'password'],
    );
    const bound = authenticated(
      await h.post('/api/jdcloud/continue', { ticket: asked.body.ticket, password: 'Secret-123' }),
    );
    assert.equal(bound.account.id, alice.account.id);
    assert.deepEqual(bound.account.connections, ['wechat']);
    const [notice] = await h.outbox('jdcloud', phone);
    assert.equal(notice?.purpose, 'security_notice');

    const again = authenticated(await start(h, 'jdcloud', 'wechat', { name: 'alice wechat' }));
    assert.equal(again.account.id, alice.account.id, 'returning: the bound account, no questions');
    assert.notEqual(again.session.token, bound.session.token);
  });

  test('seed 002: WeChat, "create a new account" beside the phone’s accounts: created at once, the phone stays its first holder’s', async () => {
    const phone = newPhone();
    await registerJd(h, 'existing-1', phone);
    h.clock.advance(61);
    const first = await start(h, 'jdcloud', 'wechat', { name: 'New Person' });
    const chooser = await withCode(h, 'jdcloud', first.body.ticket, phone);
    assert.equal(chooser.body.nickname, 'New Person');
    const created = authenticated(
      await h.post('/api/jdcloud/continue', { ticket: chooser.body.ticket, createNew: true }),
    );
    assert.match(created.account.accountName, /^wx_[a-z2-9]{10}$/);
    assert.equal(created.account.accountNameGenerated, true);
    assert.deepEqual(created.account.connections, ['wechat']);
    assert.deepEqual(created.account.connectionNames, [{ idp: 'wechat', nickname: 'New Person' }]);
    assert.equal(created.account.hasPassword, false);
    assert.deepEqual(created.account.loginIdentifiers, ['accountName'], 'the phone stays its first holder’s');
    assert.equal(
      authenticated(await start(h, 'jdcloud', 'wechat', { name: 'New Person' })).account.id,
      created.account.id,
    );
  });

  test('seed 002: JD login, first time with a phone nobody has: an account created at once, then returning', async () => {
    const phone = newPhone();
    const first = await start(h, 'jdcloud', 'jd', { name: 'jd-first', password: 'jd-pass-1' });
    const created = authenticated(await withCode(h, 'jdcloud', first.body.ticket, phone));
    assert.deepEqual(created.account.connections, ['jd']);
    assert.match(created.account.accountName, /^jd_/);
    assert.deepEqual(created.account.loginIdentifiers, ['accountName', 'phone']);
    assert.equal(
      authenticated(await start(h, 'jdcloud', 'jd', { name: 'jd-first', password: 'jd-pass-1' })).account.id,
      created.account.id,
    );
  });

  test('a wrong code keeps the step; an answer to another step’s question is refused', async () => {
    const phone = newPhone();
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Typo' });
    await h.code('jdcloud', phone, 'bind');
    const wrong = await h.post('/api/jdcloud/continue', {
      ticket: first.body.ticket,
      phone,
      code: '000000',
      agreements: true,
    });
    assert.equal(wrong.body.error.code, 'invalid_code');
    const missing = await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone });
    assert.equal(missing.body.error.code, 'validation_failed');
    assert.equal(missing.body.error.issues[0].path, 'code');
    const [message] = await h.outbox('jdcloud', phone);
    const right = await h.post('/api/jdcloud/continue', {
      ticket: first.body.ticket,
      phone,
      code: message!.code,
      agreements: true,
    });
    assert.equal(right.body.status, 'authenticated', 'the same ticket still works');
    assert.equal(
      (await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone, code: message!.code })).body
        .error.code,
      'ticket_expired',
      'and then it is spent',
    );
  });
});

describe('refusals', () => {
  test('already_bound: the chosen account has another WeChat; the ticket stays usable for "create new"', async () => {
    const phone = newPhone();
    await registerJd(h, 'bound-one', phone);
    h.clock.advance(61);
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Wx One' });
    const chooser = await withCode(h, 'jdcloud', first.body.ticket, phone);
    const owner = chooser.body.accounts[0].id;
    authenticated(
      await h.post('/api/jdcloud/continue', {
        ticket: chooser.body.ticket,
        accountId: owner,
        password: 'Secret-123',
      }),
    );

    h.clock.advance(61);
    const second = await start(h, 'jdcloud', 'wechat', { name: 'Wx Two' });
    const chooser2 = await withCode(h, 'jdcloud', second.body.ticket, phone);
    const refused = await h.post('/api/jdcloud/continue', {
      ticket: chooser2.body.ticket,
      accountId: owner,
      password: 'Secret-123',
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'already_bound');
    const create = await h.post('/api/jdcloud/continue', { ticket: chooser2.body.ticket, createNew: true });
    assert.equal(create.body.status, 'authenticated');
  });

  test('legacy_account_cannot_bind: a legacy JD account offered for WeChat is refused until upgraded', async () => {
    const phone = newPhone();
    const legacy = await h.post('/api/jdcloud/dev/legacy-accounts', { phone, password: 'old-pass' });
    assert.equal(legacy.status, 201, legacy.text);
    const first = await start(h, 'jdcloud', 'wechat', { name: 'Legacy Wx' });
    const chooser = await withCode(h, 'jdcloud', first.body.ticket, phone);
    assert.deepEqual(
      chooser.body.accounts.map((a: { id: string }) => a.id),
      [legacy.body.account.id],
    );
    const refused = await h.post('/api/jdcloud/continue', {
      ticket: chooser.body.ticket,
      accountId: legacy.body.account.id,
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'legacy_account_cannot_bind');
  });

  test('phone_account_limit: Tencent refuses a sixth account on one phone, before the code is spent; another phone works', async () => {
    const phone = newPhone();
    for (let i = 0; i < 5; i++) {
      const now = h.clock.now().toISOString();
      await h.store.accounts.create(
        {
          id: newId(),
          provider: 'tencentcloud',
          kind: 'main',
          phone,
          phoneLoginable: i === 0,
          emailVerified: false,
          emailLoginable: false,
          connections: [],
          legacy: false,
          status: 'active',
          industry: 'other',
          createdAt: now,
          updatedAt: now,
        },
        { emailUnique: true, maxAccountsPerPhone: 5 },
      );
    }
    const first = await start(h, 'tencentcloud', 'qq', { name: 'qq-limit' });
    const refused = await withCode(h, 'tencentcloud', first.body.ticket, phone);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'phone_account_limit');
    const other = await withCode(h, 'tencentcloud', first.body.ticket, newPhone());
    assert.deepEqual(other.body.required, ['industry', 'agreements']);
  });
});

describe('qingcloud: WeChat login', () => {
  test('phone + code binds the phone’s account; several → chooser; next time signed in directly', async () => {
    const phone = newPhone();
    const only = await registerQing(h, phone, 'pass-word1');
    h.clock.advance(61);
    const first = await start(h, 'qingcloud', 'wechat', { name: 'Qing One' });
    assert.deepEqual(first.body.required, ['phone', 'code']);
    // The account has a password: a step asks for it (the code is not spent twice).
    const one = await withCode(h, 'qingcloud', first.body.ticket, phone);
    assert.deepEqual(one.body.required, ['password']);
    const bound = authenticated(
      await h.post('/api/qingcloud/continue', { ticket: one.body.ticket, currentPassword: 'pass-word1' }),
    );
    assert.equal(bound.account.id, only.account.id);
    assert.deepEqual(bound.account.connections, ['wechat']);
    assert.equal(
      authenticated(await start(h, 'qingcloud', 'wechat', { name: 'Qing One' })).account.id,
      only.account.id,
    );

    const shared = newPhone();
    const a = await registerQing(h, shared, 'pass-word1');
    h.clock.advance(61);
    const b = await registerQing(h, shared, 'pass-word2');
    h.clock.advance(61);
    const second = await start(h, 'qingcloud', 'wechat', { name: 'Qing Two' });
    const chooser = await withCode(h, 'qingcloud', second.body.ticket, shared);
    assert.equal(chooser.body.status, 'choose_account');
    assert.equal(chooser.body.createNew, undefined);
    assert.deepEqual(
      chooser.body.accounts.map((x: { id: string }) => x.id).sort(),
      [a.account.id, b.account.id].sort(),
    );
    assert.equal(
      (await h.post('/api/qingcloud/continue', { ticket: chooser.body.ticket, createNew: true })).body.error
        .code,
      'validation_failed',
    );
    assert.equal(
      authenticated(
        await h.post('/api/qingcloud/continue', {
          ticket: chooser.body.ticket,
          accountId: b.account.id,
          password: 'pass-word2',
        }),
      ).account.id,
      b.account.id,
    );
  });

  test('a phone without an account: not_found, and the step can be answered again', async () => {
    const first = await start(h, 'qingcloud', 'wechat', { name: 'Qing Nobody' });
    const none = await withCode(h, 'qingcloud', first.body.ticket, newPhone());
    assert.equal(none.status, 404);
    assert.equal(none.body.error.code, 'not_found');
    assert.equal(none.body.error.field, 'phone', 'the elements say "register first" (not_found.phone)');
    const phone = newPhone();
    const account = await registerQing(h, phone, 'pass-word1');
    h.clock.advance(61);
    const one = await withCode(h, 'qingcloud', first.body.ticket, phone);
    assert.equal(
      authenticated(
        await h.post('/api/qingcloud/continue', { ticket: one.body.ticket, password: 'pass-word1' }),
      ).account.id,
      account.account.id,
    );
  });
});
