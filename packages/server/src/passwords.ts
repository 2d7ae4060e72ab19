/**
 * Password hashing: argon2id with OWASP's first-choice parameters (m=19 MiB, t=2, p=1). The
 * work runs on libuv's thread pool, so a hash never blocks the event loop.
 *
 * The hashes waiting for the pool are bounded (`setHashQueueLimit`): past the bound a hash or
 * verify throws `ServerBusyError` at once (`503 server_busy` with `Retry-After`), so a burst of
 * sign-ins gets a quick refusal instead of every request waiting seconds behind the others.
 */
import { availableParallelism } from 'node:os';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomToken } from './crypto.ts';

export class ServerBusyError extends Error {
  override readonly name = 'ServerBusyError';
  constructor(readonly retryAfter: number) {
    super('The password-hashing queue is full.');
  }
}

/**
 * Default bound on hashes in flight (running or waiting), process-wide like the thread pool:
 * 16 per core, at least 32. A hash takes tens of milliseconds on one thread, so a full queue
 * drains in well under a second or two.
 */
export const DEFAULT_HASH_QUEUE = Math.max(32, 16 * availableParallelism());

let queueLimit = DEFAULT_HASH_QUEUE;
let inFlight = 0;

/** Sets the bound on hashes and verifies in flight (process-wide); returns the previous one. */
export function setHashQueueLimit(limit: number): number {
  if (!(Number.isInteger(limit) && limit >= 1))
    throw new Error('setHashQueueLimit: a whole number ≥ 1 is required');
  const previous = queueLimit;
  queueLimit = limit;
  return previous;
}

/** Hashes in flight now (for tests and metrics). */
export function hashesInFlight(): number {
  return inFlight;
}

async function gated<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= queueLimit) {
    // Seconds, whole: about how long the queue ahead takes to drain on a small pool.
    throw new ServerBusyError(Math.max(1, Math.ceil(inFlight / 64)));
  }
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
  }
}

/** `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id. */
const ARGON2ID = 2 as Algorithm.Argon2id;

export const ARGON2_OPTIONS: Readonly<Options> = {
  algorithm: ARGON2ID,
  memoryCost: 19456, // KiB
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return gated(() => hash(password, ARGON2_OPTIONS));
}

let verifications = 0;

/** Verifies started so far in this process, dummy ones included (for tests and metrics). */
export function verificationsStarted(): number {
  return verifications;
}

/** `false` for a wrong password and for a stored hash that is not a valid argon2 string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return gated(async () => {
    verifications++;
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
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
  // Made outside the queue's bound: a refusal must not be remembered as the dummy hash.
  dummyHash ??= hash(randomToken(), ARGON2_OPTIONS);
  await verifyPassword(await dummyHash, password);
  return false;
}
