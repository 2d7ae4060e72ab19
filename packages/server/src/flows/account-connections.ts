/**
 * Account security for third-party logins: binding one to a signed-in account
 * (docs/flows.md#bind-a-third-party-login), unbinding one
 * (docs/flows.md#unbind-a-third-party-login) and the legacy JD account's upgrade
 * (docs/flows.md#legacy-jd-accounts).
 */
import type { Account, FieldIssue, Idp, UpgradeRequest } from '@cloud-login/core';
import { IDPS } from '@cloud-login/core';
import { hashPassword } from '../passwords.ts';
import { StoreConflictError, type AccountRecord, type Frozen } from '../store/types.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { loginIdentifiersOf, toPublicAccount } from './accounts.ts';
import { accountNameKey, findAccountByNameAlike } from './account-names.ts';
import { isoNow, type ProviderContext } from '../context.ts';
import { take } from './connection-fields.ts';
import { accountNameField, must, passwordField } from './fields.ts';

export function isIdp(value: string): value is Idp {
  return (IDPS as readonly string[]).includes(value);
}

/**
 * `POST /account/connections` (docs/flows.md#bind-a-third-party-login): adds the identity of a
 * `bind-identity` ticket to the account. Refused: `legacy_account_cannot_bind` (a legacy JD
 * account, until upgraded), `already_bound` (the account has another identity of that provider,
 * or the identity belongs to another account). Resolves with the account as it is now, and
 * whether anything changed (the same identity again changes nothing).
 */
export async function bindConnection(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  identity: { idp: Idp; subject: string },
): Promise<{ account: Frozen<AccountRecord>; changed: boolean }> {
  if (account.legacy)
    fail(
      'legacy_account_cannot_bind',
      'This older JD account must be upgraded (account name and password) before it can bind another login.',
    );
  const other = (record: Frozen<AccountRecord>) =>
    record.connections.some((c) => c.idp === identity.idp && c.subject !== identity.subject);
  const refuse = (): never =>
    fail('already_bound', 'This account is already bound to another identity of this provider.');
  if (other(account)) refuse();
  let changed = false;
  let updated: Frozen<AccountRecord> | undefined;
  try {
    updated = await ctx.store.accounts.update(account.id, (record) => {
      if (other(record)) refuse();
      if (record.connections.some((c) => c.idp === identity.idp)) return record;
      changed = true;
      return {
        ...record,
        connections: [...record.connections, { ...identity, boundAt: isoNow(ctx) }],
      };
    });
  } catch (error) {
    // The identity signs in to another account: one identity, one account.
    if (error instanceof StoreConflictError && error.conflict === 'connection')
      fail('already_bound', 'This login is already bound to another account.');
    throw error;
  }
  if (!updated) fail('unauthenticated', 'The account is no longer available.');
  return { account: updated, changed };
}

/**
 * `DELETE /account/connections/{idp}` (docs/flows.md#unbind-a-third-party-login): allowed only when the account can still sign in
 * afterwards — it has a password and a password login identifier, or another connection. A
 * legacy JD account signs in only through JD, so it upgrades first.
 */
export async function unbindConnection(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  idp: string,
): Promise<void> {
  checkUnbind(ctx, account, idp);
  await ctx.store.accounts.update(account.id, (record) => ({
    ...record,
    connections: record.connections.filter((connection) => connection.idp !== idp),
  }));
}

/** Why `idp` cannot be unbound (`not_found`, `password_required`), answered before any proof is asked for. */
export function checkUnbind(ctx: ProviderContext, account: Frozen<AccountRecord>, idp: string): void {
  if (!isIdp(idp) || !account.connections.some((connection) => connection.idp === idp))
    fail('not_found', 'This login is not bound to the account.');
  const others = account.connections.filter((connection) => connection.idp !== idp);
  const canUsePassword =
    account.passwordHash !== undefined && loginIdentifiersOf(account, ctx.preset).length > 0;
  if (!canUsePassword && others.length === 0) {
    const message = account.legacy
      ? 'Upgrade the account (account name and password) before unbinding.'
      : account.passwordHash === undefined
        ? 'Set a password before unbinding, so you can still sign in.'
        : 'The password has no identifier to sign in with yet (verify the email first); unbinding would lock the account.';
    fail('password_required', message);
  }
}

/**
 * `POST /account/upgrade` (docs/flows.md#legacy-jd-accounts): a legacy JD account chooses an account name and password and
 * becomes an ordinary account (password login works from then on; JD login stays bound).
 */
export async function upgradeLegacy(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  body: UpgradeRequest,
): Promise<Account> {
  if (!account.legacy) fail('method_disabled', 'Only an older JD account can be upgraded.');
  const issues: FieldIssue[] = [];
  const accountName = take(issues, accountNameField(ctx.preset, 'accountName', body.accountName));
  const password = take(issues, passwordField(ctx.preset, 'password', body.password, body.accountName));
  if (issues.length > 0) invalid(issues);
  const nameKey = accountNameKey(accountName!);
  if (await findAccountByNameAlike(ctx, accountName!))
    fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
  const passwordHash = await hashPassword(password!);
  try {
    const updated = await ctx.store.accounts.update(account.id, (record) => ({
      ...record,
      accountName: accountName!,
      accountNameKey: nameKey,
      passwordHash,
      legacy: false,
    }));
    if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
    return toPublicAccount(updated, ctx.preset);
  } catch (error) {
    if (error instanceof StoreConflictError && error.conflict === 'accountName')
      fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
    throw error;
  }
}

/**
 * `PUT /account/name`: the owner's own account name in place of the one generated when a
 * third-party login created the account (002); once, since the name then identifies the account.
 * Proven like every sensitive change (the route asks `requireReauth` first).
 */
export async function renameGenerated(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  body: { accountName: string },
): Promise<Account> {
  if (!account.accountNameGenerated || !ctx.preset.accountName)
    fail('method_disabled', 'Only a generated account name can be changed, once.', { field: 'accountName' });
  const accountName = must(accountNameField(ctx.preset, 'accountName', body.accountName));
  if (await findAccountByNameAlike(ctx, accountName))
    fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
  try {
    const updated = await ctx.store.accounts.update(account.id, (record) => {
      const { accountNameGenerated: _made, ...rest } = record;
      return { ...rest, accountName, accountNameKey: accountNameKey(accountName) };
    });
    if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
    return toPublicAccount(updated, ctx.preset);
  } catch (error) {
    if (error instanceof StoreConflictError && error.conflict === 'accountName')
      fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
    throw error;
  }
}
