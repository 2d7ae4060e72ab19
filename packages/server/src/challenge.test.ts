import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDevChallenge, resolveChallenge, turnstileChallenge } from './challenge.ts';
import { challengeFromEnv } from './cli-challenge.ts';

const context = { ip: '203.0.113.7', purpose: 'login' as const };

describe('challenges', () => {
  test('the dev slider: a signed token, good once, for 2 minutes; anything else refused', async () => {
    let t = 1_000_000;
    const dev = createDevChallenge({ now: () => t });
    const token = dev.issue();
    assert.equal(await dev.verify(token, context), true);
    assert.equal(await dev.verify(token, context), false, 'spent');
    const forged = token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    assert.equal(await dev.verify(forged, context), false);
    assert.equal(await createDevChallenge().verify(dev.issue(), context), false, 'another key');
    const late = dev.issue();
    t += 120_001;
    assert.equal(await dev.verify(late, context), false, 'expired');
    assert.equal(await dev.verify('', context), false);
  });

  test('Turnstile: siteverify with the secret, the token and the address; success only when it says so', async () => {
    const seen: URLSearchParams[] = [];
    const answers = [{ success: true }, { success: false }, 'not json'];
    const challenge = turnstileChallenge({
      siteKey: 'site',
      secret: 'shh',
      fetch: (async (_url: string, init: RequestInit) => {
        seen.push(init.body as URLSearchParams);
        const next = answers.shift();
        return new Response(typeof next === 'string' ? next : JSON.stringify(next));
      }) as typeof fetch,
    });
    assert.equal(await challenge.verify('tok', context), true);
    assert.equal(await challenge.verify('tok', context), false);
    assert.equal(await challenge.verify('tok', context), false);
    assert.deepEqual(Object.fromEntries(seen[0]!), {
      secret: 'shh',
      response: 'tok',
      remoteip: '203.0.113.7',
    });
    assert.deepEqual(resolveChallenge(challenge)?.info, { kind: 'turnstile', siteKey: 'site' });
  });

  test('the CLI: CHALLENGE and its thresholds, with a message for what is wrong', () => {
    assert.equal(challengeFromEnv({}, true), undefined);
    assert.equal((challengeFromEnv({ CHALLENGE: 'slider' }, true) as { kind: string }).kind, 'slider');
    assert.match(String(challengeFromEnv({ CHALLENGE: 'slider' }, false)), /dev-mode/);
    assert.match(String(challengeFromEnv({ CHALLENGE: 'turnstile' }, false)), /TURNSTILE_SITE_KEY/);
    assert.match(String(challengeFromEnv({ CHALLENGE: 'slider', CHALLENGE_AFTER_PHONE: '-1' }, true)), /≥ 0/);
    assert.match(String(challengeFromEnv({ CHALLENGE_AFTER_PHONE: '2' }, true)), /needs a CHALLENGE/);
    const resolved = resolveChallenge(
      challengeFromEnv({ CHALLENGE: 'slider', CHALLENGE_AFTER_PHONE: '0' }, true) as never,
    );
    assert.deepEqual(resolved?.after, { phone: 0, address: 10 });
  });
});
