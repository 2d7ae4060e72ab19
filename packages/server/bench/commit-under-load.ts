/**
 * Why registrations stall with 100,000 accounts: one lowdb commit rewrites the whole file (41 MB)
 * in about 50 libuv thread-pool operations (open, one write per 1 MB piece, fsync, close, the
 * `.bak` link and renames, directory fsync), and each of them queues behind the argon2 hashes
 * that fill the same pool (4 threads by default) while registrations or logins run.
 *
 * Times single-account commits on a seeded store with the pool idle, then with argon2 verifies
 * kept in flight beside them (`IN_FLIGHT`, default 8 like `npm run bench`'s 8 connections).
 * Opt-in, not part of `npm run bench`: on a busy machine one commit can take half a minute.
 *
 *   node --import tsx bench/commit-under-load.ts            # from packages/server
 *   ACCOUNTS=100000 IN_FLIGHT=2 UV_THREADPOOL_SIZE=8 node --import tsx bench/commit-under-load.ts
 */
import { hashPassword, verifyPassword } from '../src/passwords.ts';
import { createLowdbStore } from '../src/store/lowdb.ts';
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
  const store = await createLowdbStore({ dir });
  // The first commit after opening serialises every record once (the per-record JSON cache is cold).
  await store.createAccount(accountRecord('warm@bench.invalid', hash), RULES);

  const commits = async (label: string) => {
    const times: number[] = [];
    for (let i = 0; i < COMMITS; i++) {
      const t = performance.now();
      await store.createAccount(accountRecord(`${label}-${i}@bench.invalid`, hash), RULES);
      times.push(performance.now() - t);
    }
    return times;
  };
  const ms = (times: number[]) => `median ${Math.round(median(times))} ms (${times.map(Math.round).join(', ')})`;

  const idle = await commits('idle');
  let busy = true;
  let verifies = 0;
  const hashing = Array.from({ length: IN_FLIGHT }, async () => {
    while (busy) {
      await verifyPassword(hash, PASSWORD);
      verifies++;
    }
  });
  const loaded = await commits('loaded');
  busy = false;
  await Promise.all(hashing);
  await store.close();

  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  console.log(`${ACCOUNTS.toLocaleString('en')} accounts, libuv pool ${pool}`);
  console.log(`  one commit, pool idle:                              ${ms(idle)}`);
  console.log(`  one commit, ${IN_FLIGHT} argon2 verifies in flight beside it: ${ms(loaded)}  (${verifies} verifies meanwhile)`);
} finally {
  cleanUp();
}
