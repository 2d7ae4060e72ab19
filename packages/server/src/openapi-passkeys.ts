/** The operation table, continued: passkeys (routes/passkeys.ts, docs/flows.md#passkeys). */
import { AUTH_ERRORS, BODY_ERRORS, REAUTH_ERRORS, type OperationSpec } from './openapi-components.ts';

/** How a passkey answer is refused: `invalid_credentials`, `origin_not_allowed` or `ticket_expired`, with `field: "passkey"`. */
const ANSWER_ERRORS = ['invalid_credentials', 'origin_not_allowed', 'ticket_expired'] as const;

export const PASSKEY_OPERATIONS: OperationSpec[] = [
  {
    method: 'post',
    path: '/sessions/passkey/options',
    summary:
      'Options for navigator.credentials.get(): a challenge (single use, 5 minutes) for any passkey of this site; no identifier, no credential list',
    success: [
      { status: 200, description: 'WebAuthn request options (JSON form)', schemas: ['PasskeyOptions'] },
    ],
    errors: ['method_disabled'],
  },
  {
    method: 'post',
    path: '/sessions/passkey',
    summary:
      'Sign in with the assertion of a discoverable passkey; it signs in the account it was added to, once per challenge, with its counter moving on. With user verification (UV flag) it skips the two-step verification; without it an account with TOTP answers NeedsTwoStep',
    body: 'PasskeyLoginRequest',
    success: [
      {
        status: 200,
        description: 'Signed in, the TOTP step (no user verification), or a profile step',
        schemas: ['Authenticated', 'NeedsProfile', 'NeedsTwoStep'],
      },
    ],
    errors: [...BODY_ERRORS, ...ANSWER_ERRORS, 'method_disabled', 'identifier_not_loginable', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/account/passkeys',
    summary: "The signed-in account's passkeys, oldest first",
    auth: true,
    success: [{ status: 200, description: 'The passkeys', schemas: ['PasskeyList'] }],
    errors: [...AUTH_ERRORS],
  },
  {
    method: 'post',
    path: '/account/passkeys/options',
    summary:
      'Options for navigator.credentials.create(), proven by currentPassword or a reauth code; the challenge is bound to this session',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [
      { status: 200, description: 'WebAuthn creation options (JSON form)', schemas: ['PasskeyOptions'] },
    ],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, ...REAUTH_ERRORS, 'method_disabled', 'rate_limited'],
  },
  {
    method: 'post',
    path: '/account/passkeys',
    summary: "Add the new passkey's attestation (answering this session's options); sends a security_notice",
    auth: true,
    body: 'PasskeyCreateRequest',
    success: [{ status: 201, description: 'Added', schemas: ['PasskeyEnvelope'] }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, ...ANSWER_ERRORS, 'method_disabled', 'already_bound'],
  },
  {
    method: 'patch',
    path: '/account/passkeys/{id}',
    summary: 'Rename one of the account’s passkeys',
    auth: true,
    body: 'PasskeyRenameRequest',
    success: [{ status: 200, description: 'Renamed', schemas: ['PasskeyEnvelope'] }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, 'not_found'],
  },
  {
    method: 'delete',
    path: '/account/passkeys/{id}',
    summary:
      'Delete one of the account’s passkeys, proven by currentPassword or a reauth code; sends a security_notice',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [{ status: 204, description: 'Deleted' }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, ...REAUTH_ERRORS, 'not_found'],
  },
];
