/**
 * English messages, base part: what a login page can show on its first screens — the errors the
 * sign-in endpoints answer, the sign-in fields' rule codes, labels and actions, the sign-in
 * methods. The rest of the catalogue is split by the flows that show it, so a login page never
 * downloads it: `password.ts` (a new password's rules and checklist), `account.ts` (what
 * registration, the profile steps and account security share), `register.ts`, `security.ts`,
 * `qr.ts`, and `extra.ts` (keys no element shows). `index.ts` assembles them into `MESSAGES`.
 *
 * `zh-CN.ts` must have exactly the same keys with the same `{placeholders}` (the compiler checks
 * the keys, `messages.test.ts` the placeholders). Keys: error codes of the API and the client
 * (bare), rule codes of `rules.ts` (bare, they are the codes of `validation_failed` issues),
 * `hint.*` for hints under a field, and UI strings (`label.*`, `action.*`, `method.*`, `flow.*`).
 */
export const en = {
  // --- API error codes a sign-in can meet (errors.ts) --------------------------------------------
  validation_failed: 'Some fields need your attention.',
  invalid_code: 'The verification code is incorrect.',
  code_expired: 'The verification code has expired. Get a new one.',
  invalid_credentials: 'The account or password is incorrect.',
  unauthenticated: 'Please log in first.',
  // 000, word for word where it can be.
  identifier_not_loginable:
    'This phone number/email cannot be used to log in. Use your account name, or JD login if your account is an older JD account.',
  use_parent_login: 'This is an older JD account that has not been upgraded. Log in with JD login.',
  origin_not_allowed: 'This website is not allowed to use this sign-in service.',
  method_disabled: 'This sign-in method is not available.',
  not_found: 'Not found.',
  phone_account_limit: 'This phone number is already linked to {count} accounts, the most allowed.',
  already_bound:
    'This account is already bound to another account of the same kind (for example another WeChat account).',
  legacy_account_cannot_bind:
    'Your account is an older JD account and can only log in with JD login. Upgrade it to a JD Cloud account before binding WeChat.',
  ticket_expired: 'This step has timed out. Please start again.',
  unsupported_media_type: 'The request format is not supported.',
  rate_limited: 'Too many requests. Try again in {seconds} s.',
  code_cooldown: 'A code was just sent. You can get another one in {seconds} s.',
  too_many_attempts: 'Too many failed attempts. Get a new code or try again later.',
  server_busy: 'The server is busy. Try again in a moment.',
  host_not_allowed: 'This address may not use this server.',

  // --- Contextual variants: `{code}.{field}`, for an error whose `field` says more (messageKeyFor) ---
  'not_found.phone': 'No account uses this phone number. Register first.',

  // --- Waits: `{code}.wait` takes formatRetry()'s humanised retryAfter ("45 s", "15 min", "11 h") ---
  'rate_limited.wait': 'Too many requests. Try again in {wait}.',
  'code_cooldown.wait': 'A code was just sent. You can get another one in {wait}.',
  'retry.seconds': '{seconds} s',
  'retry.minutes': '{minutes} min',
  'retry.hours': '{hours} h',

  // --- Client error codes ------------------------------------------------------------------------
  network_error: 'Cannot reach the server. Check your connection and try again.',
  unexpected_response: 'Something went wrong. Please try again later.',

  // --- Rule codes of the sign-in fields (validation_failed issues) -------------------------------
  phone_invalid: 'Enter a valid phone number.',
  phone_region_not_allowed: 'Phone numbers from this country or region are not supported.',
  email_invalid: 'Enter a valid email address.',
  code_format: 'Enter the {count}-digit code.',
  field_required: 'This field is required.',

  // --- Hints -------------------------------------------------------------------------------------
  'hint.phone_steer_email': 'Outside mainland China? We recommend registering with email.',

  // --- Field labels ------------------------------------------------------------------------------
  'label.password': 'Password',
  'label.phone': 'Phone number',
  'label.region': 'Country/region',
  'label.code': 'Verification code',
  'label.email': 'Email',

  // --- Actions -----------------------------------------------------------------------------------
  'action.login': 'Log in',
  'action.back': 'Back',
  'action.cancel': 'Cancel',
  'action.getCode': 'Get code',
  'action.resend': 'Resend',
  'action.resendIn': 'Resend in {seconds} s',
  'action.voiceCode': 'No SMS? Get a voice call',
  'action.showPassword': 'Show password',
  'action.hidePassword': 'Hide password',
  'action.createAccount': 'Create a new account',
  /** 002: an account offered for a third-party login to bind to. */
  'action.bindAndLogin': 'Bind and log in',

  // --- Sign-in methods (presets' `methods.login`) ------------------------------------------------
  'method.qr': 'Scan to log in',
  'method.password': 'Password login',
  'method.sms': 'SMS login',
  'method.subaccount': 'Sub-account login',
  'method.iam': 'IAM user login',
  'method.jd': 'JD login',
  'method.wechat': 'WeChat login',
  'method.wechat-mp': 'WeChat Official Account login',
  'method.qq': 'QQ login',
  'method.passkeys': 'Passkey login',

  // --- Flow messages -----------------------------------------------------------------------------
  'flow.chooseAccount': 'Choose the account to log in to',
  'flow.bindOrCreate': 'Bind this login to one of your accounts, or create a new one.',
} as const;

export type BaseKey = keyof typeof en;
export type BaseMessages = { readonly [K in BaseKey]: string };
