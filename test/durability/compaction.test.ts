/**
 * The lowdb store killed while it compacts (issue 7): a child process (`store-writer.ts`) keeps
 * creating accounts on a store whose compaction threshold is a few kilobytes, so a snapshot is
 * being written, renamed or its journal rotated most of the time; it is SIGKILLed at a random
 * moment, five times on the same directory. After each kill, a copy of the directory opens (as
 * a restart would) with every acknowledged account in it — the original stays as the kill left
 * it for the next round, so crashes pile up on crashes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { createLowdbStore } from '@cloud-login/server';
import { figure, tempDir } from '../support/server.ts';

const writer = fileURLToPath(new URL('./store-writer.ts', import.meta.url));
const tsx = fileURLToPath(import.meta.resolve('tsx'));
const ROUNDS = 5;

/** Runs the writer until SIGKILL, `killAfter` ms after it is ready; the names it acknowledged. */
async function writeUntilKilled(
  dir: string,
  round: number,
  killAfter: number,
): Promise<{ acked: string[]; files: string[] }> {
  const child = spawn(process.execPath, ['--conditions=cloud-login-source', '--import', tsx, writer], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PREFIX: `r${round}`,
      COMPACT_AFTER: '16384',
      SEED: round === 1 ? '4000' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let errors = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  child.stderr.on('data', (chunk) => (errors += String(chunk)));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_, signal) => done(signal)));
  const ready = new Promise<void>((done, fail) => {
    const check = setInterval(() => {
      if (out.startsWith('ready\n')) done();
      else if (child.exitCode !== null) fail(new Error(`the writer exited: ${errors}`));
      else return;
      clearInterval(check);
    }, 5);
  });
  await ready;
  await new Promise((done) => setTimeout(done, killAfter));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', errors);
  // A name is acknowledged once its whole line arrived.
  const lines = out.split('\n').slice(1, -1);
  return { acked: lines, files: await readdir(dir) };
}

test('SIGKILL while compactions run: every acknowledged write survives, round after round', async () => {
  const dir = await tempDir('cl-compaction-');
  try {
    const acked: string[] = [];
    let midSnapshot = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const killAfter = 200 + Math.floor(Math.random() * 800);
      const result = await writeUntilKilled(dir.path, round, killAfter);
      assert.ok(result.acked.length > 0, `round ${round}: nothing acknowledged in ${killAfter} ms`);
      acked.push(...result.acked);
      // A temp snapshot left behind: the kill came while one was being written.
      if (result.files.includes('cloud-login.json.tmp')) midSnapshot++;

      const copy = await tempDir('cl-compaction-copy-');
      try {
        await cp(dir.path, copy.path, { recursive: true, filter: (source) => !source.endsWith('.lock') });
        const store = await createLowdbStore({ dir: copy.path });
        const missing = [];
        for (const name of acked)
          if ((await store.accounts.findByEmail('default', `${name}@durable.example`)).length !== 1)
            missing.push(name);
        assert.deepEqual(missing, [], `round ${round} (killed ${killAfter} ms in): acknowledged but lost`);
        const total = await store.accounts.count();
        await store.close();
        figure(
          `compaction kill: round ${round}, killed ${killAfter} ms in, ${result.acked.length} acknowledged, ${total} accounts after the restart; files: ${result.files.filter((f) => !f.endsWith('.lock')).join(' ')}`,
        );
      } finally {
        await copy.remove();
      }
    }
    figure(
      `compaction kill: ${ROUNDS} kills, ${acked.length} acknowledged accounts, all present; ${midSnapshot} kills came while a snapshot was being written`,
    );
  } finally {
    await dir.remove();
  }
});
