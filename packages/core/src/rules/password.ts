/**
 * Password rules, as the preset's policy asks for them, with the common-password list passed in
 * (`…With`): the browser loads the list as a chunk of its own (`loadCommonPasswords`) and only
 * for the `default` preset's new passwords. `checkPassword` / `passwordChecklist`, with the list
 * built in, are in `password-checks.ts`, which `rules/index.ts` does not re-export: a bundle that
 * imports the rules must not carry the list.
 */
import type { CharClass } from '../presets/data.ts';
import type { PasswordPolicy } from '../presets/schema.ts';
import { normalizeAccountName } from './account-name.ts';
import { codePoints, firstFailure, type Check, type ChecklistEntry } from './check.ts';
import type { PasswordRule } from './codes.ts';

const CLASS_PATTERN: Record<CharClass, RegExp> = {
  letter: /\p{L}/u,
  digit: /\p{Nd}/u,
  // Anything visible that is neither a letter nor a digit: punctuation, symbols, marks.
  symbol: /[^\p{L}\p{Nd}\p{Z}\p{C}\s]/u,
};
const CLASS_RULE: Record<CharClass, PasswordRule> = {
  letter: 'password_letter',
  digit: 'password_digit',
  symbol: 'password_symbol',
};
/** Printable ASCII without space: JD's "English symbols other than spaces". */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

export function charClassesOf(password: string): Set<CharClass> {
  const found = new Set<CharClass>();
  for (const cls of ['letter', 'digit', 'symbol'] as const)
    if (CLASS_PATTERN[cls].test(password)) found.add(cls);
  return found;
}

export interface PasswordContext {
  /** The account name being registered (or the account's), for `notEqualAccountName`. */
  accountName?: string | undefined;
}

/**
 * Whether a password is on the common-password list (`rejectCommon`): `true` or `false`, or
 * `undefined` while the list is not loaded.
 */
export type CommonPasswordCheck = (password: string) => boolean | undefined;

/**
 * One entry per rule the policy has, in display order, so a UI can tick them off as the user
 * types. Rules the policy lacks are left out rather than shown as met. Rules that forbid
 * something (`chars`, `account_name`, `common`) are unmet while the password is empty, so no
 * box is ticked before the user has typed anything.
 *
 * `isCommon` judges `rejectCommon`: the browser, where only the `default` preset's new-password
 * fields need the list, passes `commonPasswordCheck`; while it answers `undefined` (list still
 * loading), `password_common` is `pending`.
 */
export function passwordChecklistWith(
  isCommon: CommonPasswordCheck,
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): ChecklistEntry<PasswordRule>[] {
  const n = codePoints(password);
  const typed = n > 0;
  const classes = charClassesOf(password);
  const list: ChecklistEntry<PasswordRule>[] = [
    {
      rule: 'password_length',
      met: n >= policy.min && n <= policy.max,
      enforced: true,
      params: { min: policy.min, max: policy.max },
    },
  ];
  if (policy.asciiOnly)
    list.push({ rule: 'password_chars', met: typed && PRINTABLE_ASCII.test(password), enforced: true });
  for (const cls of policy.requiredClasses)
    list.push({ rule: CLASS_RULE[cls], met: classes.has(cls), enforced: true });
  // JD requires all three classes, which already implies "three kinds": don't list it twice.
  if (policy.minClasses > policy.requiredClasses.length) {
    list.push({
      rule: 'password_kinds',
      met: classes.size >= policy.minClasses,
      enforced: policy.minClassesEnforced,
      params: { count: policy.minClasses },
    });
  }
  if (policy.notEqualAccountName) {
    const name = context.accountName ?? '';
    // Compared like names are (NFKC + case-fold): `Alice-1` is no better a password for `alice-1`.
    const same = name !== '' && normalizeAccountName(password) === normalizeAccountName(name);
    list.push({ rule: 'password_account_name', met: typed && !same, enforced: true });
  }
  if (policy.rejectCommon) {
    const common = typed ? isCommon(password) : undefined;
    list.push(
      typed && common === undefined
        ? { rule: 'password_common', met: false, enforced: true, pending: true }
        : { rule: 'password_common', met: typed && !common, enforced: true },
    );
  }
  return list;
}

/**
 * The first failing enforced rule, or ok. Recommendations (classic's two kinds) and `pending`
 * lines never fail.
 */
export function checkPasswordWith(
  isCommon: CommonPasswordCheck,
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): Check<PasswordRule> {
  return firstFailure(passwordChecklistWith(isCommon, password, policy, context));
}

let commonList: ((password: string) => boolean) | undefined;
let commonLoading: Promise<void> | undefined;

/**
 * Loads the common-password list (`common-passwords.ts`, a chunk of its own in a browser
 * bundle); once it resolves, `commonPasswordCheck` answers. A failed load (offline) may be
 * retried by calling again.
 */
export function loadCommonPasswords(): Promise<void> {
  commonLoading ??= import('../common-passwords.ts').then(
    (module) => {
      commonList = module.isCommonPassword;
    },
    (error: unknown) => {
      commonLoading = undefined;
      throw error;
    },
  );
  return commonLoading;
}

/** The list's answer once `loadCommonPasswords()` has resolved, `undefined` before. */
export const commonPasswordCheck: CommonPasswordCheck = (password) => commonList?.(password);
