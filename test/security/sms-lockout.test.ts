/**
 * SMS lock-out and bombing (docs/codes.md; challenge.ts in the server): one address must not use
 * up a phone's codes for the day — it reaches at most 3 of the phone's 10, and only codes that
 * passed the address's caps count toward the phone's — and with a challenge configured, a
 * phone's owner past the thresholds (or past the phone's cap) is asked to solve it instead of
 * being refused, while a token is good once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDevChallenge } from '@cloud-login/server';
import { address, figure, phone, startApp, type AppServer } from '../support/server.ts';

const ask = (s: AppServer, p: string, from: string, challengeToken?: string) =>
  s.api.post(
    '/api/jdcloud/codes',
    { phone: p, channel: 'sms', purpose: 'register', ...(challengeToken && { challengeToken }) },
    { forwardedFor: from },
  );

describe('SMS lock-out: no challenge configured', () => {
  let s: AppServer;
  before(async () => {
    s = await startApp({ trustedProxies: ['127.0.0.1'] });
  });
  after(async () => {
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('one address cannot block a phone: 20 requests, 3 sent, the owner still gets codes', async () => {
    const victim = phone(300);
    const attacker = address(300);
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await ask(s, victim, attacker);
      answers.push(answer.status === 202 ? 'sent' : answer.body.error.code);
      s.clock.advance(61);
    }
    const sent = answers.filter((a) => a === 'sent').length;
    assert.equal(sent, 3, answers.join());
    assert.equal(answers.at(-1), 'rate_limited');
    // The owner, elsewhere, gets a code: the phone's day (10) is not used up.
    assert.equal((await ask(s, victim, address(301))).status, 202);
    figure(
      `sms: 20 requests for one phone from one address → ${sent} sent, the rest 429; the owner elsewhere still gets a code`,
    );
  });
});

describe('SMS lock-out: with a challenge', () => {
  let s: AppServer;
  before(async () => {
    s = await startApp({ trustedProxies: ['127.0.0.1'], challenge: createDevChallenge() });
  });
  after(async () => {
    assert.deepEqual(s.errors, []);
    await s.close();
  });
  const token = async () => {
    const answer = await s.api.post('/api/jdcloud/dev/challenge');
    assert.equal(answer.status, 201, answer.text);
    return answer.body.token as string;
  };

  test('past 3 codes to a phone the next one asks for the challenge; a solved one is sent; tokens are good once', async () => {
    const victim = phone(400);
    for (let i = 0; i < 3; i++) {
      assert.equal((await ask(s, victim, address(400 + i))).status, 202);
      s.clock.advance(61);
    }
    const asked = await ask(s, victim, address(410));
    assert.equal(asked.status, 428);
    assert.equal(asked.body.error.code, 'challenge_required');
    assert.deepEqual(asked.body.error.challenge, { kind: 'slider' });
    assert.equal((await ask(s, victim, address(410), 'forged.token.value')).status, 428);
    const solved = await token();
    assert.equal((await ask(s, victim, address(410), solved)).status, 202);
    s.clock.advance(61);
    assert.equal((await ask(s, victim, address(411), solved)).status, 428, 'a token is good once');
  });

  test('strangers who used up a phone’s day do not keep its owner from a code', async () => {
    const victim = phone(500);
    // 10 codes from 4 addresses, each solving the challenge past the threshold.
    for (let i = 0; i < 10; i++) {
      const from = address(500 + Math.floor(i / 3));
      const answer = await ask(s, victim, from, i >= 3 ? await token() : undefined);
      assert.equal(answer.status, 202, answer.text);
      s.clock.advance(61);
    }
    const owner = address(599);
    const refusedWithout = await ask(s, victim, owner);
    assert.equal(refusedWithout.body.error.code, 'challenge_required');
    assert.equal((await ask(s, victim, owner, await token())).status, 202);
    figure(
      'sms: with a challenge, a phone past its day (10 codes) still reaches its owner once the challenge is solved',
    );
  });

  test('past 10 codes from one address (any phones) the next one asks for the challenge', async () => {
    const from = address(700);
    for (let i = 0; i < 10; i++) assert.equal((await ask(s, phone(700 + i), from)).status, 202);
    assert.equal((await ask(s, phone(720), from)).body.error.code, 'challenge_required');
    assert.equal((await ask(s, phone(720), from, await token())).status, 202);
  });
});
