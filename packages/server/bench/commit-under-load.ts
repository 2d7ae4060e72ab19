/**
 * What a lowdb commit costs while argon2 hashes fill libuv's thread pool (4 threads by default),
 * as they do under registration or login load: every file operation of a commit queues behind
 * them. A commit is one journal append + fdatasync (two pool operations) whatever the data's
 * size; before the journal it rewrote the whole file (41 MB at 100,000 accounts) in about 50.
 *
 * Times single-account commits on a seeded store with the pool idle, then with argon2 verifies
 * kept in flight beside them (`IN_FLIGHT`, default 8 like `npm run bench`'s 8 connections), then
 * one compaction (the snapshot rewritten in the background, forced) under the same load, with
 * the commits made meanwhile. Opt-in, not part of `npm run bench`.
 *
 *   node --conditions=cloud-login-source --import tsx bench/commit-under-load.ts            # from packages/server
 *   ACCOUNTS=100000 IN_FLIGHT=2 UV_THREADPOOL_SIZE=8 node --conditions=cloud-login-source --import tsx bench/commit-under-load.ts
 */
import { hashPassword, verifyPassword } from '../src/passwords.ts';
import { createLowdbStore, type CompactionStep } from '../src/store/lowdb.ts';
import { cleanUp, tempDir } from './lib/servers.ts';
import { median } from './lib/stats.ts';
import { accountRecord, seedAccounts } from './lib/store.ts';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 100_000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 8);
const COMMITS = 4;
const RULES = { emailUnique: true, maxAccountsPerPhone: 1 } as const;
const PASSWORD = 'Bench-commit-pass';

const guard = setTimeout(() => {
  console.error('commit-under-load: still running after 5 minutes; stopping');
  cleanUp();
  process.exit(1);
}, 300_000);
guard.unref();

try {
  const hash = await hashPassword(PASSWORD);
  const dir = tempDir('commit-load');
  await seedAccounts(dir, ACCOUNTS, hash);
  let store = await createLowdbStore({ dir });
  await store.accounts.create(accountRecord('warm@bench.invalid', hash), RULES);

  const commits = async (label: string) => {
    const times: number[] = [];
    for (let i = 0; i < COMMITS; i++) {
      const t = performance.now();
      await store.accounts.create(accountRecord(`${label}-${i}@bench.invalid`, hash), RULES);
      times.push(performance.now() - t);
    }
    return times;
  };
  const ms = (times: number[]) =>
    `median ${Math.round(median(times))} ms (${times.map(Math.round).join(', ')})`;

  let busy = false;
  let verifies = 0;
  let hashing: Promise<void>[] = [];
  const load = (on: boolean) => {
    busy = on;
    if (!on) return Promise.all(hashing);
    hashing = Array.from({ length: IN_FLIGHT }, async () => {
      while (busy) {
        await verifyPassword(hash, PASSWORD);
        verifies++;
      }
    });
  };

  const idle = await commits('idle');
  load(true);
  const loaded = await commits('loaded');
  const loadedVerifies = verifies;
  await load(false);
  await store.close();

  // Reopened with a threshold of 1 byte: its second commit starts a compaction.
  const steps = new Map<CompactionStep, number>();
  store = await createLowdbStore({
    dir,
    compactAfterBytes: 1,
    afterCompactionStep: (step) => void steps.set(step, performance.now()),
  });
  await store.accounts.create(accountRecord('reopened@bench.invalid', hash), RULES);
  load(true);
  const compacting: number[] = [];
  for (let i = 0; !steps.has('rename'); i++) {
    const t = performance.now();
    await store.accounts.create(accountRecord(`compacting-${i}@bench.invalid`, hash), RULES);
    compacting.push(performance.now() - t);
  }
  await load(false);
  await store.close();

  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  console.log(`${ACCOUNTS.toLocaleString('en')} accounts, libuv pool ${pool}`);
  console.log(`  one commit, pool idle:                              ${ms(idle)}`);
  console.log(
    `  one commit, ${IN_FLIGHT} argon2 verifies in flight beside it: ${ms(loaded)}  (${loadedVerifies} verifies meanwhile)`,
  );
  console.log(
    `  one compaction under the same load: ${Math.round(steps.get('rename')! - steps.get('backup')!)} ms; ${compacting.length} commits meanwhile, median ${Math.round(median(compacting))} ms, longest ${Math.round(Math.max(...compacting))} ms`,
  );
} finally {
  cleanUp();
}
