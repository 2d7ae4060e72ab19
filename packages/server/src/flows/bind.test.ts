/**
 * Third-party login (docs/flows.md#third-party-login) end to end on a real app: each provider × preset, first time and
 * returning, through the simulated providers and `POST /continue`; the refusals
 * (`already_bound`, `legacy_account_cannot_bind`, `phone_account_limit`); unbinding (docs/flows.md#unbind-a-third-party-login) and
 * the legacy upgrade (docs/flows.md#legacy-jd-accounts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Idp, ProviderId } from '@cloud-login/core';
import { newId } from '../crypto.ts';
import { browser, connectionTicket, TEST_FLOW_SECRET, type LoginAs } from '../routes/connections.testing.ts';
import { createHarness, reauthCode, registerJd, registerQing, type Harness } from '../testing.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

let phones = 0;
/** A fresh mainland number per use, so code cooldowns never meet. */
const newPhone = () => `+861390000${String(1000 + phones++).padStart(4, '0')}`;

async function start(provider: ProviderId, idp: Idp, who: LoginAs) {
  const ticket = await connectionTicket(browser(h), provider, idp, who);
  return h.post(`/api/${provider}/continue`, { ticket, flowSecret: TEST_FLOW_SECRET });
}

async function withCode(provider: ProviderId, ticket: string, phone: string) {
  const code = await h.code(provider, phone, 'bind');
  return h.post(`/api/${provider}/continue`, { ticket, phone, code });
}

function authenticated(answer: { status: number; body: any; text: string; headers: Headers }) {
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.status, 'authenticated', answer.text);
  assert.match(answer.body.session.token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(answer.headers.get('Set-Cookie') ?? '', /HttpOnly/);
  return answer.body;
}

