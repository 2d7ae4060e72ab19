/**
 * Proving the signed-in account again before a sensitive change (changing or setting the
 * password, the security email, unbinding a login): a stolen session alone must not be enough.
 * The same request carries the proof — the current password, or a code sent with `POST /codes`
 * purpose `reauth` to the account's own phone — else the answer is `403 reauth_required`, whose
 * `field` says which proof the account can give (`currentPassword` or `code`).
 */
import type { Context } from 'hono';
import type { ReauthProof } from '@cloud-login/core';
import { verifyPassword } from '../passwords.ts';
import type { AccountRecord, Frozen } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { consumeCode } from './codes.ts';
import { attemptSucceeded, reserveAttempt } from './login-code.ts';

/**
 * An account with neither a password nor a phone has no proof to give: a session this young
 * (a sign-in just made through its third-party login) stands for one.
 */
export const FRESH_SIGN_IN_SECONDS = 300;

/** What a reauth code is keyed by: its own resend wait and daily cap, apart from sign-in codes. */
export const reauthKey = (phone: string): string => `reauth:${phone}`;

/** Which proof the account can give: its password when it has one, else a code to its phone. */
export function proofField(account: Frozen<AccountRecord>): 'currentPassword' | 'code' {
  return account.passwordHash !== undefined ? 'currentPassword' : 'code';
}

/**
 * Checks `currentPassword` against the account's password (the same guessing windows as sign-in,
 * each try reserved before its hash), throwing `invalid_credentials` on `field` when wrong.
 */
export async function checkCurrentPassword(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  password: string,
  field: string,
): Promise<void> {
  const address = c.get('address');
  const key = `account:${account.id}`;
  await reserveAttempt(ctx, address, key);
  if (!account.passwordHash || !(await verifyPassword(account.passwordHash, password))) {
    fail('invalid_credentials', 'The current password is not correct.', { field });
  }
  await attemptSucceeded(ctx, address, key);
}

/**
 * Passes when `proof` proves the signed-in account again; otherwise answers 403 `reauth_required`.
 * `freshSignIn`: a session signed in less than 5 minutes ago is proof enough (registration's own
 * "add a security email" step comes right after the password was typed).
 */
export async function requireReauth(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  proof: ReauthProof,
  options: { freshSignIn?: boolean } = {},
): Promise<void> {
  const { account, session } = c.get('auth');
  const age = (ctx.now().getTime() - Date.parse(session.createdAt)) / 1000;
  if (options.freshSignIn && age < FRESH_SIGN_IN_SECONDS) return;
  if (proof.currentPassword && account.passwordHash !== undefined) {
    await checkCurrentPassword(c, ctx, account, proof.currentPassword, 'currentPassword');
    return;
  }
  if (proof.code && account.phone) {
    await consumeCode(ctx, reauthKey(account.phone), 'reauth', proof.code);
    return;
  }
  if (account.passwordHash === undefined && !account.phone) {
    if (age < FRESH_SIGN_IN_SECONDS) return;
    fail('reauth_required', 'Sign in again, then make this change within 5 minutes.', { field: 'session' });
  }
  fail(
    'reauth_required',
    account.passwordHash !== undefined
      ? 'Enter your current password to make this change.'
      : 'Enter the code sent to your phone to make this change.',
    {
      field: proofField(account),
    },
  );
}
