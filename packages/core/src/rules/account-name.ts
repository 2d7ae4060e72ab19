/**
 * Account names: which characters, how long, and the key two names are compared by. The
 * registration form ticks these off as the user types; the server checks the same before it
 * writes.
 */
import type { AccountNamePolicy } from '../presets/schema.ts';
import { codePoints, firstFailure, type Check, type ChecklistEntry } from './check.ts';
import type { AccountNameRule } from './codes.ts';

// "English letters" (000/002), so ASCII only; CJK means Han ideographs, not kana or hangul.
const NAME_CJK = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;
const NAME_ASCII = /^[A-Za-z0-9_-]*$/;
const DIGITS = /^[0-9]+$/;

/**
 * The key two names are compared by for uniqueness (docs/presets.md): NFKC folds full-width and
 * compatibility forms (`ＡＢＣ` → `ABC`), then lower case, so `Alice` and `ａｌｉｃｅ` collide.
 * Store the name as typed for display and this key for the unique index.
 */
export function normalizeAccountName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export function accountNameChecklist(
  name: string,
  policy: AccountNamePolicy,
): ChecklistEntry<AccountNameRule>[] {
  const n = codePoints(name);
  const list: ChecklistEntry<AccountNameRule>[] = [
    {
      rule: 'account_name_length',
      met: n >= policy.min && n <= policy.max,
      enforced: true,
      params: { min: policy.min, max: policy.max },
    },
    // An empty name has no bad characters yet, but ticking the box before typing would mislead.
    {
      rule: 'account_name_chars',
      met: n > 0 && (policy.allowCjk ? NAME_CJK : NAME_ASCII).test(name),
      enforced: true,
    },
  ];
  // A digits-only name would be mistaken for a phone number by the identifier field of password login (docs/flows.md#password-login).
  if (policy.forbidDigitsOnly)
    list.push({ rule: 'account_name_digits_only', met: n > 0 && !DIGITS.test(name), enforced: true });
  return list;
}

/**
 * Checks the name as typed. Full-width letters are rejected rather than silently folded, so
 * what the user sees is what they will type at login.
 */
export function checkAccountName(name: string, policy: AccountNamePolicy): Check<AccountNameRule> {
  return firstFailure(accountNameChecklist(name, policy));
}
