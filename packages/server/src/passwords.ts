/**
 * Password hashing: argon2id with OWASP's first-choice parameters (m=19 MiB, t=2, p=1). The
 * work runs on libuv's thread pool, so a hash never blocks the event loop.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomToken } from './crypto.ts';

/** `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id. */
const ARGON2ID = 2 as Algorithm.Argon2id;

export const ARGON2_OPTIONS: Readonly<Options> = {
  algorithm: ARGON2ID,
  memoryCost: 19456, // KiB
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** `false` for a wrong password and for a stored hash that is not a valid argon2 string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
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
