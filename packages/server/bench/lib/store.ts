/**
 * The lowdb store at scale: seeding 100,000 accounts through the store API, what one group
 * commit costs as the data grows (one journal append + fdatasync: it should not grow), and what
 * a compaction (the snapshot rewritten in the background) costs the requests meanwhile.
 */
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { newId } from '../../src/crypto.ts';
import { createLowdbStore, DATA_FILE, type CompactionStep } from '../../src/store/lowdb.ts';
import type { AccountRecord } from '../../src/store/types.ts';
import { median } from './stats.ts';

/** The `default` preset's rules: one account per email and per phone. */
const DEFAULT_RULES = { emailUnique: true, maxAccountsPerPhone: 1 } as const;

/** An email-registered `default` account, as `POST /accounts` creates it. */
export function accountRecord(email: string, passwordHash: string): AccountRecord {
  const now = new Date().toISOString();
  return {
    id: newId(),
    provider: 'default',
    kind: 'main',
    passwordHash,
    email,
    phoneLoginable: false,
    emailVerified: false,
    emailLoginable: true,
    connections: [],
    legacy: false,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
}

export interface SeedResult {
  accounts: number;
  seconds: number;
  bytes: number;
}

/**
 * `count` accounts through `createAccount`, all issued in one turn so they ride on one group
 * commit: the store API's own checks and file format, at the speed of one write.
 */
export async function seedAccounts(dir: string, count: number, passwordHash: string): Promise<SeedResult> {
  const start = performance.now();
  const store = await createLowdbStore({ dir });
  const pending: Promise<{ ok: boolean }>[] = [];
  for (let i = 0; i < count; i++) {
    pending.push(
      store.accounts.create(accountRecord(`seed-${i}@bench.invalid`, passwordHash), DEFAULT_RULES),
    );
  }
  const refused = (await Promise.all(pending)).filter((result) => !result.ok).length;
  await store.close();
  if (refused > 0) throw new Error(`bench: the store refused ${refused} seeded accounts`);
  return {
    accounts: count,
    seconds: (performance.now() - start) / 1000,
    bytes: (await stat(join(dir, DATA_FILE))).size,
  };
}

export interface CommitResult {
  /** Accounts in the store while measuring. */
  accounts: number;
  bytes: number;
  /** Opening the store: reading and indexing the file (a server start). */
  openMs: number;
  /** One `createAccount` awaited alone: one journal append + fdatasync. */
  commitMs: number;
  commits: number;
  /** Longest event-loop stall while committing. */
  stallMs: number;
  /** Writing and fsyncing a file of the same size, without the store: the disk's share. */
  rawWriteMs: number;
  compaction: CompactionResult;
}

/** One compaction, forced on the store just opened (its per-record JSON cache still cold), with commits going on. */
export interface CompactionResult {
  /** From rotating the journal to the new snapshot renamed into place and fsynced. */
  ms: number;
  /** Longest event-loop stall meanwhile. */
  stallMs: number;
  /**
   * The most CPU time (process-wide) spent within one event-loop stall: the store's own
   * synchronous work. On a loaded machine a long stall with little CPU is the OS running others.
   */
  stallCpuMs: number;
  /** Median of the `createAccount`s awaited one after another meanwhile. */
  commitMs: number;
  commits: number;
}

/** Times `commits` sequential single-account commits on the store in `dir`. */
export async function measureCommits(
  dir: string,
  commits: number,
  passwordHash: string,
): Promise<CommitResult> {
  let t = performance.now();
  const store = await createLowdbStore({ dir });
  const openMs = performance.now() - t;
  const accounts = await store.accounts.count();
  const times: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  for (let i = 0; i < commits; i++) {
    t = performance.now();
    await store.accounts.create(
      accountRecord(`commit-${i}-${newId()}@bench.invalid`, passwordHash),
      DEFAULT_RULES,
    );
    times.push(performance.now() - t);
  }
  delay.disable();
  await store.close();
  const bytes = (await stat(join(dir, DATA_FILE))).size;
  return {
    accounts,
    bytes,
    openMs,
    commitMs: median(times),
    commits,
    stallMs: delay.max / 1e6,
    rawWriteMs: await rawWrite(dir, bytes),
    compaction: await measureCompaction(dir, passwordHash),
  };
}

/** Reopens the store with a threshold of 1 byte, so its second commit starts a compaction. */
async function measureCompaction(dir: string, passwordHash: string): Promise<CompactionResult> {
  const at = new Map<CompactionStep, number>();
  const store = await createLowdbStore({
    dir,
    compactAfterBytes: 1,
    afterCompactionStep: (step) => void (at.has(step) || at.set(step, performance.now())),
  });
  const commit = () =>
    store.accounts.create(accountRecord(`compaction-${newId()}@bench.invalid`, passwordHash), DEFAULT_RULES);
  await commit(); // the journal was empty after the clean close
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // A 1 ms timer: how much CPU the process used between two of its turns.
  let stallCpuMs = 0;
  let cpu = process.cpuUsage();
  const meter = setInterval(() => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    stallCpuMs = Math.max(stallCpuMs, (used.user + used.system) / 1000);
  }, 1);
  const times: number[] = [];
  const start = performance.now();
  while (!at.has('rename')) {
    const t = performance.now();
    await commit();
    times.push(performance.now() - t);
  }
  clearInterval(meter);
  delay.disable();
  await store.close();
  return {
    ms: at.get('rename')! - (at.get('backup') ?? start),
    stallMs: delay.max / 1e6,
    stallCpuMs,
    commitMs: median(times),
    commits: times.length,
  };
}

/** Median of three: write `bytes` in 1 MB pieces, fsync, close. */
async function rawWrite(dir: string, bytes: number): Promise<number> {
  const file = join(dir, 'raw-write.tmp');
  const piece = Buffer.alloc(1 << 20, 0x61);
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    const handle = await open(file, 'w');
    for (let done = 0; done < bytes; done += piece.length)
      await handle.write(piece, 0, Math.min(piece.length, bytes - done));
    await handle.sync();
    await handle.close();
    times.push(performance.now() - t);
  }
  await rm(file, { force: true });
  return median(times);
}
