/**
 * The end of a first third-party login (docs/flows.md#third-party-login) that binds no existing
 * account: a new account, bound to the identity, created under the phone's and email's locks.
 */
import type { Context } from 'hono';
import { newId } from '../crypto.ts';
import type { AccountRecord } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { sendEmailLink } from './email-links.ts';
import type { SignInAnswer } from './login.ts';
import { isFirstHolder } from './register.ts';
import { startSession } from './sessions.ts';
import type { ConnectionTicket } from './tickets.ts';

export function phoneLimit(): never {
  fail('phone_account_limit', 'This phone number already has the most accounts allowed.', { field: 'phone' });
}

/** Creates the account the first-time flow collected, bound to the identity, and signs it in. */
export async function create(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: ConnectionTicket,
  fields: Partial<AccountRecord>,
): Promise<SignInAnswer> {
  const { provider, preset, store } = ctx;
  const phone = data.phone;
  const email = data.email;
  const locks = [
    ...(phone ? [`phone:${provider}:${phone}`] : []),
    ...(email ? [`email:${provider}:${email}`] : []),
  ];
  const record = await ctx.locks.run(locks, async () => {
    const now = isoNow(ctx);
    const record: AccountRecord = {
      id: newId(),
      provider,
      kind: 'main',
      ...(phone !== undefined && { phone }),
      phoneLoginable: phone !== undefined && (await isFirstHolder(ctx, 'phone', phone)),
      // An email given here is verified by its link before it becomes a login identifier.
      ...(email !== undefined && { email }),
      emailVerified: false,
      emailLoginable: false,
      connections: [{ idp: data.idp, subject: data.subject, boundAt: now }],
      legacy: false,
      status: 'active',
      ...fields,
      createdAt: now,
      updatedAt: now,
    };
    const created = await store.accounts.create(record, {
      emailUnique: preset.emailUnique,
      maxAccountsPerPhone: preset.maxAccountsPerPhone,
    });
    if (!created.ok) {
      switch (created.conflict) {
        case 'accountName':
          fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
        case 'email':
          fail('email_taken', 'This email is already used by another account.', { field: 'email' });
        case 'phoneLimit':
          phoneLimit();
        case 'connection':
          fail('already_bound', 'This login was bound to another account meanwhile; sign in again.');
      }
    }
    return record;
  });
  if (email !== undefined)
    await sendEmailLink(c, ctx, {
      accountId: record.id,
      email,
      purpose: 'verify',
      ...(data.returnTo !== undefined && { returnTo: data.returnTo }),
    });
  return startSession(c, ctx, record, data.returnTo);
}
