import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HitStep, HitStore } from './store/types.ts';
import { createLimiter, runSteps, throttleOf, type Throttle } from './rate-limit.ts';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('allows `limit` hits per window, then answers with a Retry-After in whole seconds', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 3, windowMs: 60_000, now: c.now });
  assert.deepEqual(limiter.hit('a'), { ok: true, remaining: 2 });
  c.t += 10_000;
  assert.deepEqual(limiter.hit('a'), { ok: true, remaining: 1 });
  assert.deepEqual(limiter.hit('a'), { ok: true, remaining: 0 });
  assert.deepEqual(
    limiter.hit('a'),
    { ok: false, retryAfter: 50 },
    'free when the first hit leaves the window',
  );
  assert.deepEqual(limiter.hit('b'), { ok: true, remaining: 2 }, 'keys are independent');
});

test('the window slides: no permanent lock-out, and refused hits do not extend it', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 2, windowMs: 10_000, now: c.now });
  limiter.hit('k');
  c.t += 5_000;
  limiter.hit('k');
  for (let i = 0; i < 100; i++) assert.equal(limiter.hit('k').ok, false);
  c.t += 4_999;
  assert.deepEqual(limiter.hit('k'), { ok: false, retryAfter: 1 }, 'never less than one second');
  c.t += 1;
  assert.deepEqual(limiter.hit('k'), { ok: true, remaining: 0 }, 'the first hit left the window');
  assert.equal(limiter.hit('k').ok, false);
  c.t += 5_000;
  assert.equal(limiter.hit('k').ok, true);
});

test('peek does not count; reset forgets', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 1, windowMs: 1000, now: c.now });
  assert.deepEqual(limiter.peek('k'), { ok: true, remaining: 1 });
  assert.deepEqual(limiter.peek('k'), { ok: true, remaining: 1 });
  limiter.hit('k');
  assert.deepEqual(limiter.peek('k'), { ok: false, retryAfter: 1 });
  limiter.reset('k');
  assert.equal(limiter.hit('k').ok, true);
});

test('release takes back the newest hit (an attempt counted up front that turned out not to count)', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 2, windowMs: 1000, now: c.now });
  limiter.hit('k');
  limiter.hit('k');
  assert.equal(limiter.hit('k').ok, false);
  limiter.release('k');
  assert.deepEqual(limiter.peek('k'), { ok: true, remaining: 1 });
  limiter.release('k');
  limiter.release('k'); // nothing left: no-op
  assert.equal(limiter.size, 0);
  limiter.release('never-hit');
});

test('memory stays bounded: expired keys are swept, and at most maxKeys are kept', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 5, windowMs: 1000, now: c.now, maxKeys: 100 });
  for (let i = 0; i < 1000; i++) limiter.hit(`spray-${i}`);
  assert.equal(limiter.size, 100);
  assert.equal(limiter.peek('spray-999').ok, true);
  assert.deepEqual(
    limiter.peek('spray-999'),
    { ok: true, remaining: 4 },
    'the newest keys are the ones kept',
  );
  assert.deepEqual(limiter.peek('spray-0'), { ok: true, remaining: 5 }, 'the stalest were dropped');
  c.t += 1000;
  limiter.hit('late');
  assert.equal(limiter.size, 1, 'one sweep per window drops every expired key');
});

test('rejects a limiter that cannot allow anything', () => {
  assert.throws(() => createLimiter({ limit: 0, windowMs: 1000 }));
  assert.throws(() => createLimiter({ limit: 1, windowMs: 0 }));
});

test('spraying keys never makes the limiter forget a blocked key (the eviction takes cold ones)', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 5, windowMs: 60_000, now: c.now, maxKeys: 100 });
  for (let i = 0; i < 5; i++) limiter.hit('victim');
  assert.equal(limiter.hit('victim').ok, false);
  for (let i = 0; i < 10_000; i++) limiter.hit(`spray-${i}`);
  assert.ok(limiter.size <= 100);
  assert.equal(limiter.hit('victim').ok, false, 'still blocked after 10 000 other keys');
  assert.equal(limiter.peek('spray-9999').ok, true);
});

