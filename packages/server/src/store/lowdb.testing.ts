/**
 * Test support for the lowdb store's file tests: temporary data directories (removed after the
 * test file), a copy of one as a crash would leave it, and small readers of its files. Not part
 * of the package's exports.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { iso, T0 } from './conformance.ts';
import { DATA_FILE } from './index.ts';
import type { SessionRecord } from './types.ts';

const dirs: string[] = [];
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cloud-login-store-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The two journal files: the first takes the appends of a new store; a compaction switches them. */
export const JOURNAL = `${DATA_FILE}.journal-a`;
export const OTHER_JOURNAL = `${DATA_FILE}.journal-b`;
export const lines = async (file: string) =>
  (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;

/**
 * The directory as a crash right now would leave it: every file but the lock copied elsewhere
 * (what is fsynced is what a crash keeps; a copy also sees what is not, which only makes the
 * test harder to pass). The store keeps running; the copy opens as a restart would.
 */
export async function crashCopy(dir: string): Promise<string> {
  const copy = await tempDir();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.lock')) await copyFile(join(dir, name), join(copy, name)).catch(() => {}); // a temp file may go meanwhile
  }
  return copy;
}

export const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
export const size = async (file: string) => (await stat(file)).size;
export const session = (name: string): SessionRecord => ({
  tokenHash: hashSecret(name),
  accountId: 'a',
  provider: 'jdcloud',
  createdAt: iso(T0),
  expiresAt: iso(T0 + 3_600_000),
});
