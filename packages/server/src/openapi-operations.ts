/**
 * The operation table of the OpenAPI document: one entry per route, checked against the app's
 * real routes by a test. Continued in `openapi-operations-more.ts`.
 */
import { AUTH_ERRORS, BODY_ERRORS, REAUTH_ERRORS, type OperationSpec } from './openapi-components.ts';
import { QR_CONNECTION_AND_DEV_OPERATIONS } from './openapi-operations-more.ts';
import { PASSKEY_OPERATIONS } from './openapi-passkeys.ts';
import { TOTP_OPERATIONS } from './openapi-operations-totp.ts';

export const OPERATIONS: OperationSpec[] = [
  {
    method: 'get',
    path: '/config',
    summary: 'The effective preset',
    success: [{ status: 200, description: 'Public configuration', schemas: ['Config'] }],
    // A provider this server does not mount.
    errors: ['not_found'],
  },
  {
    method: 'post',
    path: '/codes',
    summary:
      'Send an SMS or voice code (same answer whether or not the phone has accounts); purpose reauth: signed in, to the account’s own phone. ' +
      'The message is written in `locale` (en, zh-CN, zh-TW). ' +
      'With a challenge configured, past its thresholds (codes today to the phone, or from the address) 428 challenge_required names the widget ' +
      '(error.challenge {kind, siteKey?}); ask again with its token as challengeToken',
    body: 'CodeRequest',
    auth: 'optional',
    success: [{ status: 202, description: 'Code sent', schemas: ['CodeSent'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      'method_disabled',
      'code_cooldown',
      'rate_limited',
      'challenge_required',
    ],
  },
  {
    method: 'post',
    path: '/codes/verify',
    summary:
      'Spend a registration code at the step that asks for it (QingCloud: phone + code, then the password): ' +
      'the codeTicket answered stands in for code on POST /accounts with the same phone, for expiresIn seconds',
    body: 'CodeVerifyRequest',
    success: [{ status: 200, description: 'Code proven', schemas: ['CodeVerified'] }],
    errors: [...BODY_ERRORS, 'method_disabled', 'invalid_code', 'code_expired', 'too_many_attempts'],
  },
  {
    method: 'post',
    path: '/accounts',
    summary: 'Register (the fields required come from the preset)',
    body: 'CreateAccountRequest',
    success: [
      { status: 201, description: 'Registered and signed in', schemas: ['Authenticated'] },
      { status: 202, description: 'Activation email sent (tencentcloud)', schemas: ['ActivationSent'] },
    ],
    errors: [
      ...BODY_ERRORS,
      'agreements_required',
      'invalid_code',
      'code_expired',
      'too_many_attempts',
      'account_name_taken',
      'email_taken',
      'phone_account_limit',
      'code_cooldown',
      'rate_limited',
      'method_disabled',
      'server_busy',
    ],
  },
  {
    method: 'post',
    path: '/sessions',
    summary:
      'Password sign-in. An account under attack (its failure window full) answers 429 to addresses that failed for it, and NeedsProfile ' +
      'with required ["code"] to others whatever the password (the right one sends a login code to the account’s phone or verified email; then POST /continue {ticket, code}). ' +
      'A phone or email that is not a login identifier of the account whose password is given answers 403 identifier_not_loginable; ' +
      'a wrong password or unknown identifier 401 invalid_credentials, after the same hashing work however many accounts hold it',
    body: 'PasswordLoginRequest',
    success: [
      {
        status: 200,
        description: 'Signed in, or choose an account',
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsProfile', 'NeedsTwoStep'],
      },
    ],
    errors: [
      ...BODY_ERRORS,
      'invalid_credentials',
      'identifier_not_loginable',
      'use_parent_login',
      'method_disabled',
      'too_many_attempts',
      'rate_limited',
      'server_busy',
    ],
  },
  {
    method: 'post',
    path: '/sessions/sms',
    summary: 'SMS code sign-in with the account chooser',
    body: 'SmsLoginRequest',
    success: [
      {
        status: 200,
        description: 'Signed in, or choose an account',
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsProfile', 'NeedsTwoStep'],
      },
    ],
    errors: [
      ...BODY_ERRORS,
      'invalid_code',
      'code_expired',
      'too_many_attempts',
      'method_disabled',
      'not_found',
      'rate_limited',
    ],
  },
  {
    method: 'post',
    path: '/sessions/subaccount',
    summary: 'Sub-account sign-in; the main account’s email works too',
    body: 'SubaccountLoginRequest',
    success: [
      {
        status: 200,
        description: 'Signed in, choose an account, or the two-step verification step',
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsTwoStep'],
      },
    ],
    errors: [
      ...BODY_ERRORS,
      'invalid_credentials',
      'method_disabled',
      'too_many_attempts',
      'rate_limited',
      'server_busy',
    ],
  },
  {
    method: 'post',
    path: '/password-resets',
    summary:
      'Forgot password: send a code to the phone, verified email, or the phone (verified email with channel "email") of an account name. ' +
      'The same 202, in about the same time and under the same limits, whether or not the identifier has an account (nothing is sent then). ' +
      'The message is written in `locale` (en, zh-CN, zh-TW)',
    body: 'PasswordResetRequest',
    success: [
      {
        status: 202,
        description: 'Code sent (or not, for an identifier without an account)',
        schemas: ['ResetSent'],
      },
    ],
    errors: [...BODY_ERRORS, 'method_disabled', 'code_cooldown', 'rate_limited'],
  },
  {
    method: 'post',
    path: '/password-resets/verify',
    summary:
      'Spend the reset code: ChooseAccount when several accounts share the phone or email (then POST /continue {ticket, accountId}), ' +
      'else NeedsProfile asking for newPassword (then POST /continue {ticket, newPassword} → Authenticated, every other session ended, a security_notice sent). ' +
      'A new password equal to the current one: validation_failed with issue code password_reused',
    body: 'PasswordResetVerifyRequest',
    success: [
      {
        status: 200,
        description: 'Choose an account, or set the new password',
        schemas: ['ChooseAccount', 'NeedsNewPassword'],
      },
    ],
    errors: [
      ...BODY_ERRORS,
      'invalid_code',
      'code_expired',
      'too_many_attempts',
      'use_parent_login',
      'use_main_account',
      'identifier_not_loginable',
      'method_disabled',
    ],
  },
  {
    method: 'post',
    path: '/continue',
    summary:
      'Advance a ticketed flow (account chooser, industry, third-party first-time binding, password reset, ' +
      'two-step verification: {ticket, totp} or {ticket, recoveryCode}). ' +
      'A ticket handed through the address (#cl_ticket) needs flowSecret, the secret whose hash started the flow: without it, or with another, 410 ticket_expired',
    body: 'ContinueRequest',
    success: [
      {
        status: 200,
        description: 'The next step',
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsProfile', 'NeedsTwoStep', 'NeedsNewPassword'],
      },
    ],
    errors: [
      ...BODY_ERRORS,
      'ticket_expired',
      'agreements_required',
      'invalid_code',
      'code_expired',
      'too_many_attempts',
      'identifier_not_loginable',
      'method_disabled',
      'not_found',
      'account_name_taken',
      'email_taken',
      'phone_account_limit',
      'already_bound',
      'legacy_account_cannot_bind',
      'reauth_required',
      'invalid_credentials',
      'use_parent_login',
      'use_main_account',
      'rate_limited',
      'server_busy',
    ],
  },
  {
    method: 'get',
    path: '/session',
    summary: 'The signed-in account',
    auth: true,
    success: [{ status: 200, description: 'Account', schemas: ['AccountEnvelope'] }],
    errors: ['unauthenticated'],
  },
  {
    method: 'delete',
    path: '/session',
    summary: 'Sign out: the token dies server-side',
    auth: true,
    success: [{ status: 204, description: 'Signed out' }],
    errors: AUTH_ERRORS,
  },
  {
    method: 'get',
    path: '/email/verify',
    summary:
      'Show an email link (activation or verification) without spending it, so mail scanners that fetch links spend nothing: ' +
      'a page with a confirm button that POSTs the token, or JSON {status: "pending_confirmation", email}',
    query: [{ name: 'token', required: true, description: 'The link token' }],
    success: [
      {
        status: 200,
        description: 'The link (JSON with Accept: application/json, else a page with a confirm button)',
        schemas: ['EmailPending'],
        html: true,
      },
    ],
    errors: ['validation_failed', 'link_expired'],
  },
  {
    method: 'post',
    path: '/email/verify',
    summary:
      'Spend an email link (2 h, single use): JSON, or the confirmation page’s form (application/x-www-form-urlencoded)',
    body: 'EmailVerifyRequest',
    success: [
      {
        status: 200,
        description: 'Verified (JSON with Accept: application/json, else a small HTML page)',
        schemas: ['EmailVerified', 'NeedsProfile'],
        html: true,
      },
      {
        status: 303,
        description:
          'Browser: back to the saved returnTo with #cl_ticket=… when a step remains and the registration sent a flowHash (the ticket is bound to it); else the "activated" page',
      },
    ],
    errors: ['validation_failed', 'unsupported_media_type', 'link_expired', 'email_taken'],
  },
  {
    method: 'post',
    path: '/account/email',
    summary: 'Add or change the security email: sends a verification link',
    auth: true,
    body: 'EmailRequest',
    success: [{ status: 202, description: 'Link sent', schemas: ['EmailSent'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...REAUTH_ERRORS,
      'email_taken',
      'code_cooldown',
      'rate_limited',
    ],
  },
  {
    method: 'put',
    path: '/account/password',
    summary:
      'Change (or set) the password, proven by currentPassword or a reauth code; ends every other session',
    auth: true,
    body: 'PasswordChangeRequest',
    success: [{ status: 204, description: 'Changed' }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, ...REAUTH_ERRORS, 'rate_limited', 'server_busy'],
  },
  {
    method: 'post',
    path: '/account/subaccounts',
    summary: 'Create a sub-account (main accounts of presets with sub-accounts)',
    auth: true,
    body: 'SubaccountCreateRequest',
    success: [{ status: 201, description: 'Created', schemas: ['AccountEnvelope'] }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, 'email_taken', 'method_disabled', 'rate_limited', 'server_busy'],
  },
  {
    method: 'post',
    path: '/account/connections',
    summary:
      'Bind the identity of a mode=bind third-party login (its ticket) to this account, proven by currentPassword or a reauth code',
    auth: true,
    body: 'BindRequest',
    success: [{ status: 200, description: 'Bound', schemas: ['AccountEnvelope'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      'ticket_expired',
      'already_bound',
      'legacy_account_cannot_bind',
      ...REAUTH_ERRORS,
    ],
  },
  {
    method: 'delete',
    path: '/account/connections/{idp}',
    summary:
      'Unbind WeChat, WeChat OA, QQ or JD, proven by currentPassword or a reauth code; refused while the account could not sign in otherwise',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [{ status: 204, description: 'Unbound' }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, 'not_found', 'password_required', ...REAUTH_ERRORS],
  },
  {
    method: 'put',
    path: '/account/name',
    summary:
      'Choose the account name in place of the one generated when a third-party login created the account (accountNameGenerated), once; proven by currentPassword or a reauth code',
    auth: true,
    body: 'RenameRequest',
    success: [{ status: 200, description: 'Renamed', schemas: ['AccountEnvelope'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      'reauth_required',
      'invalid_credentials',
      'invalid_code',
      'account_name_taken',
      'method_disabled',
      'rate_limited',
      'too_many_attempts',
    ],
  },
  {
    method: 'patch',
    path: '/account/contact',
    summary:
      'Change the contact phone and contact email the preset collects (001): a field left out stays, a blank one is cleared (refused where the preset requires it). Checked for form only, not verified; proven by currentPassword or a reauth code; a security_notice goes out',
    auth: true,
    body: 'ContactRequest',
    success: [{ status: 200, description: 'Changed', schemas: ['AccountEnvelope'] }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, ...REAUTH_ERRORS, 'method_disabled', 'rate_limited'],
  },
  {
    method: 'post',
    path: '/account/upgrade',
    summary: 'Upgrade a legacy JD account: choose an account name and password',
    auth: true,
    body: 'UpgradeRequest',
    success: [{ status: 200, description: 'Upgraded', schemas: ['AccountEnvelope'] }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, 'account_name_taken', 'method_disabled', 'server_busy'],
  },
  ...TOTP_OPERATIONS,
  ...QR_CONNECTION_AND_DEV_OPERATIONS,
  ...PASSKEY_OPERATIONS,
];
