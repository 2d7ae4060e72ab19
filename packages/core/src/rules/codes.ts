/**
 * The codes the rules produce. Each is the `code` of a `validation_failed` issue (the HTTP
 * contract in packages/server/README.md) and the key of its message in `messages/`, so the
 * elements localise a server answer and their own checks alike. No imports: the message
 * catalogue reads this module, and the rules read the catalogue.
 */
export const ACCOUNT_NAME_RULES = [
  'account_name_length',
  'account_name_chars',
  'account_name_digits_only',
] as const;
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
  'recommendation_code_format',
  // Only the server can judge it (it has the hash): a reset's new password equals the current one.
  'password_reused',
  // For callers: the checks judge a value's form; whether a field may be empty is the
  // registration step's business (presets' `steps[].optional`).
  'field_required',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
