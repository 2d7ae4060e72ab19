/**
 * The end of a first third-party login (docs/flows.md#third-party-login) that binds no existing
 * account: a new account, bound to the identity, created under the phone's and email's locks —
 * from the preset's create form, or at once where that form has no fields (002).
 */
import type { Context } from 'hono';
import { randomInt } from 'node:crypto';
import type { Idp } from '@cloud-login/core';
import { newId } from '../crypto.ts';
import type { AccountRecord } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { sendEmailLink } from './email-links.ts';
import type { SignInAnswer } from './login.ts';
import { accountNameKey, findAccountByNameAlike } from './account-names.ts';
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
      connections: [
        {
          idp: data.idp,
          subject: data.subject,
          boundAt: now,
          ...(data.nickname !== undefined && { nickname: data.nickname }),
        },
      ],
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

const NAME_PREFIX: Record<Idp, string> = { wechat: 'wx', 'wechat-mp': 'mp', qq: 'qq', jd: 'jd' };
const NAME_LETTERS = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A free account name for an account created at a third-party login: the provider's two letters,
 * `_`, then random letters and digits (never digits only, within JD's 4–20), e.g. `wx_k3m9q2ta7c`.
 */
async function generatedAccountName(ctx: ProviderContext, idp: Idp): Promise<string | undefined> {
  const policy = ctx.preset.accountName;
  if (!policy) return undefined;
  const length = Math.max(4, Math.min(policy.max, 13)) - 3;
  for (let tries = 0; tries < 5; tries++) {
    let name = `${NAME_PREFIX[idp]}_`;
    for (let i = 0; i < length; i++) name += NAME_LETTERS[randomInt(NAME_LETTERS.length)];
    if (!(await findAccountByNameAlike(ctx, name))) return name;
  }
  fail('account_name_taken', 'No free account name could be made; try again.');
}

/**
 * The account a first third-party login creates without asking (002: "或为你自动创建一个京东云账号"):
 * a generated account name the owner may change once, no password (set later in account
 * security), the agreements accepted at the phone step. Signed in at once.
 */
export async function createAutomatically(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: ConnectionTicket,
): Promise<SignInAnswer> {
  const accountName = await generatedAccountName(ctx, data.idp);
  return create(c, ctx, data, {
    ...(accountName !== undefined && {
      accountName,
      accountNameKey: accountNameKey(accountName),
      accountNameGenerated: true,
    }),
    ...(data.agreements !== undefined && { agreements: data.agreements }),
  });
}
