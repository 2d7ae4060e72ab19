/**
 * Two-step verification (docs/flows.md#two-step-verification): setting up an authenticator app
 * in account security, the sign-in's second step, recovery codes, turning it off. The codes are
 * computed here from the secret the server hands out, as the app would.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { createHarness, registerJd, signIn, type Harness } from '../testing.ts';

const PHONE = '+8613800138000';
const PASSWORD = 'pass-1234';

/** A `default` account with a phone and a password; its session token. */
async function register(h: Harness): Promise<string> {
  const code = await h.code('default', PHONE);
  const created = await h.post('/api/default/accounts', {
    phone: PHONE,
    code,
    password: PASSWORD,
    agreements: true,
  });
  assert.equal(created.status, 201, created.text);
  return created.body.session.token;
}

function codeAt(secret: string, h: Harness, offsetSeconds = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: h.clock.now().getTime() + offsetSeconds * 1000 });
}

/** Sets TOTP up on the account: the secret and the recovery codes. */
async function enable(h: Harness, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await h.post('/api/default/account/totp/setup', { currentPassword: PASSWORD }, { token });
  assert.equal(setup.status, 200, setup.text);
  const confirmed = await h.post(
    '/api/default/account/totp/confirm',
    { ticket: setup.body.ticket, code: codeAt(setup.body.secret, h) },
    { token },
  );
  assert.equal(confirmed.status, 200, confirmed.text);
  return { secret: setup.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Moves the clock to the start of the next 30-second step: a fresh code. */
function nextStep(h: Harness): void {
  const ms = h.clock.now().getTime();
  h.clock.advance((30_000 - (ms % 30_000)) / 1000 + 1);
}

async function notices(h: Harness): Promise<string[]> {
  return (await h.outbox('default', PHONE)).filter((m) => m.purpose === 'security_notice').map((m) => m.text);
}

describe('two-step verification: setup', () => {
  test('needs a session and the account proven again; answers secret, URI, QR and manual key', async () => {
    const h = await createHarness();
    try {
      assert.equal((await h.post('/api/default/account/totp/setup', {})).status, 401);
      const token = await register(h);
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

      const setup = await h.post('/api/default/account/totp/setup', { currentPassword: PASSWORD }, { token });
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
    } finally {
      await h.close();
    }
  });

  test('confirm: a wrong code keeps the setup; the right one turns it on, ten recovery codes, a notice', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      const setup = await h.post('/api/default/account/totp/setup', { currentPassword: PASSWORD }, { token });
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
    } finally {
      await h.close();
    }
  });

  test('the secret is stored sealed: the data file does not hold it, nor the recovery codes', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      const { secret, recoveryCodes } = await enable(h, token);
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
    } finally {
      await h.close();
    }
  });
});

describe('two-step verification: sign-in', () => {
  test('password then TOTP; a code works once within its window', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      const { secret } = await enable(h, token);
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
    } finally {
      await h.close();
    }
  });

  test('SMS login continues with the same step', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      const { secret } = await enable(h, token);
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
    } finally {
      await h.close();
    }
  });

  test('recovery codes: each works once, in any case and spacing; new ones replace the old', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      const { recoveryCodes } = await enable(h, token);
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
    } finally {
      await h.close();
    }
  });

  test('wrong codes count per account across sign-ins: 5 an hour, then even a right code waits', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      const { secret } = await enable(h, token);
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
    } finally {
      await h.close();
    }
  });

  test("a ticket ends after the preset's wrong tries", async () => {
    const h = await createHarness({ limits: { twoStepPerAccount: { limit: 100, windowMs: 3600_000 } } });
    try {
      const token = await register(h);
      const { secret } = await enable(h, token);
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
      const dead = await h.post('/api/default/continue', { ticket: a.body.ticket, totp: codeAt(secret, h) });
      assert.equal(dead.body.error.code, 'ticket_expired');
    } finally {
      await h.close();
    }
  });
});

describe('two-step verification: off, and where it is offered', () => {
  test('disable needs the proof, sends a notice; sign-in then has one step', async () => {
    const h = await createHarness();
    try {
      const token = await register(h);
      await enable(h, token);
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
    } finally {
      await h.close();
    }
  });

  test('opt-in elsewhere; never without a configured server secret', async () => {
    const h = await createHarness();
    try {
      // The account says whether it is offered (and on): the default preset offers it, JD's does not.
      const token = await register(h);
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
    } finally {
      await h.close();
    }
    const optedIn = await createHarness({ providers: { jdcloud: { methods: { twoStep: ['totp'] } } } });
    try {
      const jd = await registerJd(optedIn, 'alice-01', '+8613900139000');
      assert.deepEqual(jd.account.twoStep, { totp: false });
      const setup = await optedIn.post(
        '/api/jdcloud/account/totp/setup',
        { currentPassword: 'Secret-123' },
        { token: jd.session.token },
      );
      assert.equal(setup.status, 200, setup.text);
    } finally {
      await optedIn.close();
    }
    const unsealed = await createHarness({ secret: undefined });
    try {
      const token = await register(unsealed);
      const own = await unsealed.get('/api/default/session', { token });
      assert.equal(own.body.account.twoStep, undefined);
      const setup = await unsealed.post(
        '/api/default/account/totp/setup',
        { currentPassword: PASSWORD },
        { token },
      );
      assert.equal(setup.status, 403);
      assert.equal(setup.body.error.code, 'method_disabled');
    } finally {
      await unsealed.close();
    }
  });
});
