/**
 * The preset's rules as pure functions: account name, password, email, verification code.
 * The elements call them on every keystroke (live hints) and the server calls the same ones
 * before it writes anything, so a rule has one implementation and one code.
 *
 * Each rule has a stable snake_case code. It is the `code` of a `validation_failed` issue
 * (API.md) and the key of its message in `messages/`, so the elements can localise a server
 * answer and their own checks alike.
 *
 * No DOM, no Node APIs: this module runs in the browser and on the server.
 *
 * Browser bundles import this module, so it stays light: the email check is zod's email pattern
 * rather than a zod schema (the schema machinery is most of zod's weight), and the
 * common-password list is not imported here. `passwordChecklist` / `checkPassword` (list built
 * in, for the server) come from `password-checks.ts`; the browser uses the `…With` variants and
 * loads the list as a chunk of its own with `loadCommonPasswords()` (see "Passwords").
 */
import type { FieldIssue } from './errors.ts';
import { format, type MessageKey, type MessageParams } from './messages/index.ts';
import type { AccountNamePolicy, CharClass, PasswordPolicy } from './presets.ts';

export const ACCOUNT_NAME_RULES = ['account_name_length', 'account_name_chars', 'account_name_digits_only'] as const;
export type AccountNameRule = (typeof ACCOUNT_NAME_RULES)[number];

