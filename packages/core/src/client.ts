/**
 * A typed fetch-based client for the whole HTTP contract (packages/server/README.md). The elements talk to a
 * backend only through this, so a site can swap the transport (Storybook's fake, a proxy)
 * without touching an element.
 */
import type {
  Account,
  Authenticated,
  BindRequest,
  CodeRequest,
  CodeSent,
  CodeVerified,
  CodeVerifyRequest,
  ContinueRequest,
  CreateAccountRequest,
  EmailRequest,
  EmailVerified,
  NeedsProfile,
  OutboxMessage,
  PasswordChangeRequest,
  ReauthProof,
  PasswordLoginRequest,
  PasswordResetRequest,
  PasswordResetVerifyRequest,
  PublicConfig,
  QrCreated,
  QrStatus,
  RecoveryCodes,
  RegisterResult,
  ResetSent,
  ResetStep,
  SignInResult,
  SmsLoginRequest,
  SubaccountCreateRequest,
  SubaccountLoginRequest,
  TotpConfirmRequest,
  TotpSetup,
  RenameRequest,
  UpgradeRequest,
} from './api.ts';
import {
  isErrorCode,
  type ChallengeInfo,
  type ClientErrorCode,
  type ErrorCode,
  type FieldIssue,
} from './errors.ts';
import type { Idp } from './presets/data.ts';

/** What the client sends through: `fetch` by default; Storybook passes a fake. */
export type Transport = (request: Request) => Promise<Response>;

export interface ClientOptions {
  /** The provider's base URL, e.g. `https://auth.example.com/api/jdcloud`. */
  baseUrl: string;
  transport?: Transport;
  /** Bearer token for authenticated calls; the session cookie is sent as well. */
  token?: () => string | undefined;
  /** `include` (default) sends the session cookie cross-origin. */
  credentials?: RequestCredentials;
}

/** An error answer of the contract, or a client-side failure to reach or read it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
    readonly issues?: FieldIssue[],
    /** With `challenge_required`: which challenge to solve. */
    readonly challenge?: ChallengeInfo,
  ) {
    super(message);
  }
}

export type QrPoll =
  | { status: Exclude<QrStatus, 'confirmed'> }
  | ({ status: 'confirmed' } & Partial<Omit<Authenticated, 'status'>>);

