import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableParallelism } from 'node:os';
import { burnVerify, createGate, HASH_CONCURRENCY, hashPassword, verifyPassword } from './passwords.ts';

test('argon2id with m=19 MiB, t=2, p=1, salted', async () => {
  const a = await hashPassword('correct horse');
  const b = await hashPassword('correct horse');
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(a, b, 'a fresh salt each time');
});

test('verifyPassword', async () => {
  const hash = await hashPassword('pässwörd 密码');
  assert.equal(await verifyPassword(hash, 'pässwörd 密码'), true);
  assert.equal(await verifyPassword(hash, 'pässwörd 密码 '), false);
  assert.equal(await verifyPassword(hash, ''), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
  assert.equal(await verifyPassword('', 'x'), false);
});

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((x, y) => x - y)[Math.floor(runs / 2)]!;
}

test('burnVerify costs what a wrong password costs', async () => {
  const hash = await hashPassword('the real one');
  assert.equal(await burnVerify('guess'), false);
  const wrong = await median(7, () => verifyPassword(hash, 'guess'));
  const burn = await median(7, () => burnVerify('guess'));
  // Same parameters, same work: within a generous factor so a busy machine does not flake.
  assert.ok(burn > wrong / 2 && burn < wrong * 2, `burn ${burn.toFixed(1)} ms vs wrong password ${wrong.toFixed(1)} ms`);
});

test('argon2 runs at most as many at once as there are cores and pool threads', () => {
  assert.ok(HASH_CONCURRENCY >= 1);
  assert.ok(HASH_CONCURRENCY <= availableParallelism());
  assert.ok(HASH_CONCURRENCY <= (Number(process.env.UV_THREADPOOL_SIZE) || 4));
});

test('the gate: at most `limit` tasks at once, the rest in order, a failure frees its slot', async () => {
  const gate = createGate(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const task = (i: number) => async () => {
    started.push(i);
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    if (i === 1) throw new Error('boom');
    return i;
  };
  const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => gate(task(i))));
  assert.equal(most, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(
    results.map((result) => (result.status === 'fulfilled' ? result.value : 'failed')),
    [0, 'failed', 2, 3, 4, 5],
  );
  // Every slot came back: two more run at once straight away (a lost slot would hang here).
  most = 0;
  await Promise.all([gate(task(6)), gate(task(7))]);
  assert.equal(most, 2);
});

test('verifies wait for each other but all finish (more callers than the gate lets in)', async () => {
  const hash = await hashPassword('many at once');
  const answers = await Promise.all(Array.from({ length: HASH_CONCURRENCY * 3 }, (_, i) => verifyPassword(hash, i % 2 ? 'many at once' : 'wrong')));
  assert.deepEqual(answers, Array.from({ length: HASH_CONCURRENCY * 3 }, (_, i) => i % 2 === 1));
});
