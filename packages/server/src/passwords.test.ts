import assert from 'node:assert/strict';
import { test } from 'node:test';
import { burnVerify, hashPassword, verifyPassword } from './passwords.ts';

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
  assert.ok(
    burn > wrong / 2 && burn < wrong * 2,
    `burn ${burn.toFixed(1)} ms vs wrong password ${wrong.toFixed(1)} ms`,
  );
});
