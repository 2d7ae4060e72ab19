/**
 * Password hashing: argon2id with OWASP's first-choice parameters (m=19 MiB, t=2, p=1). The
 * work runs on libuv's thread pool, so a hash never blocks the event loop.
 */
import { availableParallelism } from 'node:os';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomToken } from './crypto.ts';

/** libuv's thread pool size, read as libuv reads it (default 4). */
function threadPoolSize(): number {
  const size = process.env.UV_THREADPOOL_SIZE;
  return size === undefined ? 4 : Math.min(1024, Math.max(1, Number.parseInt(size, 10) || 1));
}

/**
 * Hashes and verifies running at once: no more than the machine has cores, nor libuv threads.
 * Argon2 is pure CPU and memory (19 MiB each): more at once than cores only makes them take
 * turns and evict each other's memory from the caches (on two cores, four at once cost about
 * 10 % more CPU per verify than two), and every pool thread argon2 holds is one the store's file
 * operations wait behind. The rest wait here, in order.
 */
export const HASH_CONCURRENCY = Math.min(availableParallelism(), threadPoolSize());

/** Runs at most `limit` of the given tasks at once, the others in the order they came. */
export function createGate(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < limit) running++;
    // The slot is handed over by the task that finishes, so `running` stays counted.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

const argon2Gate = createGate(HASH_CONCURRENCY);

/** `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id. */
const ARGON2ID = 2 as Algorithm.Argon2id;

export const ARGON2_OPTIONS: Readonly<Options> = {
  algorithm: ARGON2ID,
  memoryCost: 19456, // KiB
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return argon2Gate(() => hash(password, ARGON2_OPTIONS));
}

/** `false` for a wrong password and for a stored hash that is not a valid argon2 string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2Gate(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/**
 * A hash of a random password with the same parameters, made once. The parameters in the hash
 * string decide a verify's cost, so verifying against it costs what a real verify costs.
 */
let dummyHash: Promise<string> | undefined;

/**
 * Does the work of a real verify and returns `false`. Call it when the identifier matched no
 * account, so "unknown identifier" and "wrong password" take the same time and cannot be told
 * apart.
 */
export async function burnVerify(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomToken());
  await verifyPassword(await dummyHash, password);
  return false;
}