/** In the order a checklist shows them; the first unmet enforced one is the error. */
export const PASSWORD_RULES = [
  'password_length',
  'password_chars',
  'password_letter',
  'password_digit',
  'password_symbol',
  'password_kinds',
  'password_account_name',
  'password_common',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export const PHONE_RULES = ['phone_invalid', 'phone_region_not_allowed'] as const;
export type PhoneRule = (typeof PHONE_RULES)[number];

/** Every code a field check can produce: the `code`s of `validation_failed` issues. */
export const RULE_CODES = [
  ...ACCOUNT_NAME_RULES,
  ...PASSWORD_RULES,
  ...PHONE_RULES,
  'email_invalid',
  'code_format',
  // Only the server can judge it (it has the hash): a reset's new password equals the current one.
  'password_reused',
  // For callers: the checks below judge a value's form; whether a field may be empty is the
  // registration step's business (presets' `steps[].optional`).
  'field_required',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** The outcome of one check: ok, or the first failing rule with what its message needs. */
export type Check<C extends string = RuleCode> = { ok: true } | { ok: false; code: C; params?: MessageParams };

/**
 * One line of a live checklist. `enforced: false` is a recommendation: it ticks, never rejects.
 * `pending`: the line cannot be judged yet (the common-password list is still loading); it shows
 * unticked but does not fail the check — the server, which always has the list, decides.
 */
export interface ChecklistEntry<R extends string> {
  rule: R;
  met: boolean;
  enforced: boolean;
  pending?: true;
  params?: MessageParams;
}

const OK = { ok: true } as const;

/** First unmet enforced entry, so the error and the checklist can never disagree. */
function firstFailure<R extends string>(list: readonly ChecklistEntry<R>[]): Check<R> {
  const failed = list.find((entry) => entry.enforced && !entry.met && !entry.pending);
  if (!failed) return OK;
  return failed.params ? { ok: false, code: failed.rule, params: failed.params } : { ok: false, code: failed.rule };
}

/** Length in code points: a CJK character or an emoji counts once, as a user would count it. */
function length(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Account names

// "English letters" (000/002), so ASCII only; CJK means Han ideographs, not kana or hangul.
const NAME_CJK = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;
const NAME_ASCII = /^[A-Za-z0-9_-]*$/;
const DIGITS = /^[0-9]+$/;

/**
 * The key two names are compared by for uniqueness (SPEC §1, ours): NFKC folds full-width and
 * compatibility forms (`ＡＢＣ` → `ABC`), then lower case, so `Alice` and `ａｌｉｃｅ` collide.
 * Store the name as typed for display and this key for the unique index.
 */
export function normalizeAccountName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export function accountNameChecklist(name: string, policy: AccountNamePolicy): ChecklistEntry<AccountNameRule>[] {
  const n = length(name);
  const list: ChecklistEntry<AccountNameRule>[] = [
    { rule: 'account_name_length', met: n >= policy.min && n <= policy.max, enforced: true, params: { min: policy.min, max: policy.max } },
    // An empty name has no bad characters yet, but ticking the box before typing would mislead.
    { rule: 'account_name_chars', met: n > 0 && (policy.allowCjk ? NAME_CJK : NAME_ASCII).test(name), enforced: true },
  ];
  // A digits-only name would be mistaken for a phone number by the identifier field (F5).
  if (policy.forbidDigitsOnly) list.push({ rule: 'account_name_digits_only', met: n > 0 && !DIGITS.test(name), enforced: true });
  return list;
}

/**
 * Checks the name as typed. Full-width letters are rejected rather than silently folded, so
 * what the user sees is what they will type at login.
 */
export function checkAccountName(name: string, policy: AccountNamePolicy): Check<AccountNameRule> {
  return firstFailure(accountNameChecklist(name, policy));
}

// ---------------------------------------------------------------------------------------------
// Passwords

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
  for (const cls of ['letter', 'digit', 'symbol'] as const) if (CLASS_PATTERN[cls].test(password)) found.add(cls);
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

// `passwordChecklist(password, policy, context)` and `checkPassword(…)`: the functions below
// with core's list (`common-passwords.ts`) built in. They live in a module of their own so that a
// bundle importing this one does not carry the list; this module re-exports them.
export { checkPassword, passwordChecklist } from './password-checks.ts';

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
  const n = length(password);
  const typed = n > 0;
  const classes = charClassesOf(password);
  const list: ChecklistEntry<PasswordRule>[] = [
    { rule: 'password_length', met: n >= policy.min && n <= policy.max, enforced: true, params: { min: policy.min, max: policy.max } },
  ];
  if (policy.asciiOnly) list.push({ rule: 'password_chars', met: typed && PRINTABLE_ASCII.test(password), enforced: true });
  for (const cls of policy.requiredClasses) list.push({ rule: CLASS_RULE[cls], met: classes.has(cls), enforced: true });
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
  commonLoading ??= import('./common-passwords.ts').then(
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

/**
 * The message key of a checklist line: its rule's hint, or the softer wording for a rule that
 * is only recommended.
 */
export function hintKey(entry: ChecklistEntry<AccountNameRule | PasswordRule>): MessageKey {
  if (entry.rule === 'password_kinds' && !entry.enforced) return 'hint.password_kinds_recommended';
  return `hint.${entry.rule}`;
}

// ---------------------------------------------------------------------------------------------
// Email and verification codes

// zod 4's email pattern (`z.regexes.email`, what `z.email()` checks), copied rather than imported:
// importing it pulls in zod's util module, about 2.5 KB gzip in the browser for one regex.
// rules.test.ts fails if zod's pattern ever changes.
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** Trim + lower case: the form emails are stored, compared and sent to. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks the trimmed address with zod's email pattern (ASCII domains; 254 characters at most). */
export function checkEmail(email: string): Check<'email_invalid'> {
  const value = email.trim();
  return value.length <= 254 && EMAIL_PATTERN.test(value) ? OK : { ok: false, code: 'email_invalid' };
}

/** A code is exactly `length` ASCII digits (SPEC §3: 6). */
export function checkCode(code: string, length: number): Check<'code_format'> {
  return new RegExp(`^[0-9]{${length}}$`).test(code.trim()) ? OK : { ok: false, code: 'code_format', params: { count: length } };
}

// ---------------------------------------------------------------------------------------------
// Issues for `validation_failed`

/** One `validation_failed` issue with its English message (logs; the elements localise by code). */
export function issue(path: string, code: RuleCode, params?: MessageParams): FieldIssue {
  return { path, code, message: format('en', code, params) };
}

/** The issue a failed check makes for `path`, or `undefined` when the check passed. */
export function toIssue(path: string, check: Check<RuleCode>): FieldIssue | undefined {
  return check.ok ? undefined : issue(path, check.code, check.params);
}
