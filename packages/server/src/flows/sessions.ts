/**
 * Sessions (packages/server/README.md): opaque 256-bit tokens stored hashed, sent in the body and as an HttpOnly
 * SameSite=Lax cookie, a new token at every sign-in, dead after logout. The cookie is named per
 * provider so one browser can hold a session with each preset of the demo at once.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Authenticated, NeedsProfile } from '@cloud-login/core';
import { hashSecret, randomToken } from '../crypto.ts';
import type { AccountRecord } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { missingProfileFields, toPublicAccount } from './accounts.ts';
import { isoIn, isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { capSessions, countSignIn } from './limits.ts';
import { issueTicket } from './tickets.ts';
import { offersTotp, twoStepAnswer, type TwoStepAnswer } from './totp.ts';

interface CookieSpec {
  name: string;
  secure: boolean;
}

/** `__Host-` + Secure on https (or when configured), so no subdomain can plant or read it. */
export function sessionCookie(c: Context, ctx: ProviderContext): CookieSpec {
  const secure =
    ctx.cookie.secure ??
    (ctx.publicUrl ? ctx.publicUrl.startsWith('https:') : new URL(c.req.url).protocol === 'https:');
  return { name: `${ctx.cookie.name}_${ctx.provider}`, secure };
}

/** The bearer token, else the cookie; `via` tells the Origin check which one it was. */
export function readToken(
  c: Context,
  ctx: ProviderContext,
): { token: string; via: 'cookie' | 'bearer' } | undefined {
  const header = c.req.header('Authorization');
  if (header) {
    const match = /^Bearer[ ]+([A-Za-z0-9_-]{16,256})\s*$/i.exec(header);
    return match ? { token: match[1]!, via: 'bearer' } : undefined;
  }
  const { name, secure } = sessionCookie(c, ctx);
  let value: string | undefined;
  try {
    value = getCookie(c, name, secure ? 'host' : undefined);
  } catch {
    value = undefined; // a malformed Cookie header is no session, not a 5xx
  }
  return value ? { token: value, via: 'cookie' } : undefined;
}

export function clearSessionCookie(c: Context, ctx: ProviderContext) {
  const { name, secure } = sessionCookie(c, ctx);
  deleteCookie(c, name, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    ...(secure && { prefix: 'host' as const }),
  });
}

/**
 * Starts a session for `account`: a fresh token (never reuses one the client sent), the cookie,
 * and the `Authenticated` body. A session the request's cookie still carried is revoked, so
 * signing in again always rotates the token.
 */
export async function startSession(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  account: AccountRecord,
  returnTo?: string,
): Promise<Authenticated> {
  await countSignIn(ctx, account.id);
  const previous = readToken(c, ctx);
  if (previous?.via === 'cookie') await ctx.store.sessions.delete(hashSecret(previous.token));

  const token = randomToken();
  const expiresAt = isoIn(ctx, ctx.sessionTtl);
  await ctx.store.sessions.put({
    tokenHash: hashSecret(token),
    accountId: account.id,
    provider: ctx.provider,
    createdAt: isoNow(ctx),
    expiresAt,
  });
  await capSessions(ctx, account.id);
  const { name, secure } = sessionCookie(c, ctx);
  setCookie(c, name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: ctx.sessionTtl,
    ...(secure && { prefix: 'host' as const }),
  });
  return {
    status: 'authenticated',
    account: toPublicAccount(account, ctx.preset),
    session: { token, expiresAt },
    ...(returnTo !== undefined && { returnTo }),
  };
}

/**
 * The end of every sign-in: an account with two-step verification on gets its second step
 * (flows/totp.ts) unless the first was `multiFactor` already (a passkey verified by its
 * authenticator, flows/passkeys.ts); one still missing profile fields (Tencent's industry) gets
 * `NeedsProfile` with a ticket instead of a session; anything not active cannot sign in.
 */
export async function completeSignIn(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  account: AccountRecord,
  returnTo?: string,
  { multiFactor = false }: { multiFactor?: boolean } = {},
): Promise<TwoStepAnswer> {
  if (account.status !== 'active') {
    fail(
      'identifier_not_loginable',
      'This account is not activated yet; follow the link in the activation email first.',
    );
  }
  if (account.totp && offersTotp(ctx) && !multiFactor) return twoStepAnswer(ctx, account, returnTo);
  return afterTwoStep(c, ctx, account, returnTo);
}

/** A sign-in past its second step (or with none): the profile step, else the session. */
export async function afterTwoStep(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  account: AccountRecord,
  returnTo?: string,
): Promise<Authenticated | NeedsProfile> {
  const missing = missingProfileFields(account, ctx.preset);
  if (missing.length > 0) return needsProfile(ctx, account, missing, returnTo);
  return startSession(c, ctx, account, returnTo);
}

export async function needsProfile(
  ctx: ProviderContext,
  account: AccountRecord,
  required: string[],
  returnTo?: string,
  flowHash?: string,
): Promise<NeedsProfile> {
  const ticket = await issueTicket(ctx, {
    kind: 'profile',
    accountId: account.id,
    required,
    optional: [],
    ...(returnTo !== undefined && { returnTo }),
    ...(flowHash !== undefined && { flowHash }),
  });
  return { status: 'needs_profile', ticket, required: required as NeedsProfile['required'], optional: [] };
}
