/**
 * Following an email link: activating a Tencent registration (docs/flows.md#register-tencentcloud) or verifying a security
 * email (docs/flows.md#security-email). Links are single use and consumed inside the store before anything else.
 */
import type { Context } from 'hono';
import type { EmailVerified, NeedsProfile } from '@cloud-login/core';
import { hashSecret } from '../crypto.ts';
import { StoreConflictError, type EmailLinkRecord } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { missingProfileFields, toPublicAccount } from './accounts.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { isFirstHolder } from './register.ts';
import { needsProfile } from './sessions.ts';

export type VerifyOutcome = { answer: EmailVerified | NeedsProfile; link: EmailLinkRecord };

function expired(): never {
  fail('link_expired', 'This link has expired or was already used.');
}

export async function verifyEmailLink(
  _c: Context<AppEnv>,
  ctx: ProviderContext,
  token: string,
  options: { addressBorne?: boolean } = {},
): Promise<VerifyOutcome> {
  const consumed = await ctx.store.emailLinks.consume(hashSecret(token), isoNow(ctx));
  if (!consumed.ok) expired();
  const link = consumed.link;
  if (link.provider !== ctx.provider) expired();

  const account = await ctx.locks.run([`email:${ctx.provider}:${link.email}`], async () => {
    const current = await ctx.store.accounts.get(link.accountId);
    if (!current) expired();
    if (link.purpose === 'activate' && current.status === 'active') return current;
    if (ctx.preset.emailUnique) {
      const others = (await ctx.store.accounts.findByEmail(ctx.provider, link.email)).filter(
        (a) => a.id !== current.id,
      );
      if (others.some((other) => other.emailVerified))
        fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      // The verified claim wins: accounts that only claimed the address without proving it
      // (a waiting registration, an unverified `default` registration, a QingCloud sub-account)
      // lose it, so a squatter never keeps its owner out.
      for (const other of others) await dropEmailClaim(ctx, other.id, link.email);
    }
    // JD: the email becomes a login identifier only if no other account has it as one.
    const loginable = await isFirstHolder(ctx, 'email', link.email, current.id);
    try {
      return await ctx.store.accounts.update(
        current.id,
        (record) => ({
          ...record,
          email: link.email,
          emailVerified: true,
          emailLoginable: loginable,
          ...(link.purpose === 'activate' && { status: 'active' as const }),
        }),
        { emailUnique: ctx.preset.emailUnique },
      );
    } catch (error) {
      if (error instanceof StoreConflictError)
        fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      throw error;
    }
  });
  if (!account) expired();

  if (link.purpose === 'activate') {
    const missing = missingProfileFields(account, ctx.preset);
    if (missing.length > 0) {
      // A ticket that travels in the address is bound to the registering tab's secret; one in
      // a JSON answer goes to whoever holds the link, as the link itself does.
      const flowHash = options.addressBorne ? link.flowHash : undefined;
      return { answer: await needsProfile(ctx, account, missing, link.returnTo, flowHash), link };
    }
  }
  return { answer: { status: 'verified', account: toPublicAccount(account, ctx.preset) }, link };
}

/** Takes an unproven `email` off an account (it stays otherwise as it was). */
async function dropEmailClaim(ctx: ProviderContext, accountId: string, email: string): Promise<void> {
  await ctx.store.accounts.update(accountId, (record) => {
    if (record.email !== email || record.emailVerified) return record;
    const { email: _dropped, ...rest } = record;
    return { ...rest, emailLoginable: false };
  });
}
