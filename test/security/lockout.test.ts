/**
 * Targeted lock-out (password login, docs/flows.md#password-login; flows/login-code.ts in the
 * server): failures are throttled per account, per address, and per account and address. Once an
 * account's window is full (under attack), an address that has not failed for it too often gets
 * `200 NeedsProfile` with `required: ["code"]` — the same answer for a right and a wrong password
 * and for an unknown identifier — and only the right password sends a code, so the owner gets in
 * while guessing tells nothing: not by the answer, not by what the same address gets next, not
 * by what the ticket answers to codes.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { address, figure, phone, startApp, type Answer, type AppServer } from '../support/server.ts';

describe('targeted lock-out', () => {
  let s: AppServer;
  before(async () => {
    s = await startApp({ trustedProxies: ['127.0.0.1'], hashQueue: 10_000 });
  });
  after(async () => {
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  const login = (identifier: string, password: string, from: string) =>
    s.api.post('/api/jdcloud/sessions', { identifier, password }, { forwardedFor: from });
  const carry = (ticket: string, code: string, from: string) =>
    s.api.post('/api/jdcloud/continue', { ticket, code }, { forwardedFor: from });
  /** The answer without its one-time ticket's value. */
  const shape = (answer: Answer) =>
    JSON.stringify({ status: answer.status, body: { ...answer.body, ticket: typeof answer.body?.ticket } });
  const outbox = async (to: string) =>
    (await s.api.get(`/api/jdcloud/dev/outbox?to=${encodeURIComponent(to)}`)).body.messages as {
      purpose: string;
      code?: string;
    }[];
  /** The code is sent after the answer (so the answer's time tells nothing): wait for it. */
  async function nextMessage(to: string, before: number) {
    for (let i = 0; i < 200; i++) {
      const messages = await outbox(to);
      if (messages.length > before) return messages;
      await sleep(10);
    }
    throw new Error(`no new message for ${to}`);
  }

  async function register(name: string, n: number): Promise<string> {
    const p = phone(n);
    const sent = await s.api.post(
      '/api/jdcloud/codes',
      { phone: p, channel: 'sms', purpose: 'register' },
      { forwardedFor: address(n) },
    );
    assert.equal(sent.status, 202, sent.text);
    const registered = await s.api.post('/api/jdcloud/accounts', {
      accountName: name,
      password: 'Secret-123',
      phone: p,
      code: await s.api.code('jdcloud', p),
      agreements: true,
    });
    assert.equal(registered.status, 201, registered.text);
    return p;
  }

  /** 20 failures, 4 from each of 5 addresses: the account is under attack. */
  async function attack(identifier: string, base: number) {
    for (let i = 0; i < 20; i++) await login(identifier, `Wrong-pass-${i}`, address(base + (i % 5)));
  }

  test('under attack, the owner from a new address gets in with a code; guessers learn nothing', async () => {
    const p = await register('target-01', 8800);
    await attack('target-01', 1000);
    await attack('nobody-here-01', 1000);
    // The attacking addresses are held back, for the known and the unknown identifier alike.
    const known = await login('target-01', 'Wrong-pass-x', address(1000));
    const unknown = await login('nobody-here-01', 'Wrong-pass-x', address(1000));
    assert.equal(known.status, 429);
    assert.deepEqual(
      [known.body.error.code, unknown.body.error.code],
      ['too_many_attempts', 'too_many_attempts'],
    );

    // New addresses: a wrong password, an unknown identifier and the right password answer alike.
    s.clock.advance(61); // past the registration code's resend wait
    const wrong = await login('target-01', 'Wrong-pass-y', address(2001));
    const nobody = await login('nobody-here-01', 'Wrong-pass-y', address(2002));
    const sentBefore = (await outbox(p)).length;
    const right = await login('target-01', 'Secret-123', address(2003));
    assert.equal(right.status, 200, right.text);
    assert.deepEqual(right.body.required, ['code']);
    assert.equal(shape(wrong), shape(right));
    assert.equal(shape(nobody), shape(right));
    // Only the right password sent a code.
    const messages = await nextMessage(p, sentBefore);
    assert.equal(messages.length, sentBefore + 1);
    assert.equal(messages[0]!.purpose, 'login');
    const code = messages[0]!.code!;

    // What the same address gets next does not tell the right guess from the wrong one.
    const againWrong = await login('target-01', 'Wrong-pass-z', address(2001));
    const againRight = await login('target-01', 'Wrong-pass-z', address(2003));
    assert.equal(shape(againWrong), shape(againRight));

    // A code does nothing for the wrong password's ticket; a wrong code keeps either ticket.
    const wrongCode = code === '000000' ? '111111' : '000000';
    const onWrong = await carry(wrong.body.ticket, code, address(2001));
    const onRight = await carry(right.body.ticket, wrongCode, address(2003));
    assert.equal(shape(onWrong), shape(onRight));
    assert.equal(onWrong.body.error.code, 'invalid_code');

    const done = await carry(right.body.ticket, code, address(2003));
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.status, 'authenticated');
    // Proven by the code: the account's window is clear again.
    assert.equal((await login('target-01', 'Secret-123', address(1000))).body.status, 'authenticated');
    figure(
      'lockout: under attack (20 failures) → 429 to the attacking addresses, the code step alike for right/wrong/unknown to others; the owner signs in with the code',
    );
  });

  test('a ticket answers codes by its own tries and expiry, whether or not the password was right', async () => {
    const p = await register('target-02', 8801);
    await attack('target-02', 3000);
    s.clock.advance(61);
    const before = (await outbox(p)).length;
    const wrong = await login('target-02', 'Wrong-pass-y', address(4001));
    const right = await login('target-02', 'Secret-123', address(4002));
    const code = (await nextMessage(p, before))[0]!.code!;
    const bad = code === '000000' ? '111111' : '000000';
    // Tries spent on the phone's SMS login codes do not touch the step's code.
    for (let i = 0; i < 5; i++)
      await s.api.post('/api/jdcloud/sessions/sms', { phone: p, code: bad }, { forwardedFor: address(4003) });
    const answers: [string, string][] = [];
    for (let i = 0; i < 5; i++) {
      const a = await carry(wrong.body.ticket, bad, address(4001));
      const b = await carry(right.body.ticket, bad, address(4002));
      assert.equal(shape(a), shape(b));
      answers.push([a.body.error.code, b.body.error.code]);
    }
    assert.deepEqual(answers.at(-1), ['too_many_attempts', 'too_many_attempts']);
    assert.equal(answers[0]![0], 'invalid_code');

    // Expiry: after the code's lifetime both tickets say so.
    const wrong2 = await login('target-02', 'Wrong-pass-w', address(4011));
    s.clock.advance(61);
    const before2 = (await outbox(p)).length;
    const right2 = await login('target-02', 'Secret-123', address(4012));
    const code2 = (await nextMessage(p, before2))[0]!.code!;
    s.clock.advance(301);
    const late = [
      await carry(wrong2.body.ticket, code2, address(4011)),
      await carry(right2.body.ticket, code2, address(4012)),
    ];
    assert.equal(shape(late[0]!), shape(late[1]!));
    assert.equal(late[0]!.body.error.code, 'code_expired');
    figure(
      'lockout: a wrong-password ticket answers 5 wrong codes and a late code exactly as a real one does',
    );
  });
});
