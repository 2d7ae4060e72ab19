/**
 * Two-step verification (docs/flows.md#two-step-verification): setting up an authenticator app
 * in account security, the sign-in's second step, recovery codes, turning it off. The codes are
 * computed here from the secret the server hands out, as the app would.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { registerJd, signIn } from '../testing.ts';
import { PASSWORD, PHONE, codeAt, nextStep, notices, withAccount } from './totp.testing.ts';

describe('two-step verification: setup', () => {
  test('needs a session and the account proven again; answers secret, URI, QR and manual key', () =>
    withAccount(
      async ({ h, token }) => {
        assert.equal((await h.post('/api/default/account/totp/setup', {})).status, 401);
        const bare = await h.post('/api/default/account/totp/setup', {}, { token });
        assert.equal(bare.status, 403);
        assert.equal(bare.body.error.code, 'reauth_required');
        assert.equal(bare.body.error.field, 'currentPassword');
        const wrong = await h.post(
          '/api/default/account/totp/setup',
          { currentPassword: 'nope-1234' },
          { token },
        );
        assert.equal(wrong.body.error.code, 'invalid_credentials');

        const setup = await h.post(
          '/api/default/account/totp/setup',
          { currentPassword: PASSWORD },
          { token },
        );
        assert.equal(setup.status, 200, setup.text);
        const { secret, uri, qr, manualKey, ticket, expiresIn } = setup.body;
        assert.match(secret, /^[A-Z2-7]{32}$/);
        assert.equal(manualKey.replace(/ /g, ''), secret);
        assert.match(manualKey, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
        const parsed = new URL(uri);
        assert.equal(parsed.protocol, 'otpauth:');
        assert.equal(parsed.searchParams.get('secret'), secret);
        assert.equal(parsed.searchParams.get('issuer'), 'localhost');
        assert.match(qr, /^data:image\/svg\+xml;base64,/);
        assert.match(Buffer.from(qr.split(',')[1], 'base64').toString(), /^<svg/);
        assert.equal(typeof ticket, 'string');
        assert.equal(expiresIn, 600);
        // Not on until confirmed.
        const session = await h.get('/api/default/session', { token });
        assert.deepEqual(session.body.account.twoStep, { totp: false });
      },
      { totp: false },
    ));

  test('confirm: a wrong code keeps the setup; the right one turns it on, ten recovery codes, a notice', () =>
    withAccount(
      async ({ h, token }) => {
        const setup = await h.post(
          '/api/default/account/totp/setup',
          { currentPassword: PASSWORD },
          { token },
        );
        const wrong = await h.post(
          '/api/default/account/totp/confirm',
          { ticket: setup.body.ticket, code: codeAt(setup.body.secret, h, 600) },
          { token },
        );
        assert.equal(wrong.status, 400);
        assert.equal(wrong.body.error.code, 'invalid_code');
        assert.equal(wrong.body.error.field, 'code');
        const malformed = await h.post(
          '/api/default/account/totp/confirm',
          { ticket: setup.body.ticket, code: '12ab' },
          { token },
        );
        assert.equal(malformed.body.error.code, 'validation_failed');

        const confirmed = await h.post(
          '/api/default/account/totp/confirm',
          { ticket: setup.body.ticket, code: codeAt(setup.body.secret, h) },
          { token },
        );
        assert.equal(confirmed.status, 200, confirmed.text);
        const codes: string[] = confirmed.body.recoveryCodes;
        assert.equal(codes.length, 10);
        assert.equal(new Set(codes).size, 10);
        for (const code of codes) assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
        const session = await h.get('/api/default/session', { token });
        assert.deepEqual(session.body.account.twoStep, { totp: true, recoveryCodesLeft: 10 });
        assert.equal(
          (await notices(h)).filter((text) => /two-step verification .*turned on/.test(text)).length,
          1,
        );

        // The setup ticket is spent; a second setup is refused while it is on.
        const again = await h.post(
          '/api/default/account/totp/confirm',
          { ticket: setup.body.ticket, code: codeAt(setup.body.secret, h) },
          { token },
        );
        assert.equal(again.body.error.code, 'ticket_expired');
        const second = await h.post(
          '/api/default/account/totp/setup',
          { currentPassword: PASSWORD },
          { token },
        );
        assert.equal(second.status, 409);
      },
      { totp: false },
    ));

  test('the secret is stored sealed: the data file does not hold it, nor the recovery codes', () =>
    withAccount(async ({ h, secret, recoveryCodes }) => {
      await h.restart();
      let text = '';
      for (const name of await readdir(h.dir))
        text += await readFile(join(h.dir, name), 'utf8').catch(() => '');
      assert.ok(text.includes('"totp"'), 'the account record holds its TOTP state');
      assert.ok(!text.includes(secret));
      for (const code of recoveryCodes) assert.ok(!text.includes(code));
      // And the restarted server still opens it.
      nextStep(h);
      const first = await signIn(h, 'default', PHONE, PASSWORD);
      const done = await h.post('/api/default/continue', {
        ticket: first.body.ticket,
        totp: codeAt(secret, h),
      });
      assert.equal(done.body.status, 'authenticated', done.text);
    }));
});

describe('two-step verification: sign-in', () => {
  test('password then TOTP; a code works once within its window', () =>
    withAccount(async ({ h, secret }) => {
      const first = await signIn(h, 'default', PHONE, PASSWORD);
      assert.equal(first.status, 200);
      assert.deepEqual(
        { ...first.body, ticket: undefined },
        { status: 'needs_profile', ticket: undefined, required: ['totp'], optional: ['recoveryCode'] },
      );
      assert.equal(first.headers.get('Set-Cookie'), null, 'no session before the second step');

      // The code that confirmed the setup is spent.
      const replayed = await h.post('/api/default/continue', {
        ticket: first.body.ticket,
        totp: codeAt(secret, h),
      });
      assert.equal(replayed.status, 400);
      assert.equal(replayed.body.error.code, 'invalid_code');
      assert.equal(replayed.body.error.field, 'totp');

      nextStep(h);
      const code = codeAt(secret, h);
      const done = await h.post('/api/default/continue', { ticket: first.body.ticket, totp: code });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'authenticated');

      // The same code on another sign-in in the same window: refused.
      const second = await signIn(h, 'default', PHONE, PASSWORD);
      const again = await h.post('/api/default/continue', { ticket: second.body.ticket, totp: code });
      assert.equal(again.body.error.code, 'invalid_code');
      // So is the previous step's code once a newer one was used.
      const older = await h.post('/api/default/continue', {
        ticket: second.body.ticket,
        totp: codeAt(secret, h, -30),
      });
      assert.equal(older.body.error.code, 'invalid_code');
      nextStep(h);
      const next = await h.post('/api/default/continue', {
        ticket: second.body.ticket,
        totp: codeAt(secret, h),
      });
      assert.equal(next.body.status, 'authenticated', next.text);
    }));

  test('SMS login continues with the same step', () =>
    withAccount(async ({ h, secret }) => {
      h.clock.advance(61);
      const code = await h.code('default', PHONE, 'login');
      const first = await h.post('/api/default/sessions/sms', { phone: PHONE, code });
      assert.equal(first.body.status, 'needs_profile', first.text);
      assert.deepEqual(first.body.required, ['totp']);
      nextStep(h);
      const done = await h.post('/api/default/continue', {
        ticket: first.body.ticket,
        totp: codeAt(secret, h),
      });
      assert.equal(done.body.status, 'authenticated', done.text);
    }));

  test('recovery codes: each works once, in any case and spacing; new ones replace the old', () =>
    withAccount(async ({ h, token, recoveryCodes }) => {
      const [one, two] = recoveryCodes;
      const first = await signIn(h, 'default', PHONE, PASSWORD);
      const done = await h.post('/api/default/continue', {
        ticket: first.body.ticket,
        recoveryCode: ` ${one!.toUpperCase().replace('-', ' ')} `,
      });
      assert.equal(done.body.status, 'authenticated', done.text);
      assert.equal(done.body.account.twoStep.recoveryCodesLeft, 9);

      const second = await signIn(h, 'default', PHONE, PASSWORD);
      const reused = await h.post('/api/default/continue', { ticket: second.body.ticket, recoveryCode: one });
      assert.equal(reused.status, 400);
      assert.equal(reused.body.error.code, 'invalid_code');
      assert.equal(reused.body.error.field, 'recoveryCode');

      // New codes need the proof; the old ones then die.
      const refused = await h.post('/api/default/account/totp/recovery-codes', {}, { token });
      assert.equal(refused.body.error.code, 'reauth_required');
      const fresh = await h.post(
        '/api/default/account/totp/recovery-codes',
        { currentPassword: PASSWORD },
        { token },
      );
      assert.equal(fresh.status, 200, fresh.text);
      assert.equal(fresh.body.recoveryCodes.length, 10);
      const old = await h.post('/api/default/continue', { ticket: second.body.ticket, recoveryCode: two });
      assert.equal(old.body.error.code, 'invalid_code');
      const works = await h.post('/api/default/continue', {
        ticket: second.body.ticket,
        recoveryCode: fresh.body.recoveryCodes[0],
      });
      assert.equal(works.body.status, 'authenticated', works.text);
    }));

  test('a recovery code used sends a notice with the codes left; at two or fewer, to make new ones', () =>
    withAccount(async ({ h, recoveryCodes }) => {
      // Oldest first (the outbox lists the newest first).
      const recoveryNotices = async () =>
        (await notices(h)).filter((text) => text.includes('A recovery code was used to sign in')).reverse();
      const use = async (code: string, headers: Record<string, string> = {}) => {
        const first = await signIn(h, 'default', PHONE, PASSWORD);
        return h.post(
          '/api/default/continue',
          { ticket: first.body.ticket, recoveryCode: code },
          { headers },
        );
      };
      const [one, ...rest] = recoveryCodes;
      assert.equal((await use(one!)).body.status, 'authenticated');
      let sent = await recoveryNotices();
      assert.equal(sent.length, 1);
      assert.match(sent[0]!, /9 recovery codes are left\. If this was not you/);
      assert.doesNotMatch(sent[0]!, /Create new ones/);

      // A spent code signs nobody in and says nothing.
      assert.equal((await use(one!)).body.error.code, 'invalid_code');
      assert.equal((await recoveryNotices()).length, 1);

      for (const code of rest.slice(0, 6)) assert.equal((await use(code)).body.status, 'authenticated');
      sent = await recoveryNotices();
      assert.equal(sent.length, 7);
      assert.match(sent[5]!, /4 recovery codes are left\. If/);
      assert.match(sent[6]!, /3 recovery codes are left\. If/);
      const low = await use(rest[6]!);
      assert.equal(low.body.account.twoStep.recoveryCodesLeft, 2);
      assert.match(
        (await recoveryNotices())[7]!,
        /2 recovery codes are left\. Create new ones in your account security settings/,
      );

      // In the language of the sign-in, down to the last one.
      const zh = await use(rest[7]!, { 'Accept-Language': 'zh-CN' });
      assert.equal(zh.body.account.twoStep.recoveryCodesLeft, 1);
      const last = await use(rest[8]!);
      assert.equal(last.body.account.twoStep.recoveryCodesLeft, 0);
      const [newest, before] = await notices(h);
      assert.match(before!, /使用恢复码登录，剩余 1 个恢复码。恢复码即将用完，请在账号安全设置中重新生成/);
      assert.match(newest!, /No recovery codes are left\. Create new ones/);
      assert.equal((await use(one!)).body.error.code, 'invalid_code');
    }));

  test('wrong codes count per account across sign-ins: 5 an hour, then even a right code waits', () =>
    withAccount(async ({ h, secret }) => {
      nextStep(h);
      const wrong = codeAt(secret, h, 3600);
      const a = await signIn(h, 'default', PHONE, PASSWORD);
      for (let i = 0; i < 3; i++) {
        const answer = await h.post('/api/default/continue', { ticket: a.body.ticket, totp: wrong });
        assert.equal(answer.body.error.code, 'invalid_code');
      }
      // A new sign-in does not start the count again.
      const b = await signIn(h, 'default', PHONE, PASSWORD);
      for (let i = 0; i < 2; i++) {
        const answer = await h.post('/api/default/continue', { ticket: b.body.ticket, totp: wrong });
        assert.equal(answer.body.error.code, 'invalid_code');
      }
      const locked = await h.post('/api/default/continue', {
        ticket: b.body.ticket,
        totp: codeAt(secret, h),
      });
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error.code, 'too_many_attempts');
      assert.ok(locked.body.error.retryAfter > 0);
      const recovery = await h.post('/api/default/continue', {
        ticket: b.body.ticket,
        recoveryCode: 'abcde-fghjk',
      });
      assert.equal(recovery.body.error.code, 'too_many_attempts');

      h.clock.advance(3601);
      const c = await signIn(h, 'default', PHONE, PASSWORD);
      const done = await h.post('/api/default/continue', { ticket: c.body.ticket, totp: codeAt(secret, h) });
      assert.equal(done.body.status, 'authenticated', done.text);
    }));

  test("a ticket ends after the preset's wrong tries", () =>
    withAccount(
      async ({ h, secret }) => {
        const a = await signIn(h, 'default', PHONE, PASSWORD);
        const wrong = codeAt(secret, h, 3600);
        const answers = [];
        for (let i = 0; i < 5; i++)
          answers.push(
            (await h.post('/api/default/continue', { ticket: a.body.ticket, totp: wrong })).body.error.code,
          );
        assert.deepEqual(answers, [
          'invalid_code',
          'invalid_code',
          'invalid_code',
          'invalid_code',
          'too_many_attempts',
        ]);
        nextStep(h);
        const dead = await h.post('/api/default/continue', {
          ticket: a.body.ticket,
          totp: codeAt(secret, h),
        });
        assert.equal(dead.body.error.code, 'ticket_expired');
      },
      { limits: { twoStepPerAccount: { limit: 100, windowMs: 3600_000 } } },
    ));
});

describe('two-step verification: off, and where it is offered', () => {
  test('disable needs the proof, sends a notice; sign-in then has one step', () =>
    withAccount(async ({ h, token }) => {
      const refused = await h.post('/api/default/account/totp/disable', {}, { token });
      assert.equal(refused.body.error.code, 'reauth_required');
      const off = await h.post('/api/default/account/totp/disable', { currentPassword: PASSWORD }, { token });
      assert.equal(off.status, 204);
      assert.equal(
        (await notices(h)).filter((text) => /two-step verification turned off/.test(text)).length,
        1,
      );
      const signedIn = await signIn(h, 'default', PHONE, PASSWORD);
      assert.equal(signedIn.body.status, 'authenticated');
      assert.deepEqual(signedIn.body.account.twoStep, { totp: false });
      const again = await h.post(
        '/api/default/account/totp/disable',
        { currentPassword: PASSWORD },
        { token },
      );
      assert.equal(again.status, 404);
    }));

  test('setup, new recovery codes and disable count as account changes: past the limit, 429', async () => {
    const limits = { accountChanges: { limit: 3, windowMs: 3600_000 } };
    await withAccount(
      async ({ h, token }) => {
        for (let i = 0; i < 3; i++) {
          const setup = await h.post(
            '/api/default/account/totp/setup',
            { currentPassword: PASSWORD },
            { token },
          );
          assert.equal(setup.status, 200, setup.text);
        }
        const refused = await h.post(
          '/api/default/account/totp/setup',
          { currentPassword: PASSWORD },
          { token },
        );
        assert.equal(refused.status, 429, refused.text);
        assert.equal(refused.body.error.code, 'rate_limited');
      },
      { totp: false, limits },
    );
    // Turning it on was the first change of the window.
    await withAccount(
      async ({ h, token }) => {
        for (let i = 0; i < 2; i++) {
          const renewed = await h.post(
            '/api/default/account/totp/recovery-codes',
            { currentPassword: PASSWORD },
            { token },
          );
          assert.equal(renewed.status, 200, renewed.text);
        }
        for (const path of ['recovery-codes', 'disable']) {
          const refused = await h.post(
            `/api/default/account/totp/${path}`,
            { currentPassword: PASSWORD },
            { token },
          );
          assert.equal(refused.status, 429, `${path}: ${refused.text}`);
          assert.equal(refused.body.error.code, 'rate_limited');
        }
        h.clock.advance(3600);
        const off = await h.post(
          '/api/default/account/totp/disable',
          { currentPassword: PASSWORD },
          { token },
        );
        assert.equal(off.status, 204, 'the window slid');
      },
      { limits },
    );
  });

  test('opt-in elsewhere; never without a configured server secret', async () => {
    // The account says whether it is offered (and on): the default preset offers it, JD's does not.
    await withAccount(
      async ({ h, token }) => {
        const own = await h.get('/api/default/session', { token });
        assert.deepEqual(own.body.account.twoStep, { totp: false });
        const jd = await registerJd(h, 'alice-01', '+8613900139000');
        assert.equal(jd.account.twoStep, undefined);
        const setup = await h.post(
          '/api/jdcloud/account/totp/setup',
          { currentPassword: 'Secret-123' },
          { token: jd.session.token },
        );
        assert.equal(setup.body.error.code, 'method_disabled');
      },
      { totp: false },
    );
    await withAccount(
      async ({ h }) => {
        const jd = await registerJd(h, 'alice-01', '+8613900139000');
        assert.deepEqual(jd.account.twoStep, { totp: false });
        const setup = await h.post(
          '/api/jdcloud/account/totp/setup',
          { currentPassword: 'Secret-123' },
          { token: jd.session.token },
        );
        assert.equal(setup.status, 200, setup.text);
      },
      { totp: false, providers: { default: true, jdcloud: { methods: { twoStep: ['totp'] } } } },
    );
    await withAccount(
      async ({ h, token }) => {
        const own = await h.get('/api/default/session', { token });
        assert.equal(own.body.account.twoStep, undefined);
        const setup = await h.post(
          '/api/default/account/totp/setup',
          { currentPassword: PASSWORD },
          { token },
        );
        assert.equal(setup.status, 403);
        assert.equal(setup.body.error.code, 'method_disabled');
      },
      { totp: false, secret: undefined },
    );
  });
});