describe('jdcloud: WeChat and JD login', () => {
  test('WeChat, first time: phone + code → the phone’s accounts with createNew → bind one; next time signed in directly', async () => {
    const phone = newPhone();
    const alice = await registerJd(h, 'alice-wx', phone);
    h.clock.advance(61);
    const first = await start('jdcloud', 'wechat', { name: 'Alice WeChat' });
    assert.deepEqual(
      { ...first.body, ticket: undefined },
      { status: 'needs_profile', ticket: undefined, required: ['phone', 'code'], optional: [] },
    );
    const chooser = await withCode('jdcloud', first.body.ticket, phone);
    assert.equal(chooser.body.status, 'choose_account');
    assert.equal(chooser.body.createNew, true);
    assert.deepEqual(chooser.body.accounts, [{ id: alice.account.id, label: 'a******x' }]);
    // Alice has a password: the code proved the phone, only her password proves her account.
    const asked = await h.post('/api/jdcloud/continue', {
      ticket: chooser.body.ticket,
      accountId: alice.account.id,
    });
    assert.deepEqual(
      { ...asked.body, ticket: undefined },
      { status: 'needs_profile', ticket: undefined, required: ['password'], optional: [] },
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

    const again = authenticated(await start('jdcloud', 'wechat', { name: 'alice wechat' }));
    assert.equal(again.account.id, alice.account.id, 'returning: the bound account, no questions');
    assert.notEqual(again.session.token, bound.session.token);
  });

  test('WeChat, first time, create a new account: account name + agreements (password optional)', async () => {
    const phone = newPhone();
    await registerJd(h, 'existing-1', phone);
    h.clock.advance(61);
    const first = await start('jdcloud', 'wechat', { name: 'New Person' });
    const chooser = await withCode('jdcloud', first.body.ticket, phone);
    const create = await h.post('/api/jdcloud/continue', { ticket: chooser.body.ticket, createNew: true });
    assert.deepEqual(
      { ...create.body, ticket: undefined },
      {
        status: 'needs_profile',
        ticket: undefined,
        required: ['accountName', 'agreements'],
        optional: ['password'],
      },
    );
    const badName = await h.post('/api/jdcloud/continue', {
      ticket: create.body.ticket,
      accountName: '12345',
      agreements: true,
    });
    assert.equal(badName.body.error.code, 'validation_failed');
    const taken = await h.post('/api/jdcloud/continue', {
      ticket: create.body.ticket,
      accountName: 'existing-1',
      agreements: true,
    });
    assert.equal(taken.body.error.code, 'account_name_taken');
    const noAgreements = await h.post('/api/jdcloud/continue', {
      ticket: create.body.ticket,
      accountName: 'new-person',
    });
    assert.equal(noAgreements.body.error.code, 'agreements_required');
    const created = authenticated(
      await h.post('/api/jdcloud/continue', {
        ticket: create.body.ticket,
        accountName: 'new-person',
        agreements: true,
      }),
    );
    assert.equal(created.account.accountName, 'new-person');
    assert.deepEqual(created.account.connections, ['wechat']);
    assert.equal(created.account.hasPassword, false);
    assert.deepEqual(created.account.loginIdentifiers, ['accountName'], 'the phone stays its first holder’s');
    assert.equal(
      authenticated(await start('jdcloud', 'wechat', { name: 'New Person' })).account.id,
      created.account.id,
    );
  });

  test('JD login, first time with a phone nobody has: straight to "create", then returning', async () => {
    const phone = newPhone();
    const first = await start('jdcloud', 'jd', { name: 'jd-first', password: 'jd-pass-1' });
    const create = await withCode('jdcloud', first.body.ticket, phone);
    assert.deepEqual(create.body.required, ['accountName', 'agreements']);
    const created = authenticated(
      await h.post('/api/jdcloud/continue', {
        ticket: create.body.ticket,
        accountName: 'jd-first',
        password: 'Secret-123',
        agreements: true,
      }),
    );
    assert.deepEqual(created.account.connections, ['jd']);
    assert.deepEqual(created.account.loginIdentifiers, ['accountName', 'phone']);
    assert.equal(
      authenticated(await start('jdcloud', 'jd', { name: 'jd-first', password: 'jd-pass-1' })).account.id,
      created.account.id,
    );
    // Password login works too, with the password chosen at creation.
    assert.equal(
      (await h.post('/api/jdcloud/sessions', { identifier: 'jd-first', password: 'Secret-123' })).body.account
        .id,
      created.account.id,
    );
  });

  test('a wrong code keeps the step; an answer to another step’s question is refused', async () => {
    const phone = newPhone();
    const first = await start('jdcloud', 'wechat', { name: 'Typo' });
    await h.code('jdcloud', phone, 'bind');
    const wrong = await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone, code: '000000' });
    assert.equal(wrong.body.error.code, 'invalid_code');
    const missing = await h.post('/api/jdcloud/continue', { ticket: first.body.ticket, phone });
    assert.equal(missing.body.error.code, 'validation_failed');
    assert.equal(missing.body.error.issues[0].path, 'code');
    const [message] = await h.outbox('jdcloud', phone);
    const right = await h.post('/api/jdcloud/continue', {
      ticket: first.body.ticket,
      phone,
      code: message!.code,
    });
    assert.equal(right.body.status, 'needs_profile', 'the same ticket still works');
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
    const first = await start('jdcloud', 'wechat', { name: 'Wx One' });
    const chooser = await withCode('jdcloud', first.body.ticket, phone);
    const owner = chooser.body.accounts[0].id;
    authenticated(
      await h.post('/api/jdcloud/continue', {
        ticket: chooser.body.ticket,
        accountId: owner,
        password: 'Secret-123',
      }),
    );

    h.clock.advance(61);
    const second = await start('jdcloud', 'wechat', { name: 'Wx Two' });
    const chooser2 = await withCode('jdcloud', second.body.ticket, phone);
    const refused = await h.post('/api/jdcloud/continue', {
      ticket: chooser2.body.ticket,
      accountId: owner,
      password: 'Secret-123',
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'already_bound');
    const create = await h.post('/api/jdcloud/continue', { ticket: chooser2.body.ticket, createNew: true });
    assert.equal(create.body.status, 'needs_profile');
  });

  test('legacy_account_cannot_bind: a legacy JD account offered for WeChat is refused until upgraded', async () => {
    const phone = newPhone();
    const legacy = await h.post('/api/jdcloud/dev/legacy-accounts', { phone, password: 'old-pass' });
    assert.equal(legacy.status, 201, legacy.text);
    const first = await start('jdcloud', 'wechat', { name: 'Legacy Wx' });
    const chooser = await withCode('jdcloud', first.body.ticket, phone);
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
    const first = await start('tencentcloud', 'qq', { name: 'qq-limit' });
    const refused = await withCode('tencentcloud', first.body.ticket, phone);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'phone_account_limit');
    const other = await withCode('tencentcloud', first.body.ticket, newPhone());
    assert.deepEqual(other.body.required, ['industry', 'agreements']);
  });
});

