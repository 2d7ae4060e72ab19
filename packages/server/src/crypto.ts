/**
 * Secrets, ids and codes. Everything random comes from node's CSPRNG; everything secret is
 * stored only as a hash.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hash,
  hkdfSync,
  randomBytes,
  randomInt,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import type { ProviderId } from '@cloud-login/core';

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
export type CodeHasher = (provider: ProviderId, phone: string, purpose: string, code: string) => string;

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
    createHmac('sha256', key)
      .update(JSON.stringify([provider, phone, purpose, code]))
      .digest('hex');
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

/**
 * Encrypts secrets the server must read back (an authenticator app's TOTP secret), bound to
 * what they belong to (`context`, an account id) so a sealed value copied onto another record
 * does not open there.
 */
export interface Sealer {
  seal(plain: string, context: string): string;
  /** `undefined` when the value was sealed under another key or context, or altered. */
  open(sealed: string, context: string): string | undefined;
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA-256) from the server secret, so a copy of the data
 * file alone reveals no TOTP secret, and the key is not the codes' HMAC key itself.
 */
export function createSealer(secret: Uint8Array | string): Sealer {
  const raw = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (raw.length < 16) throw new Error('cloud-login: the server secret must be at least 16 bytes');
  const key = Buffer.from(hkdfSync('sha256', raw, '', 'cloud-login sealed secrets v1', 32));
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed, context) {
      if (!sealed.startsWith('v1.')) return undefined;
      const bytes = Buffer.from(sealed.slice(3), 'base64url');
      if (bytes.length < 28) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
