/**
 * Passkeys (docs/flows.md#passkeys): WebAuthn with `@simplewebauthn/server`, discoverable
 * credentials, attestation `none`. User verification is required to add one and preferred to
 * sign in: an assertion with it (the authenticator's PIN or biometric) is a multi-factor
 * cryptographic authenticator — possession plus knowledge or inherence — and stands in for the
 * two-step verification; one without it is possession only, and an account with TOTP then asks
 * for its code (SECURITY.md, "Passkeys and two-step verification").
 *
 * Challenges are single use and short-lived without a store write per page view (a login page
 * asks for one as soon as it shows, for the autofill): a challenge is 16 random bytes, its expiry
 * and an HMAC over both, bound to its purpose (and, for registration, to the account and
 * session that asked). It is checked when it comes back signed, then spent with a grant keyed by
 * its random part (`grants.put` is create-if-absent): a second use finds the grant and is refused.
 *
 * The relying party: the page's origin must be one this server accepts (its own, `publicUrl`'s,
 * `allowedOrigins`, or `passkeys.origins` when given), and the RP ID is `passkeys.rpId` when set,
 * else the page's host name — a passkey made on `console.example.com` then signs in there.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  PASSKEY_NAME_MAX,
  type Passkey,
  type PasskeyCreateRequest,
  type PasskeyLoginRequest,
} from '@cloud-login/core';
import { fail } from '../middleware/errors.ts';
import type { AccountRecord, Frozen, PasskeyRecord } from '../store/types.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { accountLabel } from './accounts.ts';
import { isAllowedOrigin, normaliseOrigin, ownOrigin } from './origins.ts';

export interface PasskeyOptions {
  /** The relying party id (`example.com`): default, the host name of the page asking. */
  rpId?: string;
  /** The name authenticators show beside the passkey: default, the preset's English name. */
  rpName?: string;
  /** Origins whose pages may use the passkeys: default, the origins allowed to call with the cookie. */
  origins?: readonly string[];
}

/** How long a challenge can be answered: time to pick a passkey, or to reach the autofill. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Passkeys one account may hold: each is a stored record and a line in the list. */
export const MAX_PASSKEYS = 20;
const GRANT_KIND = 'passkey:challenge';
const NONCE = 16;
const MAC = 16;

type Purpose = 'login' | 'register';

function challengeMac(ctx: ProviderContext, purpose: Purpose, bound: string, body: Buffer): Buffer {
  return Buffer.from(
    ctx.hashCode(ctx.provider, bound, `passkey:${purpose}`, body.toString('base64url')),
    'hex',
  ).subarray(0, MAC);
}

/** The challenge's bytes: the options carry them base64url-encoded, and the client data echoes that. */
export function issueChallenge(
  ctx: ProviderContext,
  purpose: Purpose,
  bound: string,
): Uint8Array<ArrayBuffer> {
  const body = Buffer.alloc(NONCE + 8);
  randomBytes(NONCE).copy(body);
  body.writeBigUInt64BE(BigInt(ctx.now().getTime() + CHALLENGE_TTL_MS), NONCE);
  return Uint8Array.from(Buffer.concat([body, challengeMac(ctx, purpose, bound, body)]));
}

const refused = (message = 'This passkey could not be verified.'): never =>
  fail('invalid_credentials', message, { field: 'passkey' });

/** Checks that `challenge` is one of ours for this purpose and binding, unexpired, and spends it. */
async function spendChallenge(
  ctx: ProviderContext,
  purpose: Purpose,
  bound: string,
  challenge: string,
): Promise<void> {
  const bytes = Buffer.from(challenge, 'base64url');
  if (bytes.length !== NONCE + 8 + MAC) refused();
  const body = bytes.subarray(0, NONCE + 8);
  if (!timingSafeEqual(bytes.subarray(NONCE + 8), challengeMac(ctx, purpose, bound, body))) refused();
  const expiresAt = Number(body.readBigUInt64BE(NONCE));
  if (expiresAt <= ctx.now().getTime())
    fail('ticket_expired', 'The passkey request timed out; try again.', { field: 'passkey' });
  const fresh = await ctx.store.grants.put({
    kind: GRANT_KIND,
    key: body.subarray(0, NONCE).toString('base64url'),
    data: null,
    createdAt: isoNow(ctx),
    expiresAt: new Date(expiresAt).toISOString(),
  });
  if (!fresh) refused('This passkey answer was used already.');
}