test('when every kept key is blocked, a new key is refused rather than a blocked one forgotten', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 2, windowMs: 60_000, now: c.now, maxKeys: 3 });
  for (const key of ['a', 'b', 'c']) for (let i = 0; i < 2; i++) limiter.hit(key);
  const refused = limiter.hit('d');
  assert.equal(refused.ok, false);
  assert.equal(limiter.size, 3);
  for (const key of ['a', 'b', 'c']) assert.equal(limiter.peek(key).ok, false);
  c.t += 60_000;
  assert.equal(limiter.hit('d').ok, true, 'free again once the window has passed');
});

test('release and the window move a key between refusing and not', () => {
  const c = clock();
  const limiter = createLimiter({ limit: 2, windowMs: 1000, now: c.now, maxKeys: 2 });
  limiter.hit('k');
  limiter.hit('k');
  limiter.release('k');
  assert.deepEqual(limiter.peek('k'), { ok: true, remaining: 1 });
  limiter.hit('other');
  limiter.hit('third'); // evicts the stalest open key: 'k'
  assert.deepEqual(limiter.peek('k'), { ok: true, remaining: 2 });
  assert.equal(limiter.size, 2);
});

test('runSteps in this process: in order, a refused step with stop skips the rest', async () => {
  const c = clock();
  const address = throttleOf(createLimiter({ limit: 1, windowMs: 60_000, now: c.now }));
  const account = throttleOf(createLimiter({ limit: 5, windowMs: 60_000, now: c.now }));
  const steps = [
    { throttle: address, op: 'hit', key: 'a', stop: true },
    { throttle: account, op: 'hit', key: 'k' },
  ] as const;
  assert.deepEqual(await runSteps(steps), [
    { ok: true, remaining: 0 },
    { ok: true, remaining: 4 },
  ]);
  assert.deepEqual(await runSteps(steps), [{ ok: false, retryAfter: 60 }, undefined]);
  assert.deepEqual(await account.peek('k'), { ok: true, remaining: 4 }, 'the account was not hit');
  assert.deepEqual(
    await runSteps([
      { throttle: address, op: 'release', key: 'a' },
      { throttle: account, op: 'reset', key: 'k' },
      { throttle: account, op: 'peek', key: 'k' },
    ]),
    [undefined, undefined, { ok: true, remaining: 5 }],
  );
  assert.deepEqual(await address.peek('a'), { ok: true, remaining: 1 });
});

test('runSteps sends the steps of throttles in one shared store in one call, with their keys', async () => {
  const calls: { steps: readonly HitStep[]; now: number }[] = [];
  const store: HitStore = {
    hit: () => assert.fail('one by one'),
    peek: () => assert.fail('one by one'),
    release: () => assert.fail('one by one'),
    reset: () => assert.fail('one by one'),
    async steps(steps, now) {
      calls.push({ steps, now });
      return steps.map((step) => (step.op === 'hit' ? { ok: true, remaining: 1 } : undefined));
    },
  };
  const throttle = (name: string, limit: number): Throttle => ({
    ...throttleOf(createLimiter({ limit, windowMs: 1000 })),
    shared: { hits: store, key: (k) => `${name} ${k}`, limit, windowMs: 1000, now: () => 42 },
  });
  const byAddress = throttle('address', 2);
  const byAccount = throttle('account', 3);
  const answers = await runSteps([
    { throttle: byAddress, op: 'hit', key: '127.0.0.1', stop: true },
    { throttle: byAccount, op: 'reset', key: 'k' },
  ]);
  assert.deepEqual(answers, [{ ok: true, remaining: 1 }, undefined]);
  assert.deepEqual(calls, [
    {
      steps: [
        { op: 'hit', key: 'address 127.0.0.1', limit: 2, windowMs: 1000, stop: true },
        { op: 'reset', key: 'account k' },
      ],
      now: 42,
    },
  ]);
});