describe('qingcloud: WeChat login', () => {
  test('phone + code binds the phone’s account; several → chooser; next time signed in directly', async () => {
    const phone = newPhone();
    const only = await registerQing(h, phone, 'pass-word1');
    h.clock.advance(61);
    const first = await start('qingcloud', 'wechat', { name: 'Qing One' });
    assert.deepEqual(first.body.required, ['phone', 'code']);
    // The account has a password: a step asks for it (the code is not spent twice).
    const one = await withCode('qingcloud', first.body.ticket, phone);
    assert.deepEqual(one.body.required, ['password']);
    const bound = authenticated(
      await h.post('/api/qingcloud/continue', { ticket: one.body.ticket, currentPassword: 'pass-word1' }),
    );
    assert.equal(bound.account.id, only.account.id);
    assert.deepEqual(bound.account.connections, ['wechat']);
    assert.equal(
      authenticated(await start('qingcloud', 'wechat', { name: 'Qing One' })).account.id,
      only.account.id,
    );

    const shared = newPhone();
    const a = await registerQing(h, shared, 'pass-word1');
    h.clock.advance(61);
    const b = await registerQing(h, shared, 'pass-word2');
    h.clock.advance(61);
    const second = await start('qingcloud', 'wechat', { name: 'Qing Two' });
    const chooser = await withCode('qingcloud', second.body.ticket, shared);
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
    const first = await start('qingcloud', 'wechat', { name: 'Qing Nobody' });
    const none = await withCode('qingcloud', first.body.ticket, newPhone());
    assert.equal(none.status, 404);
    assert.equal(none.body.error.code, 'not_found');
    assert.equal(none.body.error.field, 'phone', 'the elements say "register first" (not_found.phone)');
    const phone = newPhone();
    const account = await registerQing(h, phone, 'pass-word1');
    h.clock.advance(61);
    const one = await withCode('qingcloud', first.body.ticket, phone);
    assert.equal(
      authenticated(
        await h.post('/api/qingcloud/continue', { ticket: one.body.ticket, password: 'pass-word1' }),
      ).account.id,
      account.account.id,
    );
  });
});

describe('tencentcloud: WeChat, WeChat OA and QQ login', () => {
  test('WeChat: phone + code → email → industry + agreements → a new account; the email gets a verification link', async () => {
    const phone = newPhone();
    const first = await start('tencentcloud', 'wechat', { name: 'Tx Wechat' });
    const email = await withCode('tencentcloud', first.body.ticket, phone);
    assert.deepEqual(
      { ...email.body, ticket: undefined },
      { status: 'needs_profile', ticket: undefined, required: ['email'], optional: [] },
    );
    const industry = await h.post('/api/tencentcloud/continue', {
      ticket: email.body.ticket,
      email: 'Tx@Example.com',
    });
    assert.deepEqual(industry.body.required, ['industry', 'agreements']);
    assert.equal(
      (
        await h.post('/api/tencentcloud/continue', {
          ticket: industry.body.ticket,
          industry: 'mining',
          agreements: true,
        })
      ).body.error.code,
      'validation_failed',
    );
    const created = authenticated(
      await h.post('/api/tencentcloud/continue', {
        ticket: industry.body.ticket,
        industry: 'gaming',
        agreements: true,
      }),
    );
    assert.equal(created.account.email, 'tx@example.com');
    assert.equal(created.account.emailVerified, false);
    assert.equal(created.account.industry, 'gaming');
    assert.deepEqual(created.account.connections, ['wechat']);
    const [link] = await h.outbox('tencentcloud', 'tx@example.com');
    assert.equal(link?.purpose, 'verify');
    assert.equal(
      authenticated(await start('tencentcloud', 'wechat', { name: 'Tx Wechat' })).account.id,
      created.account.id,
    );

    // The email is taken now: another WeChat cannot use it.
    const other = await start('tencentcloud', 'wechat', { name: 'Tx Other' });
    const step = await withCode('tencentcloud', other.body.ticket, newPhone());
    assert.equal(
      (await h.post('/api/tencentcloud/continue', { ticket: step.body.ticket, email: 'tx@example.com' })).body
        .error.code,
      'email_taken',
    );
  });

  for (const idp of ['wechat-mp', 'qq'] as const) {
    test(`${idp}: phone + code → industry + agreements → a new account; next time signed in directly`, async () => {
      const first = await start('tencentcloud', idp, { name: `Tx ${idp}` });
      assert.deepEqual(first.body.required, ['phone', 'code']);
      const industry = await withCode('tencentcloud', first.body.ticket, newPhone());
      assert.deepEqual(industry.body.required, ['industry', 'agreements']);
      const created = authenticated(
        await h.post('/api/tencentcloud/continue', {
          ticket: industry.body.ticket,
          industry: 'finance',
          agreements: true,
        }),
      );
      assert.deepEqual(created.account.connections, [idp]);
      assert.equal(created.account.email, undefined);
      assert.equal(
        authenticated(await start('tencentcloud', idp, { name: `Tx ${idp}` })).account.id,
        created.account.id,
      );
    });
  }
});

