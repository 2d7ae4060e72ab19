/**
 * Forgot password in every preset: `POST /password-resets` (phone, email, account name; SMS,
 * voice, email), `POST /password-resets/verify`, then `POST /continue` with `accountId` and
 * `newPassword`. The attacks (enumeration, guessing, parallel use, other accounts) are in
 * test/security/password-reset.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OutboxMessage, ProviderId } from '@cloud-login/core';
import {
  createHarness,
  registerClassic,
  registerJd,
  registerQing,
  signIn,
  spendEmailLink,
  tokenOf,
  type Harness,
} from '../testing.ts';

const PHONE = '+8613800138000';

/** The newest message to `to` with `purpose`: reset codes are handed to the sender without waiting. */
async function message(
  h: Harness,
  provider: ProviderId,
  to: string,
  purpose = 'reset',
): Promise<OutboxMessage> {
  for (let i = 0; i < 100; i++) {
    const found = (await h.outbox(provider, to)).find((m) => m.purpose === purpose);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${purpose} message to ${to}`);
}

async function resetCode(
  h: Harness,
  provider: ProviderId,
  identifier: string,
  to: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const sent = await h.post(`/api/${provider}/password-resets`, { identifier, ...extra });
  assert.equal(sent.status, 202, sent.text);
  return (await message(h, provider, to)).code!;
}

/** Code → (chooser →) new password → signed in. */
async function reset(
  h: Harness,
  provider: ProviderId,
  identifier: string,
  code: string,
  newPassword: string,
  accountId?: string,
) {
  const verified = await h.post(`/api/${provider}/password-resets/verify`, { identifier, code });
  assert.equal(verified.status, 200, verified.text);
  let ticket = verified.body.ticket;
  if (verified.body.status === 'choose_account') {
    assert.ok(accountId, 'a chooser needs accountId');
    const chosen = await h.post(`/api/${provider}/continue`, { ticket, accountId });
    assert.equal(chosen.status, 200, chosen.text);
    ticket = chosen.body.ticket;
  }
  return h.post(`/api/${provider}/continue`, { ticket, newPassword });
}

describe('POST /password-resets', () => {
  test('jdcloud: by account name the code goes to the account’s phone; the answer is the same shape for any identifier', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'alice-01', PHONE, 'Secret-123');
      h.clock.advance(61);
      const sent = await h.post('/api/jdcloud/password-resets', { identifier: 'alice-01', locale: 'en' });
      assert.equal(sent.status, 202);
      assert.deepEqual(sent.body, { status: 'reset_sent', channel: 'sms', expiresIn: 300, resendAfter: 60 });
      const sms = await message(h, 'jdcloud', PHONE);
      assert.equal(sms.channel, 'sms');
      assert.match(sms.text, /^\[JD Cloud\] Your password reset code is [0-9]{6}\./);
      const unknown = await h.post('/api/jdcloud/password-resets', { identifier: 'nobody-01', locale: 'en' });
      assert.equal(unknown.status, 202);
      assert.deepEqual(unknown.body, sent.body);

      const verified = await h.post('/api/jdcloud/password-resets/verify', {
        identifier: 'ALICE-01',
        code: sms.code,
      });
      assert.equal(verified.status, 200, verified.text);
      assert.deepEqual(
        { ...verified.body, ticket: typeof verified.body.ticket },
        { status: 'needs_profile', ticket: 'string', required: ['newPassword'], optional: [] },
      );
      const done = await h.post('/api/jdcloud/continue', {
        ticket: verified.body.ticket,
        newPassword: 'Newer-456',
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'authenticated');
      assert.equal(done.body.account.accountName, 'alice-01');
      assert.match(done.headers.get('set-cookie') ?? '', /cl_session_jdcloud=/);
      assert.equal((await signIn(h, 'jdcloud', 'alice-01', 'Newer-456')).status, 200);
      assert.equal(
        (await signIn(h, 'jdcloud', 'alice-01', 'Secret-123')).body.error.code,
        'invalid_credentials',
      );
    } finally {
      await h.close();
    }
  });

  test('jdcloud: a phone shared by two accounts goes through the chooser; the new password follows JD’s rules', async () => {
    const h = await createHarness();
    try {
      const first = await registerJd(h, 'first-01', PHONE);
      h.clock.advance(61);
      const second = await registerJd(h, 'second-01', PHONE);
      h.clock.advance(61);
      const code = await resetCode(h, 'jdcloud', '138 0013 8000', PHONE);
      const verified = await h.post('/api/jdcloud/password-resets/verify', { identifier: PHONE, code });
      assert.equal(verified.body.status, 'choose_account');
      assert.deepEqual(
        verified.body.accounts.map((a: { id: string }) => a.id),
        [first.account.id, second.account.id],
      );
      assert.deepEqual(
        verified.body.accounts.map((a: { label: string }) => a.label),
        ['f******1', 's*******1'],
      );
      const chosen = await h.post('/api/jdcloud/continue', {
        ticket: verified.body.ticket,
        accountId: second.account.id,
      });
      assert.deepEqual(chosen.body.required, ['newPassword']);
      const weak = await h.post('/api/jdcloud/continue', {
        ticket: chosen.body.ticket,
        newPassword: 'abcdefgh',
      });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.error.issues[0].path, 'newPassword');
      assert.equal(weak.body.error.issues[0].code, 'password_digit');
      const named = await h.post('/api/jdcloud/continue', {
        ticket: chosen.body.ticket,
        newPassword: 'second-01',
      });
      assert.equal(named.body.error.issues[0].code, 'password_account_name');
      const done = await h.post('/api/jdcloud/continue', {
        ticket: chosen.body.ticket,
        newPassword: 'Fresh-789',
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.account.id, second.account.id);
      assert.equal((await signIn(h, 'jdcloud', 'second-01', 'Fresh-789')).status, 200);
      assert.equal(
        (await signIn(h, 'jdcloud', 'first-01', 'Secret-123')).status,
        200,
        'the other account is untouched',
      );
    } finally {
      await h.close();
    }
  });

  test('jdcloud: the verified security email takes an email code; an unverified one gets nothing, with the same answer', async () => {
    const h = await createHarness();
    try {
      const alice = await registerJd(h, 'alice-01', PHONE);
      await h.post(
        '/api/jdcloud/account/email',
        { email: 'alice@example.com', currentPassword: 'Secret-123' },
        { token: alice.session.token },
      );
      const link = (await h.outbox('jdcloud', 'alice@example.com'))[0];
      assert.equal((await spendEmailLink(h, 'jdcloud', tokenOf(link))).status, 200);
      const bob = await registerJd(h, 'bob-0001', '+8613900139000');
      await h.post(
        '/api/jdcloud/account/email',
        { email: 'bob@example.com', currentPassword: 'Secret-123' },
        { token: bob.session.token },
      );

      const sent = await h.post('/api/jdcloud/password-resets', {
        identifier: 'Alice@Example.com',
        locale: 'zh-CN',
      });
      assert.deepEqual(sent.body, {
        status: 'reset_sent',
        channel: 'email',
        expiresIn: 300,
        resendAfter: 60,
      });
      const mail = await message(h, 'jdcloud', 'alice@example.com');
      assert.equal(mail.channel, 'email');
      assert.match(mail.text, /^【京东云】您的重置密码验证码是 [0-9]{6}/);
      const unverified = await h.post('/api/jdcloud/password-resets', {
        identifier: 'bob@example.com',
        locale: 'zh-CN',
      });
      assert.deepEqual(unverified.body, sent.body);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(
        (await h.outbox('jdcloud', 'bob@example.com')).filter((m) => m.purpose === 'reset').length,
        0,
      );

      // By account name with channel email: to the verified email.
      h.clock.advance(61);
      const byName = await h.post('/api/jdcloud/password-resets', {
        identifier: 'alice-01',
        channel: 'email',
      });
      assert.equal(byName.body.channel, 'email');
      const done = await reset(h, 'jdcloud', 'alice@example.com', mail.code!, 'Mailed-123');
      assert.equal(done.status, 200, done.text);
    } finally {
      await h.close();
    }
  });

  test('jdcloud: a legacy (pre-2019) account is pointed to JD login once the code is right', async () => {
    const h = await createHarness();
    try {
      assert.equal(
        (await h.post('/api/jdcloud/dev/legacy-accounts', { phone: PHONE, password: 'old-pass' })).status,
        201,
      );
      const code = await resetCode(h, 'jdcloud', PHONE, PHONE);
      const verified = await h.post('/api/jdcloud/password-resets/verify', { identifier: PHONE, code });
      assert.equal(verified.status, 403);
      assert.equal(verified.body.error.code, 'use_parent_login');
      // With a new account on the same phone, the chooser leaves the legacy one out.
      h.clock.advance(61);
      const fresh = await registerJd(h, 'fresh-01', PHONE);
      h.clock.advance(61);
      const again = await resetCode(h, 'jdcloud', PHONE, PHONE);
      const only = await h.post('/api/jdcloud/password-resets/verify', { identifier: PHONE, code: again });
      assert.equal(only.body.status, 'needs_profile');
      const done = await h.post('/api/jdcloud/continue', {
        ticket: only.body.ticket,
        newPassword: 'Fresh-456',
      });
      assert.equal(done.body.account.id, fresh.account.id);
    } finally {
      await h.close();
    }
  });

  test('jdcloud-classic: by account name, the code by voice call', async () => {
    const h = await createHarness();
    try {
      await registerClassic(h, 'classic1', PHONE);
      h.clock.advance(61);
      const sent = await h.post('/api/jdcloud-classic/password-resets', {
        identifier: 'classic1',
        channel: 'voice',
        locale: 'en',
      });
      assert.equal(sent.body.channel, 'voice');
      const call = await message(h, 'jdcloud-classic', PHONE);
      assert.equal(call.channel, 'voice');
      assert.match(call.text, /code is [0-9]( [0-9]){5}\./);
      const done = await reset(h, 'jdcloud-classic', 'classic1', call.code!, 'ghijkl');
      assert.equal(done.status, 200, done.text);
      assert.equal((await signIn(h, 'jdcloud-classic', 'classic1', 'ghijkl')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('qingcloud: accounts sharing a phone are chosen; a sub-account is sent to its main account', async () => {
    const h = await createHarness();
    try {
      const a = await registerQing(h, PHONE, 'pass-word1');
      h.clock.advance(61);
      const b = await registerQing(h, PHONE, 'pass-word2');
      h.clock.advance(61);
      const code = await resetCode(h, 'qingcloud', PHONE, PHONE);
      const done = await reset(h, 'qingcloud', PHONE, code, 'pass-word3', b.account.id);
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.account.id, b.account.id);
      // QingCloud's password picks the account: the new one now opens b only.
      assert.equal((await signIn(h, 'qingcloud', PHONE, 'pass-word3')).body.account.id, b.account.id);
      assert.equal((await signIn(h, 'qingcloud', PHONE, 'pass-word1')).body.account.id, a.account.id);

      // A sub-account whose email was verified gets the code, and then the refusal.
      const sub = await h.post(
        '/api/qingcloud/account/subaccounts',
        { email: 'ops@example.com', password: 'sub-pass1' },
        { token: a.session.token },
      );
      assert.equal(sub.status, 201, sub.text);
      const subSession = await h.post('/api/qingcloud/sessions/subaccount', {
        email: 'ops@example.com',
        password: 'sub-pass1',
      });
      await h.post(
        '/api/qingcloud/account/email',
        { email: 'ops@example.com', currentPassword: 'sub-pass1' },
        { token: subSession.body.session.token },
      );
      await spendEmailLink(h, 'qingcloud', tokenOf((await h.outbox('qingcloud', 'ops@example.com'))[0]));
      const subCode = await resetCode(h, 'qingcloud', 'ops@example.com', 'ops@example.com');
      const refused = await h.post('/api/qingcloud/password-resets/verify', {
        identifier: 'ops@example.com',
        code: subCode,
      });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.error.code, 'use_main_account');
    } finally {
      await h.close();
    }
  });

  test('tencentcloud: by the activated email, in English by Accept-Language', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'tony@example.com',
        password: 'pass-1234',
        agreements: true,
        returnTo: '/console',
      });
      const activation = (await h.outbox('tencentcloud', 'tony@example.com'))[0];
      const activated = await spendEmailLink(h, 'tencentcloud', tokenOf(activation));
      const industry = await h.post('/api/tencentcloud/continue', {
        ticket: activated.body.ticket,
        industry: 'internet',
      });
      assert.equal(industry.status, 200, industry.text);
      h.clock.advance(61);
      const sent = await h.post(
        '/api/tencentcloud/password-resets',
        { identifier: 'tony@example.com' },
        { headers: { 'Accept-Language': 'en-US,en;q=0.9' } },
      );
      assert.equal(sent.status, 202);
      const mail = await message(h, 'tencentcloud', 'tony@example.com');
      assert.match(mail.text, /^\[Tencent Cloud\] Your password reset code/);
      const done = await reset(h, 'tencentcloud', 'tony@example.com', mail.code!, 'pass-5678');
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'authenticated');
      assert.equal((await signIn(h, 'tencentcloud', 'tony@example.com', 'pass-5678')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('default: by phone; a locale the server does not write (ja) falls back to Accept-Language', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('default', PHONE);
      const created = await h.post('/api/default/accounts', {
        phone: PHONE,
        code,
        password: 'pass-1234',
        agreements: true,
      });
      assert.equal(created.status, 201, created.text);
      h.clock.advance(61);
      await h.post(
        '/api/default/password-resets',
        { identifier: PHONE, locale: 'ja' },
        { headers: { 'Accept-Language': 'en' } },
      );
      const sms = await message(h, 'default', PHONE);
      assert.match(sms.text, /Your password reset code/);
      const done = await reset(h, 'default', PHONE, sms.code!, 'pass-5678');
      assert.equal(done.status, 200, done.text);
    } finally {
      await h.close();
    }
  });

  test('the identifier and channel are checked by their form alone', async () => {
    const h = await createHarness();
    try {
      const cases: [ProviderId, Record<string, unknown>, string, string][] = [
        ['jdcloud', { identifier: '' }, 'identifier', 'field_required'],
        ['jdcloud', { identifier: 'a@b' }, 'identifier', 'email_invalid'],
        ['qingcloud', { identifier: 'someone' }, 'identifier', 'phone_invalid'],
        ['qingcloud', { identifier: '+14155552671' }, 'identifier', 'phone_region_not_allowed'],
        ['jdcloud', { identifier: PHONE, channel: 'email' }, 'channel', 'invalid_value'],
        ['jdcloud', { identifier: 'a@example.com', channel: 'sms' }, 'channel', 'invalid_value'],
      ];
      for (const [provider, body, path, code] of cases) {
        const answer = await h.post(`/api/${provider}/password-resets`, body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal(answer.body.error.issues[0].path, path);
        assert.equal(answer.body.error.issues[0].code, code, JSON.stringify(body));
      }
      const bad = await h.post('/api/jdcloud/password-resets', { identifier: PHONE, channel: 'fax' });
      assert.equal(bad.body.error.code, 'validation_failed');
      const malformed = await h.post('/api/jdcloud/password-resets/verify', {
        identifier: PHONE,
        code: '12',
      });
      assert.equal(malformed.body.error.issues[0].code, 'code_format');
    } finally {
      await h.close();
    }
  });

  test('resend after 60 s, and a reset code shares the phone’s cooldown with other codes', async () => {
    const h = await createHarness();
    try {
      await registerQing(h, PHONE, 'pass-word1');
      const early = await h.post('/api/qingcloud/password-resets', { identifier: PHONE });
      assert.equal(early.status, 429);
      assert.equal(early.body.error.code, 'code_cooldown');
      assert.equal(early.body.error.field, 'identifier');
      h.clock.advance(61);
      assert.equal((await h.post('/api/qingcloud/password-resets', { identifier: PHONE })).status, 202);
    } finally {
      await h.close();
    }
  });

  test('a reset code lives 5 minutes and a reset ticket 10', async () => {
    const h = await createHarness();
    try {
      await registerQing(h, PHONE, 'pass-word1');
      h.clock.advance(61);
      const code = await resetCode(h, 'qingcloud', PHONE, PHONE);
      h.clock.advance(301);
      const late = await h.post('/api/qingcloud/password-resets/verify', { identifier: PHONE, code });
      assert.equal(late.status, 400);
      assert.equal(late.body.error.code, 'code_expired');
      const fresh = await resetCode(h, 'qingcloud', PHONE, PHONE);
      const verified = await h.post('/api/qingcloud/password-resets/verify', {
        identifier: PHONE,
        code: fresh,
      });
      h.clock.advance(601);
      const expired = await h.post('/api/qingcloud/continue', {
        ticket: verified.body.ticket,
        newPassword: 'pass-word2',
      });
      assert.equal(expired.status, 410);
      assert.equal(expired.body.error.code, 'ticket_expired');
    } finally {
      await h.close();
    }
  });

  test('store: sessions.deleteOf ends every session of one account but the one kept', async () => {
    const h = await createHarness();
    try {
      const now = h.clock.now();
      const later = new Date(now.getTime() + 3600_000).toISOString();
      for (const [tokenHash, accountId] of [
        ['t1', 'a'],
        ['t2', 'a'],
        ['t3', 'a'],
        ['t4', 'b'],
      ] as const) {
        await h.store.sessions.put({
          tokenHash,
          accountId,
          provider: 'jdcloud',
          createdAt: now.toISOString(),
          expiresAt: later,
        });
      }
      assert.equal(await h.store.sessions.deleteOf('a', 't2'), 2);
      assert.equal(await h.store.sessions.get('t1'), undefined);
      assert.ok(await h.store.sessions.get('t2'));
      assert.ok(await h.store.sessions.get('t4'));
      assert.equal(await h.store.sessions.deleteOf('a'), 1);
      await h.restart();
      assert.equal(await h.store.sessions.get('t2'), undefined, 'the deletions are durable');
      assert.ok(await h.store.sessions.get('t4'));
    } finally {
      await h.close();
    }
  });
});
