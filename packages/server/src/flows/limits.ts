/**
 * Bounds on work that succeeds: sign-ins per account, sessions kept per account, and
 * account-changing writes per account. Failed guesses are bounded in login.ts; these bound what
 * someone holding a password or a session can make the server do (a hash, a stored session, an
 * email or an answer that tells whether an address is taken, per request).
 */
import { fail } from '../middleware/errors.ts';
import type { ProviderContext } from '../context.ts';

const signInKey = (accountId: string) => `account:${accountId}`;

/**
 * Before a password is checked: refuses at once when the account has used up its sign-ins, so a
 * script with the right password cannot make the server hash without end. Only someone who
 * already signed in that often can fill the window, so the refusal tells nobody else anything.
 */
export async function checkSignInBudget(ctx: ProviderContext, key: string): Promise<void> {
  const budget = await ctx.throttles.signInsPerAccount.peek(key);
  if (!budget.ok) tooManySignIns(budget.retryAfter);
}

/** The refusal of an account that used up its sign-ins. */
export function tooManySignIns(retryAfter: number): never {
  fail('rate_limited', 'Too many sign-ins to this account; try again later.', { retryAfter });
}

/** Counts a sign-in about to start a session; refused past the window's limit. */
export async function countSignIn(ctx: ProviderContext, accountId: string): Promise<void> {
  const result = await ctx.throttles.signInsPerAccount.hit(signInKey(accountId));
  if (!result.ok) tooManySignIns(result.retryAfter);
}

/**
 * Ends the account's oldest sessions beyond `maxSessionsPerAccount`, after a new one was stored:
 * a script signing in again and again fills no more than that many records per account.
 */
export async function capSessions(ctx: ProviderContext, accountId: string): Promise<void> {
  const sessions = await ctx.store.sessions.listOf(accountId);
  const excess = sessions.length - ctx.maxSessionsPerAccount;
  for (const session of sessions.slice(0, Math.max(0, excess)))
    await ctx.store.sessions.delete(session.tokenHash);
}

/**
 * Counts an account-changing write (password change, sub-account, security email) before its
 * work and before any answer that depends on other accounts (`email_taken`), so neither the
 * hashing nor probing which emails are taken is unbounded.
 */
export async function countAccountChange(ctx: ProviderContext, accountId: string): Promise<void> {
  const result = await ctx.throttles.accountChanges.hit(accountId);
  if (!result.ok)
    fail('rate_limited', 'Too many account changes; try again later.', { retryAfter: result.retryAfter });
}

/** How often `lastSeenAt` is written: at most hourly, and often enough for a short idle timeout. */
export function touchInterval(ctx: Pick<ProviderContext, 'sessionIdleTimeout'>): number {
  return Math.min(3600, Math.max(1, Math.floor(ctx.sessionIdleTimeout / 10)));
}