describe('jdcloud-classic: JD login', () => {
  test('first time: the enable-service form (contact phone in 4 regions, optional email and recommendation code) → a new account; then returning', async () => {
    const first = await start('jdcloud-classic', 'jd', { name: 'classic-user', password: 'jd-pass-1' });
    assert.deepEqual(
      { ...first.body, ticket: undefined },
      {
        status: 'needs_profile',
        ticket: undefined,
        required: ['agreements', 'contactPhone'],
        optional: ['contactEmail', 'recommendationCode'],
      },
    );
    const bad = await h.post('/api/jdcloud-classic/continue', {
      ticket: first.body.ticket,
      contactPhone: '+12025550123',
      recommendationCode: 'no spaces',
      agreements: true,
    });
    assert.deepEqual(
      bad.body.error.issues.map((i: { path: string }) => i.path),
      ['contactPhone', 'recommendationCode'],
    );
    const created = authenticated(
      await h.post('/api/jdcloud-classic/continue', {
        ticket: first.body.ticket,
        contactPhone: '+85251234567',
        contactEmail: 'ops@example.com',
        recommendationCode: 'SALES-7',
        agreements: true,
      }),
    );
    assert.deepEqual(created.account.connections, ['jd']);
    const record = await h.store.accounts.get(created.account.id);
    assert.equal(record?.contactPhone, '+85251234567');
    assert.equal(record?.recommendationCode, 'SALES-7');
    assert.equal(record?.agreements?.length, 3);
    assert.equal(
      authenticated(await start('jdcloud-classic', 'jd', { name: 'classic-user', password: 'jd-pass-1' }))
        .account.id,
      created.account.id,
    );
  });
});

describe('account security', () => {
  test('unbind WeChat: refused without a password (password_required), allowed once one is set', async () => {
    const first = await start('jdcloud', 'wechat', { name: 'Unbinder' });
    const phone = newPhone();
    const create = await withCode('jdcloud', first.body.ticket, phone);
    const { account, session } = authenticated(
      await h.post('/api/jdcloud/continue', {
        ticket: create.body.ticket,
        accountName: 'unbinder',
        agreements: true,
      }),
    );
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
    assert.equal((await start('jdcloud', 'wechat', { name: 'Unbinder' })).body.status, 'needs_profile');
    assert.equal(account.id, me.body.account.id);
  });

  test('unbind on Tencent: a password alone is not enough while it has no identifier to sign in with', async () => {
    const first = await start('tencentcloud', 'qq', { name: 'qq-unbind' });
    const phone = newPhone();
    const industry = await withCode('tencentcloud', first.body.ticket, phone);
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
      await start('jdcloud', 'jd', { name: phone.replace('+86', ''), password: 'old-pass' }),
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
