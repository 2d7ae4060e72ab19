import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadOrCreateSecret, SECRET_FILE } from './secret.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'cloud-login-secret-'));
  dirs.push(dir);
  return dir;
}

test('loadOrCreateSecret creates a private secret once and reads it back', async () => {
  const dir = await tempDir();
  const [a, b, c] = await Promise.all([
    loadOrCreateSecret(dir),
    loadOrCreateSecret(dir),
    loadOrCreateSecret(dir),
  ]);
  assert.equal(a.length, 32);
  assert.deepEqual(b, a, 'parallel first starts agree on one secret');
  assert.deepEqual(c, a);
  assert.deepEqual(await loadOrCreateSecret(dir), a);
  assert.equal((await stat(join(dir, SECRET_FILE))).mode & 0o777, 0o600);
  assert.equal((await readFile(join(dir, SECRET_FILE), 'utf8')).trim(), a.toString('base64url'));
});

test('loadOrCreateSecret refuses a damaged secret file instead of replacing it', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, SECRET_FILE), 'x\n');
  await assert.rejects(loadOrCreateSecret(dir), (error: Error) =>
    error.message.includes(join(dir, SECRET_FILE)),
  );
  assert.equal(await readFile(join(dir, SECRET_FILE), 'utf8'), 'x\n');
});