function acceptsOrigin(c: Context, ctx: ProviderContext, options: PasskeyOptions, origin: string): boolean {
  return options.origins
    ? options.origins.some((allowed) => normaliseOrigin(allowed) === origin)
    : isAllowedOrigin(c, ctx, origin);
}

/** The page asking for options: its `Origin` when accepted, else this server's public origin. */
function pageOrigin(c: Context, ctx: ProviderContext, options: PasskeyOptions): string {
  const header = c.req.header('Origin');
  const origin = header ? normaliseOrigin(header) : undefined;
  if (origin && acceptsOrigin(c, ctx, options, origin)) return origin;
  return ctx.origins.own ?? ownOrigin(c);
}

const rpIdFor = (options: PasskeyOptions, origin: string) => options.rpId ?? new URL(origin).hostname;

/** The client data's origin and challenge, once the origin is known to be accepted. */
function clientData(
  c: Context,
  ctx: ProviderContext,
  options: PasskeyOptions,
  encoded: string,
  type: 'webauthn.get' | 'webauthn.create',
): { origin: string; challenge: string } {
  let data: { type?: unknown; origin?: unknown; challenge?: unknown };
  try {
    data = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as typeof data;
  } catch {
    return refused();
  }
  if (data.type !== type || typeof data.origin !== 'string' || typeof data.challenge !== 'string') refused();
  const origin = normaliseOrigin(data.origin as string);
  if (!origin || origin !== data.origin || !acceptsOrigin(c, ctx, options, origin))
    fail('origin_not_allowed', 'This passkey was used on a page this server does not accept.', {
      field: 'passkey',
    });
  return { origin, challenge: data.challenge as string };
}

export function requirePasskeys(ctx: ProviderContext): void {
  if (!ctx.preset.methods.login.includes('passkeys'))
    fail('method_disabled', 'Passkeys are not offered here.');
}

export function toPublicPasskey(record: PasskeyRecord): Passkey {
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt ?? null,
    backedUp: record.backedUp,
  };
}

