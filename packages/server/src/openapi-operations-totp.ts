/** The operation table, continued: two-step verification of the signed-in account (routes/totp.ts). */
import { AUTH_ERRORS, BODY_ERRORS, type OperationSpec } from './openapi-components.ts';

const PROOF_ERRORS = ['reauth_required', 'invalid_credentials', 'invalid_code', 'code_expired'] as const;

export const TOTP_OPERATIONS: OperationSpec[] = [
  {
    method: 'post',
    path: '/account/totp/setup',
    summary:
      'Start turning on two-step verification, proven by currentPassword or a reauth code: a new authenticator secret ' +
      '(base32, otpauth URI, QR as an SVG data URL, the key in groups of four) and the ticket POST /account/totp/confirm takes',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [{ status: 200, description: 'The secret, not yet on', schemas: ['TotpSetup'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...PROOF_ERRORS,
      'already_bound',
      'method_disabled',
      'too_many_attempts',
      'rate_limited',
    ],
  },
  {
    method: 'post',
    path: '/account/totp/confirm',
    summary:
      'Turn two-step verification on with the app’s first code; answers ten single-use recovery codes, shown only now',
    auth: true,
    body: 'TotpConfirmRequest',
    success: [{ status: 200, description: 'On', schemas: ['RecoveryCodes'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      'invalid_code',
      'ticket_expired',
      'already_bound',
      'method_disabled',
      'too_many_attempts',
    ],
  },
  {
    method: 'post',
    path: '/account/totp/recovery-codes',
    summary: 'Ten new recovery codes, proven by currentPassword or a reauth code; the old ones stop working',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [{ status: 200, description: 'The new codes', schemas: ['RecoveryCodes'] }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...PROOF_ERRORS,
      'not_found',
      'method_disabled',
      'too_many_attempts',
      'rate_limited',
    ],
  },
  {
    method: 'post',
    path: '/account/totp/disable',
    summary: 'Turn two-step verification off, proven by currentPassword or a reauth code',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [{ status: 204, description: 'Off' }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...PROOF_ERRORS,
      'not_found',
      'method_disabled',
      'too_many_attempts',
      'rate_limited',
    ],
  },
];
