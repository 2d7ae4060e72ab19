/**
 * Account-name uniqueness by look-alike skeleton (core's `accountNameSkeleton`): `victim〇1`
 * finds, and is refused as, `victim01`. Accounts stored before the skeleton was the key keep
 * their NFKC + lower-case key, so a lookup tries that too when it differs.
 */
import { accountNameSkeleton } from '@cloud-login/core/confusables';
import { normalizeAccountName } from '@cloud-login/core/rules';
import type { AccountRecord } from '../store/types.ts';
import type { ProviderContext } from '../context.ts';

/** The key a new or renamed account is stored under. */
export const accountNameKey = accountNameSkeleton;

/** The account holding `name` or a look-alike of it. */
export async function findAccountByNameAlike(
  ctx: Pick<ProviderContext, 'store' | 'provider'>,
  name: string,
): Promise<AccountRecord | undefined> {
  const key = accountNameSkeleton(name);
  const found = await ctx.store.accounts.findByName(ctx.provider, key);
  if (found) return found;
  const older = normalizeAccountName(name);
  return older === key ? undefined : ctx.store.accounts.findByName(ctx.provider, older);
}