/** A name as kept: no control characters, trimmed, at most `PASSKEY_NAME_MAX` characters. */
export function passkeyName(value: string | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it drops
  const clean = (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return [...(clean || fallback)].slice(0, PASSKEY_NAME_MAX).join('');
}

/**
 * Options for `navigator.credentials.get()`: any passkey of this site (the browser offers them).
 * User verification `preferred`: authenticators that can verify the user do; one that does not
 * still answers, and its sign-in takes the account's second step (see the module comment).
 */
export async function authenticationOptions(c: Context, ctx: ProviderContext, options: PasskeyOptions) {
  return generateAuthenticationOptions({
    rpID: rpIdFor(options, pageOrigin(c, ctx, options)),
    challenge: issueChallenge(ctx, 'login', ''),
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
}

/**
 * The account a passkey assertion proves, after its checks: an accepted origin, our unspent
 * challenge, a passkey of this provider whose user handle is its account's, a valid signature,
 * and a counter that moved on (recorded with the use); and whether the authenticator verified
 * the user (the UV flag), which decides the two-step verification (see the module comment).
 */
export async function verifyAssertion(
  c: Context,
  ctx: ProviderContext,
  options: PasskeyOptions,
  body: PasskeyLoginRequest,
): Promise<{ account: AccountRecord; userVerified: boolean }> {
  const response = body.credential as AuthenticationResponseJSON;
  const { origin, challenge } = clientData(c, ctx, options, response.response.clientDataJSON, 'webauthn.get');
  await spendChallenge(ctx, 'login', '', challenge);
  const passkey = await ctx.store.passkeys.get(response.id);
  if (!passkey || passkey.provider !== ctx.provider) return refused('This passkey is not registered here.');
  // The credential answers for the account it was made for, and only that one.
  const handle = response.response.userHandle;
  if (!handle || Buffer.from(handle, 'base64url').toString('utf8') !== passkey.accountId) refused();
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpIdFor(options, origin),
      credential: {
        id: passkey.id,
        publicKey: Uint8Array.from(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        ...(passkey.transports && { transports: passkey.transports as never }),
      },
      requireUserVerification: false,
    });
  } catch {
    return refused();
  }
  if (!verified.verified) refused();
  const { newCounter, credentialBackedUp, userVerified } = verified.authenticationInfo;
  if (
    !(await ctx.store.passkeys.recordUse(passkey.id, {
      counter: newCounter,
      backedUp: credentialBackedUp,
      at: isoNow(ctx),
    }))
  )
    refused();
  const account = await ctx.store.accounts.get(passkey.accountId);
  if (!account || account.provider !== ctx.provider) return refused('This passkey is not registered here.');
  return { account, userVerified };
}

const registrationBinding = (c: Context<AppEnv>) => {
  const { account, tokenHash } = c.get('auth');
  return `${account.id}:${tokenHash}`;
};

/** Options for `navigator.credentials.create()`, for the signed-in account (re-authenticated by the route). */
export async function registrationOptions(c: Context<AppEnv>, ctx: ProviderContext, options: PasskeyOptions) {
  const { account } = c.get('auth');
  const existing = await ctx.store.passkeys.listOf(account.id);
  if (existing.length >= MAX_PASSKEYS)
    fail('validation_failed', `An account keeps at most ${MAX_PASSKEYS} passkeys.`, {
      field: 'passkey',
      issues: [{ path: 'passkey', code: 'passkey_limit', message: `At most ${MAX_PASSKEYS} passkeys.` }],
    });
  // Shown by the user's own authenticator when they pick a passkey: the identifier they know.
  const label = account.accountName ?? account.email ?? account.phone ?? accountLabel(account);
  return generateRegistrationOptions({
    rpName: options.rpName ?? ctx.preset.name.en,
    rpID: rpIdFor(options, pageOrigin(c, ctx, options)),
    userName: label,
    userDisplayName: label,
    userID: Uint8Array.from(Buffer.from(account.id, 'utf8')),
    challenge: issueChallenge(ctx, 'register', registrationBinding(c)),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.id,
      ...(p.transports && { transports: p.transports as never }),
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    timeout: CHALLENGE_TTL_MS,
  });
}

/** Verifies a new passkey's attestation for the signed-in account and stores it. */
export async function verifyRegistration(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  options: PasskeyOptions,
  body: PasskeyCreateRequest,
  account: Frozen<AccountRecord>,
): Promise<PasskeyRecord> {
  const response = body.credential as RegistrationResponseJSON;
  const { origin, challenge } = clientData(
    c,
    ctx,
    options,
    response.response.clientDataJSON,
    'webauthn.create',
  );
  // Bound to the account and session that asked: another session's challenge is refused.
  await spendChallenge(ctx, 'register', registrationBinding(c), challenge);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpIdFor(options, origin),
      requireUserVerification: true,
    });
  } catch {
    return refused();
  }
  const info = verified.verified ? verified.registrationInfo : refused();
  const count = (await ctx.store.passkeys.listOf(account.id)).length;
  const record: PasskeyRecord = {
    id: info.credential.id,
    provider: ctx.provider,
    accountId: account.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    ...(info.credential.transports && { transports: [...info.credential.transports] }),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    name: passkeyName(body.name, `Passkey ${count + 1}`),
    createdAt: isoNow(ctx),
  };
  if (!(await ctx.store.passkeys.create(record)))
    fail('already_bound', 'This passkey is registered already.', { field: 'passkey' });
  return record;
}
