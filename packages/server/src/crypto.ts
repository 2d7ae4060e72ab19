/**
 * Secrets, ids and codes. Everything random comes from node's CSPRNG; everything secret is
 * stored only as a hash.
 */
import { createHmac, hash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderId } from '@cloud-login/core';
import type { CodePurpose } from './store/types.ts';

/** A 256-bit random token, base64url (43 characters): sessions, tickets, email links. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 hex of a token. A fast hash is right here: the tokens carry 256 bits of entropy, so
 * nobody can guess them from a stolen hash, and lookups by hash stay cheap.
 */
export function hashSecret(token: string): string {
  // The one-shot form: a third of createHash().update().digest()'s cost, once per request.
  return hash('sha256', token, 'hex');
}

/** `length` decimal digits, each drawn uniformly (`randomInt` rejects modulo bias). */
export function generateCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/** Hashes a verification code bound to where and why it was sent. */
export type CodeHasher = (provider: ProviderId, phone: string, purpose: CodePurpose, code: string) => string;

/**
 * A 6-digit code has only a million values, so a plain hash of it is reversed instantly. A keyed
 * HMAC with a secret kept outside the data file means a stolen file reveals nothing. Binding the
 * provider, phone and purpose into the MAC keeps a code from being replayed elsewhere.
 */
export function createCodeHasher(secret: Uint8Array | string): CodeHasher {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.length < 16) throw new Error('cloud-login: the code secret must be at least 16 bytes');
  return (provider, phone, purpose, code) =>
    // JSON keeps the fields unambiguous (no "a|b" + "c" = "a" + "b|c").
    createHmac('sha256', key).update(JSON.stringify([provider, phone, purpose, code])).digest('hex');
}

/** Name of the secret file in the data directory. */
export const SECRET_FILE = 'cloud-login.secret';

/**
 * Reads the server secret from `${dir}/cloud-login.secret`, creating it (32 random bytes,
 * mode 0600) on first start. It lives beside the data file but apart from it, so it is not in a
 * copy of the JSON and can be kept out of backups. Two processes starting at once agree on one
 * secret: the file is written under a temporary name and then hard-linked into place, which
 * fails if it exists, so nobody ever reads a half-written secret.
 */
export async function loadOrCreateSecret(dir: string): Promise<Buffer> {
  const file = join(dir, SECRET_FILE);
  await mkdir(dir, { recursive: true });
  try {
    return parseSecret(file, await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  const temp = join(dir, `.${SECRET_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(secret.toString('base64url') + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
    await syncDir(dir);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseSecret(file, await readFile(file, 'utf8'));
  } finally {
    await unlink(temp).catch(() => {});
  }
}

function parseSecret(file: string, text: string): Buffer {
  const secret = Buffer.from(text.trim(), 'base64url');
  if (secret.length < 16) {
    throw new Error(`cloud-login: ${file} does not hold a valid secret (expected 32 base64url bytes); remove it to generate a new one (live codes then stop working)`);
  }
  return secret;
}

/** fsync a directory, so a rename or link in it survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A new record id (random, so ids reveal neither order nor count). */
export function newId(): string {
  return randomUUID();
}

/**
 * Compares two secrets (or their hashes) in constant time. Hashing both first makes the
 * lengths equal, so even a length difference takes the same time.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hash('sha256', a, 'buffer'), hash('sha256', b, 'buffer'));
}

/**
 * Compares two hex digests of one algorithm (`hashSecret`, the code HMAC) in constant time.
 * Their length is public (64 characters), so unlike `safeEqual` this needs no hashing first: it
 * runs on every QR poll and every code check.
 */
export function equalHashes(a: string, b: string): boolean {
  const da = Buffer.from(a, 'utf8');
  const db = Buffer.from(b, 'utf8');
  return da.length === db.length && timingSafeEqual(da, db);
}
