/**
 * Password guessing and account enumeration (issue 6 "Abuse"; NIST 800-63B §5.2.2, ASVS 6.3):
 *
 * - per account: 20 failures in 15 minutes, then 429 `too_many_attempts` to the addresses that
 *   failed for it (the right password too), the code step that tells nothing to any other
 *   (lockout.test.ts) — and never more than 100 failures in an hour;
 * - per address: 100 failures in 15 minutes over any identifiers, then 429 `rate_limited`;
 * - both hold for guesses sent all at once (each attempt is counted before its hash is checked);
 * - never permanent: the windows slide, and the owner gets in once they have passed;
 * - enumeration: an unknown identifier and a wrong password get the same answer, in about the
 *   same time (medians over N tries printed; asserted only with a generous ratio).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { address, figure, median, phone, tally, type Answer, type AppServer } from '../support/server.ts';
import { appForSuite, registerJdFrom } from '../support/suite.ts';

describe('passwords: guessing and enumeration', () => {
  let s: AppServer;
  // Guesses sent all at once measure the throttles, not the hashing queue's bound (work.test.ts).
  appForSuite({ trustedProxies: ['127.0.0.1'], hashQueue: 10_000 }, (app) => (s = app));

  let nextPhone = 0;
  async function registerJd(name: string, password?: string): Promise<Answer> {
    const i = nextPhone++;
    const answer = await registerJdFrom(s.api, name, phone(7000 + i), address(9001 + i), password);
    assert.equal(answer.status, 201, answer.text);
    return answer;
  }
  const login = (identifier: string, password: string, from: string) =>
    s.api.post('/api/jdcloud/sessions', { identifier, password }, { forwardedFor: from });

  test('per account: throttled after 20 failures (429 to the addresses that failed, a code step to others); free again after 15 min', async () => {
    await registerJd('guess-me01');
    let failures = 0;
    // 5 addresses, 4 failures each: each has failed for the account too often (3) by the end.
    for (let i = 0; i < 20; i++) {
      const answer = await login('guess-me01', `Wrong-pass-${i}`, address(100 + (i % 5)));
      assert.equal(answer.body.error.code, 'invalid_credentials');
      failures++;
    }
    const throttled = await login('guess-me01', 'Wrong-pass-x', address(100));
    assert.equal(throttled.body.error.code, 'too_many_attempts');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    // The name in another case is the same account; an address that failed is held back, the
    // right password too: the throttle answers before any password is checked.
    assert.equal(
      (await login('GUESS-ME01', 'Secret-123', address(101))).body.error.code,
      'too_many_attempts',
    );
    // Another address gets the code step, not a session (lockout.test.ts).
    assert.equal((await login('guess-me01', 'Wrong-pass-y', address(199))).body.status, 'needs_profile');
    s.clock.advance(retryAfter);
    const owner = await login('guess-me01', 'Secret-123', address(200));
    assert.equal(owner.status, 200, 'never a permanent lock-out');
    assert.equal(owner.body.status, 'authenticated');
    figure(
      `passwords: guesses at one account before throttling: ${failures}, then 429 too_many_attempts to the addresses that failed (Retry-After ${retryAfter} s), the code step to others (lockout.test.ts)`,
    );
  });

  test('parallel guesses at one account get no more tries: 60 at once, 20 checked', async () => {
    await registerJd('guess-me04');
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login('guess-me04', `Wrong-pass-${i}`, address(5000 + i))),
    );
    const checked = answers.filter((answer) => answer.status === 401).length;
    assert.equal(checked, 20, JSON.stringify(tally(answers)));
    // Past 20 the account is under attack: new addresses get the code step, which tells nothing.
    assert.ok(
      answers.every((answer) => answer.status === 401 || answer.body.status === 'needs_profile'),
      JSON.stringify(tally(answers)),
    );
    s.clock.advance(900);
    assert.equal((await login('guess-me04', 'Secret-123', address(5998))).status, 200);
    figure(
      `passwords: 60 guesses at once at one account: ${checked} checked, ${JSON.stringify(tally(answers))}`,
    );
  });

  test('per address: 150 guesses at once over any identifiers, 100 checked; other addresses unaffected; free again after 15 min', async () => {
    const from = address(7777);
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => login(`nobody-${i}`, 'Wrong-pass-1', from)),
    );
    const checked = answers.filter((answer) => answer.status === 401).length;
    assert.equal(checked, 100, JSON.stringify(tally(answers)));
    const throttled = answers.find((answer) => answer.status === 429);
    assert.equal(throttled?.body.error.code, 'rate_limited');
    const retryAfter = Number(throttled?.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 900);
    assert.equal(
      (await login('nobody-x', 'Wrong-pass-1', address(7778))).body.error.code,
      'invalid_credentials',
    );
    assert.equal((await login('nobody-y', 'Wrong-pass-1', from)).body.error.code, 'rate_limited');
    s.clock.advance(retryAfter);
    assert.equal((await login('nobody-z', 'Wrong-pass-1', from)).body.error.code, 'invalid_credentials');
    figure(
      `passwords: guesses from one address before throttling: ${checked} of 150 sent at once, the rest 429 rate_limited (Retry-After ${retryAfter} s)`,
    );
  });

  test('per account: at most 100 failures in any hour (a guess every 15 s for an hour)', async () => {
    await registerJd('guess-me02');
    let checked = 0;
    let refused = 0;
    let blind = 0;
    for (let t = 0; t < 3600; t += 15) {
      const answer = await login('guess-me02', `Wrong-pass-${t}`, address(1000 + t));
      if (answer.status === 429) refused++;
      // Under attack, a new address gets the code step whether or not the guess was right.
      else if (answer.body.status === 'needs_profile') blind++;
      else {
        assert.equal(answer.body.error.code, 'invalid_credentials');
        checked++;
      }
      s.clock.advance(15);
    }
    assert.ok(checked <= 100, `${checked} failures were checked in one hour`);
    assert.ok(checked >= 20, 'the throttle is not a lock-out');
    s.clock.advance(900);
    assert.equal((await login('guess-me02', 'Secret-123', address(3))).status, 200);
    figure(
      `passwords: one hour of guessing every 15 s at one account: ${checked} guesses answered, ${refused} refused with 429, ${blind} answered with the code step that tells nothing (NIST ceiling: 100)`,
    );
  });

  test('changing the password: guesses at the current one share the account’s throttle', async () => {
    const { body } = await registerJd('guess-me03');
    const token = body.session.token;
    for (let i = 0; i < 20; i++) {
      await login('guess-me03', `Wrong-pass-${i}`, address(3000 + i));
    }
    const change = await s.api.call('PUT', '/api/jdcloud/account/password', {
      body: { currentPassword: 'Secret-123', newPassword: 'Other-456' },
      token,
    });
    assert.equal(change.status, 429);
    assert.equal(change.body.error.code, 'too_many_attempts');
  });

  test('changing the password: parallel guesses at the current one get no more tries (30 at once, 20 checked)', async () => {
    const { body } = await registerJd('guess-me05');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.api.call('PUT', '/api/jdcloud/account/password', {
          token: body.session.token,
          body: { currentPassword: `Wrong-pass-${i}`, newPassword: 'Other-456' },
        }),
      ),
    );
    assert.equal(
      answers.filter((answer) => answer.status === 401).length,
      20,
      JSON.stringify(tally(answers)),
    );
    assert.ok(
      answers.every((answer) => answer.status === 401 || answer.body.error.code === 'too_many_attempts'),
      JSON.stringify(tally(answers)),
    );
    figure(
      `passwords: 30 guesses at once at the current password (PUT /account/password): ${JSON.stringify(tally(answers))}`,
    );
  });

  test('enumeration: unknown identifier and wrong password — same answer, similar time', async () => {
    await registerJd('timing-me01');
    const N = 15;
    const unknown: number[] = [];
    const wrong: number[] = [];
    let unknownAnswer: Answer | undefined;
    let wrongAnswer: Answer | undefined;
    // Warm-up: the dummy hash for unknown identifiers is made on first use.
    await login('warm-up-nobody', 'Wrong-pass-0', address(4000));
    for (let i = 0; i < N; i++) {
      // Interleaved, so drift in machine load hits both series alike.
      unknownAnswer = await login(`nobody-here-${i}`, `Wrong-pass-${i}`, address(4001 + i));
      unknown.push(unknownAnswer.ms);
      wrongAnswer = await login('timing-me01', `Wrong-pass-${i}`, address(4101 + i));
      wrong.push(wrongAnswer.ms);
    }
    assert.equal(unknownAnswer!.status, 401);
    assert.equal(wrongAnswer!.status, 401);
    assert.deepEqual(unknownAnswer!.body, wrongAnswer!.body, 'the same code and message');
    assert.equal(unknownAnswer!.body.error.code, 'invalid_credentials');
    // QingCloud's phone and email identifiers too (the password picks among a phone's accounts).
    const qPhone = phone(7900);
    assert.equal(
      (
        await s.api.post(
          '/api/qingcloud/codes',
          { phone: qPhone, channel: 'sms', purpose: 'register' },
          { forwardedFor: address(4500) },
        )
      ).status,
      202,
    );
    assert.equal(
      (
        await s.api.post('/api/qingcloud/accounts', {
          phone: qPhone,
          code: await s.api.code('qingcloud', qPhone),
          password: 'pass-word-1',
          agreements: true,
        })
      ).status,
      201,
    );
    const q1 = await s.api.post(
      '/api/qingcloud/sessions',
      { identifier: qPhone, password: 'wrong-pass-1' },
      { forwardedFor: address(4501) },
    );
    const q2 = await s.api.post(
      '/api/qingcloud/sessions',
      { identifier: phone(7901), password: 'wrong-pass-1' },
      { forwardedFor: address(4502) },
    );
    assert.deepEqual([q1.status, q1.body], [q2.status, q2.body]);

    const mu = median(unknown);
    const mw = median(wrong);
    const ratio = mu / mw;
    figure(
      `passwords: enumeration timing over ${N} tries each — unknown identifier median ${mu.toFixed(1)} ms, wrong password median ${mw.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    // Generous bounds: a missing argon2 verify would make the unknown case ~10× faster.
    assert.ok(ratio > 0.5 && ratio < 2, `unknown/wrong median ratio ${ratio.toFixed(2)}`);
  });
});
