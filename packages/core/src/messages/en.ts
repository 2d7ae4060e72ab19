/**
 * English messages. This catalogue defines the keys: `zh-CN.ts` must have exactly the same
 * ones with the same `{placeholders}` (the compiler checks the keys, `messages.test.ts` the
 * placeholders).
 *
 * Keys: error codes of the API and the client (bare), rule codes of `rules.ts` (bare, they are
 * the codes of `validation_failed` issues), `hint.*` for live checklist lines, and the few UI
 * strings every element shares (`label.*`, `action.*`, `method.*`, `qr.*`, `step.*`, …).
 */
import type { ClientErrorCode, ErrorCode } from '../errors.ts';
import type { LoginMethod, RegisterMethod, RegisterStep } from '../presets.ts';
import type { RuleCode } from '../rules.ts';

export const en = {
  // --- API error codes (errors.ts) ----------------------------------------------------------
  validation_failed: 'Some fields need your attention.',
  invalid_code: 'The verification code is incorrect.',
  code_expired: 'The verification code has expired. Get a new one.',
  agreements_required: 'Please read and accept the agreements to continue.',
  invalid_credentials: 'The account or password is incorrect.',
  unauthenticated: 'Please log in first.',
  // 000, word for word where it can be.
  identifier_not_loginable:
    'This phone number/email cannot be used to log in. Use your account name, or JD login if your account is an older JD account.',
  use_parent_login: 'This is an older JD account that has not been upgraded. Log in with JD login.',
  origin_not_allowed: 'This website is not allowed to use this sign-in service.',
  method_disabled: 'This sign-in method is not available.',
  not_found: 'Not found.',
  account_name_taken: 'This account name is already taken. Choose another one.',
  email_taken: 'This email is already in use.',
  phone_account_limit: 'This phone number is already linked to {count} accounts, the most allowed.',
  already_bound: 'This account is already bound to another account of the same kind (for example another WeChat account).',
  legacy_account_cannot_bind:
    'Your account is an older JD account and can only log in with JD login. Upgrade it to a JD Cloud account before binding WeChat.',
  password_required: 'Set a login password first, so you can still log in after unbinding.',
  ticket_expired: 'This step has timed out. Please start again.',
  link_expired: 'This link has expired or has already been used.',
  qr_expired: 'The QR code has expired. Refresh it.',
  unsupported_media_type: 'The request format is not supported.',
  rate_limited: 'Too many requests. Try again in {seconds} s.',
  code_cooldown: 'A code was just sent. You can get another one in {seconds} s.',
  too_many_attempts: 'Too many failed attempts. Get a new code or try again later.',

  // --- Contextual variants: `{code}.{field}`, for an error whose `field` says more (messageKeyFor)
  'not_found.phone': 'No account uses this phone number. Register first.',
  'code_cooldown.email': 'A verification email was just sent. You can send another in {seconds} s.',

  // --- Waits: `{code}.wait` takes formatRetry()'s humanised retryAfter ("45 s", "15 min", "11 h")
  'rate_limited.wait': 'Too many requests. Try again in {wait}.',
  'code_cooldown.wait': 'A code was just sent. You can get another one in {wait}.',
  'retry.seconds': '{seconds} s',
  'retry.minutes': '{minutes} min',
  'retry.hours': '{hours} h',

  // --- Client error codes -------------------------------------------------------------------
  network_error: 'Cannot reach the server. Check your connection and try again.',
  unexpected_response: 'Something went wrong. Please try again later.',

  // --- Rule codes (validation_failed issues) -------------------------------------------------
  account_name_length: 'The account name must be {min}–{max} characters long.',
  account_name_chars: 'The account name can only contain Chinese characters, letters, digits, “-” and “_”.',
  account_name_digits_only: 'The account name cannot be digits only.',
  password_length: 'The password must be {min}–{max} characters long.',
  password_chars: 'The password can only contain English letters, digits and symbols, without spaces.',
  password_letter: 'The password must contain a letter.',
  password_digit: 'The password must contain a digit.',
  password_symbol: 'The password must contain a symbol.',
  password_kinds: 'The password must contain at least {count} of these: letters, digits, symbols.',
  password_account_name: 'The password cannot be the same as the account name.',
  password_common: 'This password is too common and easy to guess. Choose another one.',
  phone_invalid: 'Enter a valid phone number.',
  phone_region_not_allowed: 'Phone numbers from this country or region are not supported.',
  email_invalid: 'Enter a valid email address.',
  code_format: 'Enter the {count}-digit code.',
  field_required: 'This field is required.',

  // --- Checklist hints (tick as they are met) ------------------------------------------------
  'hint.account_name_length': '{min}–{max} characters',
  'hint.account_name_chars': 'Chinese characters, letters, digits, “-” or “_”',
  'hint.account_name_digits_only': 'Not digits only',
  'hint.password_length': '{min}–{max} characters',
  'hint.password_chars': 'English letters, digits and symbols only, no spaces',
  'hint.password_letter': 'Contains a letter',
  'hint.password_digit': 'Contains a digit',
  'hint.password_symbol': 'Contains a symbol, such as ! @ # _',
  'hint.password_kinds': 'At least {count} of: letters, digits, symbols',
  'hint.password_kinds_recommended': 'Recommended: at least {count} of letters, digits, symbols',
  'hint.password_account_name': 'Not the same as the account name',
  'hint.password_common': 'Not a commonly used password',
  'hint.phone_security':
    'This number becomes the security phone of your account. It can also be used to log in if no other account uses it.',
  'hint.phone_steer_email': 'Outside mainland China? We recommend registering with email.',
  'hint.phone_account_limit': 'Each phone number can be linked to at most {count} accounts.',
  'hint.email_login':
    'Once verified, the email can also be used to log in if no other account uses it.',
  'hint.code_sent': 'A verification code has been sent. It is valid for {minutes} minutes.',
  'hint.voice_code': 'You will receive a phone call that reads the code out.',

  // --- Field labels -------------------------------------------------------------------------
  'label.accountName': 'Account name',
  'label.password': 'Password',
  'label.newPassword': 'New password',
  'label.currentPassword': 'Current password',
  'label.identifier': 'Account name / phone / email',
  'label.phone': 'Phone number',
  'label.region': 'Country/region',
  'label.code': 'Verification code',
  'label.email': 'Email',
  'label.securityPhone': 'Security phone',
  'label.securityEmail': 'Security email',
  'label.contactPhone': 'Contact phone',
  'label.contactEmail': 'Contact email',
  'label.recommendationCode': 'Recommendation code (optional)',
  'label.industry': 'Industry',
  'label.agreementsPrefix': 'I have read and agree to',
  'label.optional': 'Optional',

  // --- Actions ------------------------------------------------------------------------------
  'action.login': 'Log in',
  'action.register': 'Sign up',
  'action.registerNow': 'Sign up now',
  'action.haveAccount': 'Already have an account? Log in',
  'action.logout': 'Log out',
  'action.next': 'Next',
  'action.back': 'Back',
  'action.submit': 'Submit',
  'action.skip': 'Skip',
  'action.confirm': 'Confirm',
  'action.cancel': 'Cancel',
  'action.getCode': 'Get code',
  'action.resend': 'Resend',
  'action.resendIn': 'Resend in {seconds} s',
  'action.voiceCode': 'No SMS? Get a voice call',
  'action.showPassword': 'Show password',
  'action.hidePassword': 'Hide password',
  'action.refreshQr': 'Refresh',
  'action.bindAndLogin': 'Bind and log in',
  'action.createAccount': 'Create a new account',
  'action.unbind': 'Unbind',
  'action.setPassword': 'Set a login password',
  'action.upgrade': 'Upgrade account',
  'action.resendEmail': 'Resend email',
  'action.enableService': 'Enable service',
  'action.completeRegistration': 'Complete registration',

  // --- Sign-in methods (presets' `methods.login`) ---------------------------------------------
  'method.qr': 'Scan to log in',
  'method.password': 'Password login',
  'method.sms': 'SMS login',
  'method.subaccount': 'Sub-account login',
  'method.iam': 'IAM user login',
  'method.jd': 'JD login',
  'method.wechat': 'WeChat login',
  'method.wechat-mp': 'WeChat Official Account login',
  'method.qq': 'QQ login',

  // --- Register methods (presets' `methods.register`) ---------------------------------------
  'registerMethod.account': 'Sign up with an account name',
  'registerMethod.phone': 'Sign up with a phone number',
  'registerMethod.email': 'Sign up with email',
  'registerMethod.wechat': 'Sign up with WeChat',
  'registerMethod.wechat-mp': 'Sign up with a WeChat Official Account',
  'registerMethod.qq': 'Sign up with QQ',

  // --- Register steps (presets' `registration.*.steps[].id`, plus the JD extra) --------------
  'step.credentials': 'Set account name and password',
  /** The credentials step when it asks for an email rather than an account name (Tencent, default). */
  'step.credentials.email': 'Set email and password',
  'step.phone': 'Verify your phone',
  'step.password': 'Set a login password',
  'step.enable-service': 'Enable service',
  'step.industry': 'Choose your industry',
  'step.securityEmail': 'Add a security email',

  // --- App QR login (F7) --------------------------------------------------------------------
  'qr.pending': 'Scan the QR code with the mobile app to log in.',
  'qr.scanned': 'Scanned. Confirm the login on your phone.',
  'qr.confirmed': 'Logged in.',
  'qr.denied': 'The login was cancelled on the phone.',
  'qr.expired': 'The QR code has expired.',
  'qr.expiresIn': 'Expires in {seconds} s',

  // --- Flow messages ------------------------------------------------------------------------
  'flow.chooseAccount': 'Choose the account to log in to',
  'flow.bindOrCreate': 'Bind this login to one of your accounts, or create a new one.',
  'flow.activationSent': 'We have sent an activation email to {email}. Open the link in it to activate your account.',
  'flow.emailVerificationSent': 'We have sent a verification email. The link is valid for {hours} hours.',
  'flow.emailVerified': 'Your email has been verified.',
  'flow.registered': 'Your account has been created.',
  'flow.loggedIn': 'Logged in.',
  'flow.securityEmailWhy':
    'We send important notices, alerts and account information by email. Add one so you don’t miss them.',
  'flow.legacyUpgrade': 'Your account is an older JD account. Choose an account name and password to upgrade it.',
  'flow.unbindNeedsPassword': 'Before unbinding, set a login password so you can still log in another way.',
} as const;

export type MessageKey = keyof typeof en;

/** Keys that must exist because code elsewhere produces them: a new code without a message fails to compile. */
type RequiredKey =
  | ErrorCode
  | ClientErrorCode
  | RuleCode
  | `method.${LoginMethod}`
  | `registerMethod.${RegisterMethod}`
  | `step.${RegisterStep['id']}`;
const complete: Record<RequiredKey, string> = en;
void complete;
