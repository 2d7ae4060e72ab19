/**
 * Verification codes under attack (docs/codes.md, issue 6 "Abuse"): brute force (5 wrong tries kill a
 * code), flooding (60 s cooldown shared by SMS and voice, 10 codes per phone and 50 per address
 * per UTC day, each answered 429 with Retry-After, and lifted again the next day), expiry after
 * 5 minutes, and `POST /codes` answering the same for any phone.
 *
 * The app runs behind a trusted proxy (127.0.0.1) so each test can speak from its own address
 * with X-Forwarded-For; the clock is the test's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { address, figure, phone, type AppServer } from '../support/server.ts';
import { MANY_REGISTRATIONS, appForSuite } from '../support/suite.ts';

const wrongCode = (right: string, i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');

describe('codes: brute force and flooding', () => {
  let s: AppServer;
  // The brute-force tests register (and fail to) from one address some 40 times: its
  // registration window is raised, the code limits under test are the defaults.
  appForSuite(MANY_REGISTRATIONS, (app) => (s = app));

  const ask = (p: string, from: string, channel: 'sms' | 'voice' = 'sms', provider = 'jdcloud') =>
    s.api.post(`/api/${provider}/codes`, { phone: p, channel, purpose: 'register' }, { forwardedFor: from });
  const registerWith = (p: string, code: string, name: string) =>
    s.api.post('/api/jdcloud/accounts', {
      accountName: name,
      password: 'Secret-123',
      phone: p,
      code,
      agreements: true,
    });

  test('brute force: the 5th wrong code kills the code; malformed codes cost no try', async () => {
    const p = phone(100);
    assert.equal((await ask(p, address(1))).status, 202);
    const right = await s.api.code('jdcloud', p);
    for (const malformed of ['12345', '1234567', 'abcdef', '12 456', '１２３４５６']) {
      const answer = await registerWith(p, malformed, 'brute-force1');
      assert.equal(answer.body.error.code, 'validation_failed', malformed);
    }
    let guesses = 0;
    const codes: string[] = [];
    for (;;) {
      const answer = await registerWith(p, wrongCode(right, guesses), 'brute-force1');
      guesses++;
      codes.push(answer.body.error.code);
      if (answer.body.error.code !== 'invalid_code') break;
      assert.ok(guesses < 10, 'the code never died');
    }
    assert.deepEqual(codes, [
      'invalid_code',
      'invalid_code',
      'invalid_code',
      'invalid_code',
      'too_many_attempts',
    ]);
    // Dead: the right code no longer works either, and is called what it is (docs/codes.md).
    const late = await registerWith(p, right, 'brute-force1');
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'code_expired');
    figure(
      `codes: brute force — ${guesses} wrong guesses, then the code is dead (5 malformed codes cost nothing); odds per code ${guesses}/10^6, per phone per day ≤ ${guesses * 10}/10^6`,
    );
  });

  test('brute force in parallel: 30 wrong guesses at once still get 5 tries between them', async () => {
    const p = phone(103);
    assert.equal((await ask(p, address(5))).status, 202);
    const right = await s.api.code('jdcloud', p);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => registerWith(p, wrongCode(right, i), 'brute-force2')),
    );
    const codes = answers.map((answer) => answer.body.error.code);
    assert.equal(codes.filter((code) => code === 'too_many_attempts').length, 1);
    assert.ok(
      codes.every((code) => ['invalid_code', 'too_many_attempts', 'code_expired'].includes(code)),
      codes.join(),
    );
    assert.equal((await registerWith(p, right, 'brute-force2')).body.error.code, 'code_expired');
    figure('codes: 30 parallel wrong guesses → exactly one too_many_attempts, the code dead after 5 tries');
  });

  test('a code expires after 5 minutes and is single use', async () => {
    const p = phone(101);
    assert.equal((await ask(p, address(2))).status, 202);
    const code = await s.api.code('jdcloud', p);
    s.clock.advance(301);
    const expired = await registerWith(p, code, 'expired-code1');
    assert.equal(expired.body.error.code, 'code_expired');

    s.clock.advance(60);
    assert.equal((await ask(p, address(2))).status, 202);
    const fresh = await s.api.code('jdcloud', p);
    assert.equal((await registerWith(p, fresh, 'single-use01')).status, 201);
    const again = await registerWith(p, fresh, 'single-use02');
    assert.equal(again.body.error.code, 'invalid_code');
  });

  test('flooding one phone: 60 s cooldown (SMS and voice together), 10 a UTC day, free again the next day', async () => {
    const p = phone(102);
    assert.equal((await ask(p, address(3))).status, 202);
    for (const channel of ['sms', 'voice'] as const) {
      const refused = await ask(p, address(4), channel); // another address changes nothing
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'code_cooldown');
      assert.equal(refused.headers.get('retry-after'), '60');
      assert.equal(refused.body.error.retryAfter, 60);
    }
    s.clock.advance(45);
    assert.equal((await ask(p, address(3), 'voice')).headers.get('retry-after'), '15');
    s.clock.advance(15);

    let sent = 1;
    let refused;
    for (let i = 0; i < 20; i++) {
      const answer = await ask(p, address(10 + i), i % 2 ? 'sms' : 'voice');
      if (answer.status !== 202) {
        refused = answer;
        break;
      }
      sent++;
      s.clock.advance(61);
    }
    assert.equal(sent, 10);
    assert.equal(refused?.status, 429);
    assert.equal(refused?.body.error.code, 'rate_limited');
    const untilMidnight = Number(refused?.headers.get('retry-after'));
    const now = s.clock.now();
    assert.equal(
      untilMidnight,
      Math.ceil(
        (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000,
      ),
    );
    s.clock.advance(untilMidnight);
    assert.equal((await ask(p, address(3))).status, 202, 'never a permanent block');
    figure(
      `codes: flooding one phone — ${sent} codes a day from ${sent} addresses, then 429 rate_limited (Retry-After ${untilMidnight} s, until 00:00 UTC); cooldown 60 s shared by SMS and voice`,
    );
  });

  test('flooding from one address: 50 codes a UTC day over any phones, then 429; other addresses unaffected', async () => {
    const from = address(500);
    let sent = 0;
    let refused;
    for (let i = 0; i < 60; i++) {
      const answer = await ask(phone(10_000 + i), from, 'sms', i % 2 ? 'qingcloud' : 'jdcloud');
      if (answer.status !== 202) {
        refused = answer;
        break;
      }
      sent++;
    }
    assert.equal(sent, 50);
    assert.equal(refused?.status, 429);
    assert.equal(refused?.body.error.code, 'rate_limited');
    assert.ok(Number(refused?.headers.get('retry-after')) > 0);
    assert.equal((await ask(phone(10_100), address(501))).status, 202);
    figure(`codes: flooding from one address — ${sent} codes a day, then 429 rate_limited`);
  });

  test('POST /codes answers the same for a phone with and without accounts (no enumeration)', async () => {
    s.clock.advance(3600);
    const known = phone(101); // registered above
    const unknown = phone(999);
    const a = await s.api.post(
      '/api/jdcloud/codes',
      { phone: known, channel: 'sms', purpose: 'register' },
      { forwardedFor: address(600) },
    );
    const b = await s.api.post(
      '/api/jdcloud/codes',
      { phone: unknown, channel: 'sms', purpose: 'register' },
      { forwardedFor: address(600) },
    );
    assert.equal(a.status, 202);
    assert.deepEqual([a.status, a.text], [b.status, b.text]);
  });
});