export interface CloudClient {
  readonly baseUrl: string;
  config(): Promise<PublicConfig>;
  sendCode(body: CodeRequest): Promise<CodeSent>;
  /** Spends a registration code at its own step: its `codeTicket` then replaces `code` on `register()`. */
  verifyCode(body: CodeVerifyRequest): Promise<CodeVerified>;
  register(body: CreateAccountRequest): Promise<RegisterResult>;
  login(body: PasswordLoginRequest): Promise<SignInResult>;
  loginSms(body: SmsLoginRequest): Promise<SignInResult>;
  loginSubaccount(body: SubaccountLoginRequest): Promise<Authenticated>;
  continue(body: ContinueRequest): Promise<SignInResult>;
  /** Forgot password: sends a code (the same answer for an identifier without an account). */
  requestPasswordReset(body: PasswordResetRequest): Promise<ResetSent>;
  /** The code's answer: `ChooseAccount`, or `NeedsProfile` asking for `newPassword`; then `continueReset`. */
  verifyPasswordReset(body: PasswordResetVerifyRequest): Promise<ResetStep>;
  /** `POST /continue` with a reset's ticket: `{ticket, accountId}`, then `{ticket, newPassword}`. */
  continueReset(body: ContinueRequest): Promise<ResetStep | SignInResult>;
  session(): Promise<{ account: Account }>;
  logout(): Promise<void>;
  verifyEmail(token: string): Promise<EmailVerified | NeedsProfile>;
  requestEmail(body: EmailRequest): Promise<{ expiresIn: number }>;
  changePassword(body: PasswordChangeRequest): Promise<void>;
  /** `proof` answers a `reauth_required` (the current password, or a `reauth` code). */
  unbind(idp: Idp, proof?: ReauthProof): Promise<void>;
  /** `POST /account/connections`: binds the identity of a `mode: "bind"` third-party login's ticket. */
  bind(body: BindRequest): Promise<{ account: Account }>;
  upgrade(body: UpgradeRequest): Promise<{ account: Account }>;
  /**
   * Two-step verification of the signed-in account, `POST /account/totp/{action}`: `setup` (a new
   * secret), `confirm` `{ticket, code}` (turns it on; the recovery codes), `recovery-codes` (new
   * ones), `disable`. All but `confirm` carry the reauth proof.
   */
  totp(action: 'setup', proof: ReauthProof): Promise<TotpSetup>;
  totp(action: 'confirm', body: TotpConfirmRequest): Promise<RecoveryCodes>;
  totp(action: 'recovery-codes', proof: ReauthProof): Promise<RecoveryCodes>;
  totp(action: 'disable', proof: ReauthProof): Promise<void>;
  /** Chooses the account's name instead of the one generated for it (`PUT /account/name`). */
  rename(body: RenameRequest): Promise<{ account: Account }>;
  createSubaccount(body: SubaccountCreateRequest): Promise<{ account: Account }>;
  createQr(): Promise<QrCreated>;
  pollQr(id: string, secret: string): Promise<QrPoll>;
  /**
   * URL of the QR's status stream (`GET /qr/{id}/events`, for an `EventSource`), or `undefined`
   * when this client talks through a custom transport (a stream cannot pass through one).
   */
  qrEventsUrl(id: string, secret: string): string | undefined;
  /** Absolute URL of a server-relative path such as the QR image. */
  url(path: string): string;
  /** URL that starts third-party login (opened in a popup or navigated to). */
  /**
   * `flowHash`: SHA-256 (hex) of a secret this tab keeps; required with `mode: "redirect"`, whose
   * ticket comes back through the address and is redeemed only with the secret (`flowSecret`).
   */
  authorizeUrl(
    idp: Idp,
    options: {
      returnTo?: string;
      /** `bind`: a popup whose ticket only `bind()` takes (a signed-in account adds a login). */
      mode: 'popup' | 'redirect' | 'bind';
      locale?: string | undefined;
      flowHash?: string;
    },
  ): string;
  outbox(to?: string): Promise<{ messages: OutboxMessage[] }>;
  /** Dev mode's simulated slider challenge: a token for `POST /codes`' `challengeToken`. */
  devChallenge(): Promise<{ token: string }>;
  /**
   * Any endpoint of the contract (`path` relative to the base URL), through this client's
   * transport and session: features that load on demand (passkeys) bring their own calls.
   */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function createClient(options: ClientOptions): CloudClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const transport: Transport = options.transport ?? ((request) => fetch(request));
  const credentials = options.credentials ?? 'include';

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const init: RequestInit = { method, credentials, headers: { Accept: 'application/json', ...headers } };
    const token = options.token?.();
    if (token) (init.headers as Record<string, string>).Authorization = `Bearer ${token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await transport(new Request(baseUrl + path, init));
    } catch (cause) {
      // A CORS refusal looks like a network failure: tell them apart (in code loaded only now).
      if (!options.transport && (await import('./origin-probe.ts').then((m) => m.originRefused(baseUrl))))
        throw new ApiError(0, 'origin_not_allowed', 'origin refused');
      throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'network error');
    }
    if (response.status === 204) return undefined as T;
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      throw new ApiError(response.status, 'unexpected_response', `unreadable ${response.status} answer`);
    }
    if (!response.ok) throw toApiError(response, data);
    return data as T;
  }

  const json = <T>(path: string, body: unknown) => call<T>('POST', path, body);

  return {
    baseUrl,
    config: () => call('GET', '/config'),
    sendCode: (body) => json('/codes', body),
    verifyCode: (body) => json('/codes/verify', body),
    register: (body) => json('/accounts', body),
    login: (body) => json('/sessions', body),
    loginSms: (body) => json('/sessions/sms', body),
    loginSubaccount: (body) => json('/sessions/subaccount', body),
    continue: (body) => json('/continue', body),
    requestPasswordReset: (body) => json('/password-resets', body),
    verifyPasswordReset: (body) => json('/password-resets/verify', body),
    continueReset: (body) => json('/continue', body),
    session: () => call('GET', '/session'),
    logout: () => call('DELETE', '/session'),
    // GET only describes a link (mail scanners fetch links); POST spends it.
    verifyEmail: (token) => json('/email/verify', { token }),
    requestEmail: (body) => json('/account/email', body),
    changePassword: (body) => call('PUT', '/account/password', body),
    unbind: (idp, proof) => call('DELETE', `/account/connections/${encodeURIComponent(idp)}`, proof),
    bind: (body) => json('/account/connections', body),
    upgrade: (body) => json('/account/upgrade', body),
    totp: (action: string, body: unknown) => json<never>(`/account/totp/${action}`, body),
    rename: (body) => call('PUT', '/account/name', body),
    createSubaccount: (body) => json('/account/subaccounts', body),
    createQr: () => call('POST', '/qr'),
    pollQr: (id, secret) =>
      call('GET', `/qr/${encodeURIComponent(id)}`, undefined, { 'X-QR-Secret': secret }),
    qrEventsUrl: (id, secret) =>
      options.transport
        ? undefined
        : `${baseUrl}/qr/${encodeURIComponent(id)}/events?${new URLSearchParams({ secret })}`,
    url: (path) => new URL(path.replace(/^\//, ''), `${baseUrl}/`).href,
    authorizeUrl: (idp, { returnTo, mode, locale, flowHash }) => {
      const query = new URLSearchParams({ mode });
      if (returnTo) query.set('returnTo', returnTo);
      if (locale) query.set('locale', locale);
      if (flowHash) query.set('flowHash', flowHash);
      return `${baseUrl}/connections/${encodeURIComponent(idp)}/authorize?${query}`;
    },
    outbox: (to) => call('GET', `/dev/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`),
    devChallenge: () => call('POST', '/dev/challenge'),
    request: call,
  };
}

function toApiError(response: Response, data: unknown): ApiError {
  const error = (data as { error?: Record<string, unknown> } | null)?.error;
  if (!error || !isErrorCode(error.code)) {
    return new ApiError(response.status, 'unexpected_response', `unexpected ${response.status} answer`);
  }
  const header = Number(response.headers.get('Retry-After'));
  const retryAfter =
    typeof error.retryAfter === 'number'
      ? error.retryAfter
      : Number.isFinite(header) && header > 0
        ? header
        : undefined;
  return new ApiError(
    response.status,
    error.code,
    typeof error.message === 'string' ? error.message : error.code,
    typeof error.field === 'string' ? error.field : undefined,
    retryAfter,
    Array.isArray(error.issues) ? (error.issues as FieldIssue[]) : undefined,
    // Shown by kind only (the dev slider, or handed to the page): nothing to check here.
    error.challenge as ChallengeInfo | undefined,
  );
}
