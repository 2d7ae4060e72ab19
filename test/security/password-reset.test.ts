/**
 * Forgot password under attack:
 *
 * - Enumeration: `POST /password-resets` answers an identifier with and without an account with
 *   the same status, body and headers, in about the same time (median of many, a generous
 *   ratio), under the same cooldown and caps; unknown identifiers get nothing sent.
 * - Guessing: the 5th wrong code kills it, the right one is refused afterwards.
 * - Parallel use: one code verified twice at once, one ticket continued twice at once — exactly
 *   one wins.
 * - Other accounts: the chooser offers only the accounts of the proven phone; another account's
 *   id is refused, and a password ticket resets only its own account.
 * - After a reset: every other session is dead, the failed-login throttle is cleared, a
 *   `security_notice` went to the phone and the verified email in the request's locale.
 * - Refusals: legacy JD account, QingCloud sub-account, the current password, the preset's rules;
 *   a ticket survives at most 5 refused passwords.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderId } from '@cloud-login/core';
import { address, figure, median, phone, type Answer, type AppServer } from '../support/server.ts';
import { appForSuite } from '../support/suite.ts';

const wrongCode = (right: string, i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');

describe('password reset', () => {
  let s: AppServer;
  let n = 0;
  /** A fresh client address per call: the per-address daily cap is not what these tests are about. */
  const from = () => address(1000 + n++);

  appForSuite(
    {
      trustedProxies: ['127.0.0.1'],
      limits: {
        registerPerAddress: { limit: 1000, windowMs: 3600_000 },
        loginPerAccount: { limit: 3, windowMs: 15 * 60_000 },
      },
    },
    (app) => (s = app),
  );

  /** Spends an email link as a client reading JSON (`POST /email/verify`). */
  const spend = (link: string) =>
    s.api.post(new URL(link).pathname, { token: new URL(link).searchParams.get('token') });
  const post = (provider: ProviderId, path: string, body: unknown, options: { token?: string } = {}) =>
    s.api.post(`/api/${provider}${path}`, body, { forwardedFor: from(), ...options });

  async function messages(
    provider: ProviderId,
    to: string,
  ): Promise<{ purpose: string; code?: string; text: string; channel: string }[]> {
    return (await s.api.get(`/api/${provider}/dev/outbox?to=${encodeURIComponent(to)}`)).body.messages;
  }

  async function resetMessage(provider: ProviderId, to: string, purpose = 'reset') {
    for (let i = 0; i < 100; i++) {
      const found = (await messages(provider, to)).find((m) => m.purpose === purpose);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${purpose} message to ${to}`);
  }

  async function register(
    provider: 'qingcloud' | 'jdcloud',
    p: string,
    password: string,
    name?: string,
  ): Promise<Answer> {
    s.clock.advance(61);
    await post(provider, '/codes', { phone: p, channel: 'sms', purpose: 'register' });
    const code = (await messages(provider, p))[0]!.code!;
    const body =
      provider === 'jdcloud'
        ? { accountName: name, password, phone: p, code, agreements: true }
        : { phone: p, code, password, agreements: true };
    const created = await post(provider, '/accounts', body);
    assert.equal(created.status, 201, created.text);
    return created;
  }

  async function codeFor(
    provider: ProviderId,
    identifier: string,
    to: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    s.clock.advance(61);
    const sent = await post(provider, '/password-resets', { identifier, ...extra });
    assert.equal(sent.status, 202, sent.text);
    return (await resetMessage(provider, to)).code!;
  }

  test('enumeration: the same answer, limits and time for an identifier with or without an account; nothing sent for it', async () => {
    const known = [phone(101), phone(102), phone(103), phone(104), phone(105)];
    for (const p of known) await register('qingcloud', p, 'pass-word1');
    await register('jdcloud', phone(106), 'Secret-123', 'known-01');

    // Shapes: phone, email, account name; body and header names alike.
    s.clock.advance(61);
    for (const [provider, existing, unknown] of [
      ['qingcloud', known[0]!, phone(199)],
      ['jdcloud', 'known-01', 'unknown-01'],
    ] as const) {
      const a = await post(provider, '/password-resets', { identifier: existing });
      const b = await post(provider, '/password-resets', { identifier: unknown });
      assert.equal(a.status, 202);
      assert.equal(b.status, a.status);
      assert.deepEqual(b.body, a.body);
      assert.deepEqual([...b.headers.keys()].sort(), [...a.headers.keys()].sort());
      // The same cooldown for both.
      const a2 = await post(provider, '/password-resets', { identifier: existing });
      const b2 = await post(provider, '/password-resets', { identifier: unknown });
      assert.equal(a2.status, 429);
      assert.deepEqual(b2.body, a2.body);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(
      await messages('qingcloud', phone(199)),
      [],
      'nothing is sent to a phone without accounts',
    );

    // The same daily cap (10 per phone, every purpose) for both. The known phone got its
    // registration code today: the unknown one gets one too, so only the account differs.
    s.clock.advance(61);
    assert.equal(
      (await post('qingcloud', '/codes', { phone: phone(198), channel: 'sms', purpose: 'register' })).status,
      202,
    );
    const capped: Record<string, string[]> = {};
    for (const id of [known[1]!, phone(198)]) {
      capped[id] = [];
      for (let i = 0; i < 11; i++) {
        s.clock.advance(61);
        const answer = await post('qingcloud', '/password-resets', { identifier: id });
        capped[id]!.push(`${answer.status} ${answer.body.error?.code ?? ''}`);
      }
    }
    assert.deepEqual(capped[phone(198)], capped[known[1]!]);
    assert.equal(capped[known[1]!]!.at(-1), '429 rate_limited');

    // Time: interleaved, each from its own address, after the cooldown.
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 25; i++) {
      s.clock.advance(61);
      const a = await post('qingcloud', '/password-resets', { identifier: known[2 + (i % 3)]! });
      const b = await post('qingcloud', '/password-resets', { identifier: phone(300 + i) });
      if (a.status === 202) times.known.push(a.ms);
      if (b.status === 202) times.unknown.push(b.ms);
    }
    const ratio = median(times.known) / median(times.unknown);
    figure(
      `password reset: median ${median(times.known).toFixed(2)} ms with an account, ${median(times.unknown).toFixed(2)} ms without (ratio ${ratio.toFixed(2)}, ${times.known.length}/${times.unknown.length} samples)`,
    );
    assert.ok(times.known.length >= 15 && times.unknown.length >= 15);
    assert.ok(ratio > 1 / 3 && ratio < 3, `ratio ${ratio}`);
  });

  test('guessing: the 5th wrong code kills it and the right one is refused after; an unknown identifier answers like a wrong code', async () => {
    const p = phone(201);
    await register('qingcloud', p, 'pass-word1');
    const code = await codeFor('qingcloud', p, p);
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await post('qingcloud', '/password-resets/verify', {
        identifier: p,
        code: wrongCode(code, i),
      });
      answers.push(`${answer.status} ${answer.body.error.code}`);
    }
    assert.deepEqual(answers, [...Array(4).fill('400 invalid_code'), '429 too_many_attempts']);
    const late = await post('qingcloud', '/password-resets/verify', { identifier: p, code });
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'invalid_code');

    const unknown = phone(299);
    s.clock.advance(61);
    await post('qingcloud', '/password-resets', { identifier: unknown });
    const guessed = await post('qingcloud', '/password-resets/verify', {
      identifier: unknown,
      code: '123456',
    });
    const wrong = await post('qingcloud', '/password-resets/verify', { identifier: p, code: '123456' });
    assert.deepEqual(guessed.body, wrong.body);
    figure('password reset: 5 guesses per code, then the code is dead');
  });

  test('parallel use: one code verified twice at once and one ticket continued twice at once, exactly one wins', async () => {
    const p = phone(202);
    await register('qingcloud', p, 'pass-word1');
    const code = await codeFor('qingcloud', p, p);
    const both = await Promise.all(
      [0, 1].map(() => post('qingcloud', '/password-resets/verify', { identifier: p, code })),
    );
    assert.deepEqual(both.map((a) => a.status).sort(), [200, 400]);
    const ticket = both.find((a) => a.status === 200)!.body.ticket;
    const twice = await Promise.all(
      ['pass-word7', 'pass-word8'].map((newPassword) =>
        post('qingcloud', '/continue', { ticket, newPassword }),
      ),
    );
    assert.deepEqual(twice.map((a) => a.status).sort(), [200, 410]);
    assert.equal(twice.find((a) => a.status === 410)!.body.error.code, 'ticket_expired');
    const won = twice.findIndex((a) => a.status === 200);
    assert.equal(
      (
        await post('qingcloud', '/sessions', {
          identifier: p,
          password: won === 0 ? 'pass-word7' : 'pass-word8',
        })
      ).status,
      200,
    );
  });

  test('another account: only the accounts of the proven phone are offered, and a ticket resets only its own account', async () => {
    const shared = phone(203);
    const a1 = await register('qingcloud', shared, 'pass-word1');
    const a2 = await register('qingcloud', shared, 'pass-word2');
    const b = await register('qingcloud', phone(204), 'pass-word3');
    const code = await codeFor('qingcloud', shared, shared);
    const verified = await post('qingcloud', '/password-resets/verify', { identifier: shared, code });
    assert.equal(verified.body.status, 'choose_account');
    assert.deepEqual(
      verified.body.accounts.map((x: { id: string }) => x.id).sort(),
      [a1.body.account.id, a2.body.account.id].sort(),
    );
    for (const label of verified.body.accounts.map((x: { label: string }) => x.label))
      assert.match(label, /\*\*\*\*/);

    const other = await post('qingcloud', '/continue', {
      ticket: verified.body.ticket,
      accountId: b.body.account.id,
    });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.issues[0].path, 'accountId');
    const skipped = await post('qingcloud', '/continue', {
      ticket: verified.body.ticket,
      newPassword: 'pass-word9',
    });
    assert.equal(skipped.body.error.issues[0].path, 'accountId', 'the chooser cannot be skipped');
    const chosen = await post('qingcloud', '/continue', {
      ticket: verified.body.ticket,
      accountId: a2.body.account.id,
    });
    assert.equal(chosen.status, 200, chosen.text);
    const done = await post('qingcloud', '/continue', {
      ticket: chosen.body.ticket,
      accountId: b.body.account.id,
      newPassword: 'pass-word9',
    });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.account.id, a2.body.account.id);
    assert.equal(
      (await post('qingcloud', '/sessions', { identifier: phone(204), password: 'pass-word3' })).status,
      200,
      'b keeps its password',
    );
    assert.equal(
      (await post('qingcloud', '/sessions', { identifier: phone(204), password: 'pass-word9' })).body.error
        .code,
      'invalid_credentials',
    );

    // A reset ticket is worth nothing at another provider.
    const elsewhere = await codeFor('qingcloud', phone(204), phone(204));
    const ticket = (
      await post('qingcloud', '/password-resets/verify', { identifier: phone(204), code: elsewhere })
    ).body.ticket;
    assert.equal(
      (await post('default', '/continue', { ticket, newPassword: 'pass-word9' })).body.error.code,
      'ticket_expired',
    );
  });

  test('after a reset: other sessions dead, failed-login throttle cleared, a security notice in both channels and the locale asked for', async () => {
    const p = phone(205);
    const created = await register('jdcloud', p, 'Secret-123', 'victim-01');
    const second = await post('jdcloud', '/sessions', { identifier: 'victim-01', password: 'Secret-123' });
    // The security email, verified.
    await post(
      'jdcloud',
      '/account/email',
      { email: 'victim@example.com', currentPassword: 'Secret-123' },
      { token: created.body.session.token },
    );
    const link = (await messages('jdcloud', 'victim@example.com'))[0] as unknown as { link: string };
    assert.equal((await spend(link.link)).status, 200);
    // Someone hammers the account: the owner's right password gets no session, only the code
    // step (lockout.test.ts).
    for (let i = 0; i < 3; i++)
      await post('jdcloud', '/sessions', { identifier: 'victim-01', password: `Wrong-00${i}` });
    assert.equal(
      (await post('jdcloud', '/sessions', { identifier: 'victim-01', password: 'Secret-123' })).body.status,
      'needs_profile',
    );

    const code = await codeFor('jdcloud', 'victim-01', p, { locale: 'en' });
    const verified = await post('jdcloud', '/password-resets/verify', {
      identifier: 'victim-01',
      code,
      locale: 'en',
    });
    const done = await post('jdcloud', '/continue', {
      ticket: verified.body.ticket,
      newPassword: 'Rescued-123',
    });
    assert.equal(done.status, 200, done.text);
    for (const token of [created.body.session.token, second.body.session.token]) {
      assert.equal(
        (await s.api.get('/api/jdcloud/session', { token })).status,
        401,
        'an old session is dead',
      );
    }
    assert.equal((await s.api.get('/api/jdcloud/session', { token: done.body.session.token })).status, 200);
    assert.equal(
      (await post('jdcloud', '/sessions', { identifier: 'victim-01', password: 'Rescued-123' })).status,
      200,
      'the throttle is cleared',
    );

    const sms = await resetMessage('jdcloud', p, 'security_notice');
    const mail = await resetMessage('jdcloud', 'victim@example.com', 'security_notice');
    assert.equal(sms.channel, 'sms');
    assert.equal(mail.channel, 'email');
    assert.match(sms.text, /^\[JD Cloud\] The password of your account v\*+1 was reset/);
    assert.equal(sms.code, undefined);

    // zh-CN when asked for.
    const code2 = await codeFor('jdcloud', 'victim-01', p);
    const verified2 = await post('jdcloud', '/password-resets/verify', {
      identifier: 'victim-01',
      code: code2,
      locale: 'zh-CN',
    });
    await post('jdcloud', '/continue', { ticket: verified2.body.ticket, newPassword: 'Rescued-456' });
    assert.match(
      (await resetMessage('jdcloud', p, 'security_notice')).text,
      /^【京东云】您的账号 v\*+1 的登录密码已于/,
    );
  });

  test('refusals: legacy account, sub-account, the current password, the preset’s rules, and at most 5 refused passwords per ticket', async () => {
    const legacyPhone = phone(206);
    assert.equal(
      (await post('jdcloud', '/dev/legacy-accounts', { phone: legacyPhone, password: 'old-pass' })).status,
      201,
    );
    const legacyCode = await codeFor('jdcloud', legacyPhone, legacyPhone);
    const legacy = await post('jdcloud', '/password-resets/verify', {
      identifier: legacyPhone,
      code: legacyCode,
    });
    assert.equal(legacy.status, 403);
    assert.equal(legacy.body.error.code, 'use_parent_login');
    assert.equal(legacy.body.ticket, undefined);

    const main = await register('qingcloud', phone(207), 'pass-word1');
    await post(
      'qingcloud',
      '/account/subaccounts',
      { email: 'sub@example.com', password: 'sub-pass1' },
      { token: main.body.session.token },
    );
    const sub = await post('qingcloud', '/sessions/subaccount', {
      email: 'sub@example.com',
      password: 'sub-pass1',
    });
    await post(
      'qingcloud',
      '/account/email',
      { email: 'sub@example.com', currentPassword: 'sub-pass1' },
      { token: sub.body.session.token },
    );
    const link = (await messages('qingcloud', 'sub@example.com'))[0] as unknown as { link: string };
    await spend(link.link);
    const subCode = await codeFor('qingcloud', 'sub@example.com', 'sub@example.com');
    const refused = await post('qingcloud', '/password-resets/verify', {
      identifier: 'sub@example.com',
      code: subCode,
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'use_main_account');

    const p = phone(208);
    await register('qingcloud', p, 'pass-word1');
    const code = await codeFor('qingcloud', p, p);
    const ticket = (await post('qingcloud', '/password-resets/verify', { identifier: p, code })).body.ticket;
    const same = await post('qingcloud', '/continue', { ticket, newPassword: 'pass-word1' });
    assert.equal(same.status, 400);
    assert.deepEqual(
      same.body.error.issues.map((i: { path: string; code: string }) => [i.path, i.code]),
      [['newPassword', 'password_reused']],
    );
    const rules = await post('qingcloud', '/continue', { ticket, newPassword: 'short1' });
    assert.equal(rules.body.error.issues[0].code, 'password_length');
    const missing = await post('qingcloud', '/continue', { ticket });
    assert.equal(missing.body.error.issues[0].code, 'field_required', 'an empty answer costs no try');
    for (const weak of ['onlyletters', 'onlyletterz', 'pass-word1'])
      assert.equal((await post('qingcloud', '/continue', { ticket, newPassword: weak })).status, 400);
    const dead = await post('qingcloud', '/continue', { ticket, newPassword: 'pass-word5' });
    assert.equal(dead.status, 410, 'five refused passwords end the ticket');
    assert.equal(
      (await post('qingcloud', '/sessions', { identifier: p, password: 'pass-word1' })).status,
      200,
      'nothing changed',
    );
  });
});
