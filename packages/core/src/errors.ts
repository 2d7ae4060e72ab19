/**
 * The error codes of the HTTP contract (packages/server/README.md), each with the status it travels with.
 * Elements localise by code, so a code is never renamed once shipped.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_code: 400,
  code_expired: 400,
  agreements_required: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  identifier_not_loginable: 403,
  use_parent_login: 403,
  /** A sub-account's password is reset by its main account (QingCloud). */
  use_main_account: 403,
  origin_not_allowed: 403,
  method_disabled: 403,
  /** Dev mode: the request's `Host` is neither loopback nor the public URL's (DNS rebinding). */
  host_not_allowed: 403,
  /** A sensitive change needs the account proven again in the same request (password or a `reauth` code). */
  reauth_required: 403,
  not_found: 404,
  account_name_taken: 409,
  email_taken: 409,
  phone_account_limit: 409,
  already_bound: 409,
  legacy_account_cannot_bind: 409,
  password_required: 409,
  ticket_expired: 410,
  link_expired: 410,
  qr_expired: 410,
  unsupported_media_type: 415,
  rate_limited: 429,
  code_cooldown: 429,
  too_many_attempts: 429,
  /** Too many codes to this phone or from this address: solve the challenge the error describes, then retry with its token. */
  challenge_required: 428,
  /** The password-hashing queue is full: try again after `Retry-After`. */
  server_busy: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Codes the client itself produces when no server answer could be read. */
export const CLIENT_ERROR_CODES = ['network_error', 'unexpected_response'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/**
 * Refusals that leave a step answerable — another code, phone, account or name may still
 * succeed — so a flow keeps its one-time ticket rather than making the user start over.
 */
export const RETRYABLE_ERROR_CODES: readonly ErrorCode[] = [
  'validation_failed',
  'invalid_code',
  'code_expired',
  'too_many_attempts',
  'not_found',
  'phone_account_limit',
  'already_bound',
  'legacy_account_cannot_bind',
  'account_name_taken',
  'email_taken',
  'agreements_required',
  'reauth_required',
];

export function isRetryable(code: string): boolean {
  return (RETRYABLE_ERROR_CODES as readonly string[]).includes(code);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/** One problem with one field, as carried in `error.issues`. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** The body of every error answer: `{"error": {...}}`. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    retryAfter?: number;
    issues?: FieldIssue[];
    /** With `challenge_required`: which challenge to show. */
    challenge?: ChallengeInfo;
  };
}

/**
 * The challenge a `428 challenge_required` asks for: `kind` names the widget (`slider` is dev
 * mode's simulated one; `turnstile`, `hcaptcha`, `geetest`, `tencent` or the site's own name),
 * `siteKey` its public key when it has one.
 */
export interface ChallengeInfo {
  kind: string;
  siteKey?: string;
}
