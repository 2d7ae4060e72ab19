/**
 * The OpenAPI 3.1 document served at `/openapi.json`, generated from the same zod schemas the
 * routes validate with (core's `api.ts`), so the published contract cannot drift from what the
 * server accepts. The operation table below is checked against the app's real routes by a test.
 */
import * as z from 'zod/mini';
import {
  AccountSchema,
  ActivationSentSchema,
  AuthenticatedSchema,
  ChooseAccountSchema,
  CodeRequestSchema,
  CodeSentSchema,
  ConfigSchema,
  ContinueRequestSchema,
  CreateAccountRequestSchema,
  EmailRequestSchema,
  EmailVerifiedSchema,
  ERROR_CODES,
  ERROR_STATUS,
  NeedsNewPasswordSchema,
  NeedsProfileSchema,
  OutboxMessageSchema,
  PasswordChangeRequestSchema,
  ReauthProofSchema,
  PasswordLoginRequestSchema,
  PasswordResetRequestSchema,
  PasswordResetVerifyRequestSchema,
  QR_STATUSES,
  QrCreatedSchema,
  ResetSentSchema,
  SessionSchema,
  SmsLoginRequestSchema,
  SubaccountCreateRequestSchema,
  SubaccountLoginRequestSchema,
  UpgradeRequestSchema,
  type ErrorCode,
  type ProviderId,
} from '@cloud-login/core';
import { LegacyAccountRequestSchema } from './dev/routes.ts';

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    field: z.optional(z.string()),
    retryAfter: z.optional(z.number()),
    issues: z.optional(z.array(z.object({ path: z.string(), code: z.string(), message: z.string() }))),
  }),
});

const AccountEnvelopeSchema = z.object({ account: AccountSchema });
const EmailSentSchema = z.object({ expiresIn: z.number() });
const OutboxSchema = z.object({ messages: z.array(OutboxMessageSchema) });
/** The poll's answer: on `confirmed`, the first poll also carries the `Authenticated` fields. */
const QrPollSchema = z.object({
  status: z.enum(QR_STATUSES),
  account: z.optional(AccountSchema),
  session: z.optional(SessionSchema),
});
/** The mobile app's answer: the state, and what it shows about who is asking. */
const QrMoveSchema = z.object({
  status: z.enum(QR_STATUSES),
  info: z.object({ browser: z.string(), createdAt: z.string(), expiresAt: z.string() }),
});

/** Schemas published under `components.schemas`, by name. */
const REQUESTS = {
  CodeRequest: CodeRequestSchema,
  CreateAccountRequest: CreateAccountRequestSchema,
  PasswordLoginRequest: PasswordLoginRequestSchema,
  SmsLoginRequest: SmsLoginRequestSchema,
  SubaccountLoginRequest: SubaccountLoginRequestSchema,
  ContinueRequest: ContinueRequestSchema,
  EmailRequest: EmailRequestSchema,
  PasswordChangeRequest: PasswordChangeRequestSchema,
  ReauthProof: ReauthProofSchema,
  SubaccountCreateRequest: SubaccountCreateRequestSchema,
  LegacyAccountRequest: LegacyAccountRequestSchema,
  UpgradeRequest: UpgradeRequestSchema,
  PasswordResetRequest: PasswordResetRequestSchema,
  PasswordResetVerifyRequest: PasswordResetVerifyRequestSchema,
} as const;

const RESPONSES = {
  Error: ErrorBodySchema,
  Config: ConfigSchema,
  CodeSent: CodeSentSchema,
  Account: AccountSchema,
  AccountEnvelope: AccountEnvelopeSchema,
  Session: SessionSchema,
  Authenticated: AuthenticatedSchema,
  ChooseAccount: ChooseAccountSchema,
  NeedsProfile: NeedsProfileSchema,
  ActivationSent: ActivationSentSchema,
  EmailVerified: EmailVerifiedSchema,
  EmailSent: EmailSentSchema,
  Outbox: OutboxSchema,
  QrCreated: QrCreatedSchema,
  QrPoll: QrPollSchema,
  QrMove: QrMoveSchema,
  ResetSent: ResetSentSchema,
  NeedsNewPassword: NeedsNewPasswordSchema,
} as const;

type RequestName = keyof typeof REQUESTS;
type ResponseName = keyof typeof RESPONSES;

interface Success {
  status: number;
  description: string;
  /** Component names; several mean "one of". Omitted: no body. */
  schemas?: ResponseName[];
  html?: boolean;
  /** Another media type the answer comes as (an image, a script, plain text). */
  media?: string;
}

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Relative to `/api/{provider}`; Hono-style params are written `{name}` here. */
  path: string;
  summary: string;
  body?: RequestName;
  /** The body may be left out (a `DELETE` whose body only carries a proof). */
  bodyOptional?: true;
  query?: { name: string; required: boolean; description: string }[];
  success: Success[];
  errors: ErrorCode[];
  auth?: boolean;
  /** Mounted in dev mode only. */
  dev?: boolean;
}

const BODY_ERRORS: ErrorCode[] = ['validation_failed', 'unsupported_media_type'];
const AUTH_ERRORS: ErrorCode[] = ['unauthenticated', 'origin_not_allowed'];

export const OPERATIONS: OperationSpec[] = [
  {
    method: 'get',
    path: '/config',
    summary: 'The effective preset',
    success: [{ status: 200, description: 'Public configuration', schemas: ['Config'] }],
    errors: [],
  },
  {
    method: 'post',
    path: '/codes',
    summary:
      'Send an SMS or voice code (same answer whether or not the phone has accounts); purpose reauth: signed in, to the account’s own phone',
    body: 'CodeRequest',
    success: [{ status: 202, description: 'Code sent', schemas: ['CodeSent'] }],
    errors: [...BODY_ERRORS, ...AUTH_ERRORS, 'method_disabled', 'code_cooldown', 'rate_limited'],
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
    summary: 'Password sign-in',
    body: 'PasswordLoginRequest',
    success: [
      {
        status: 200,
        description: 'Signed in, or choose an account',
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsProfile'],
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
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsProfile'],
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
    success: [{ status: 200, description: 'Signed in', schemas: ['Authenticated'] }],
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
      'The same 202, in about the same time and under the same limits, whether or not the identifier has an account (nothing is sent then)',
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
      'Advance a ticketed flow (account chooser, industry, third-party first-time binding, password reset)',
    body: 'ContinueRequest',
    success: [
      {
        status: 200,
        description: 'The next step',
        schemas: ['Authenticated', 'ChooseAccount', 'NeedsProfile', 'NeedsNewPassword'],
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
    summary: 'Follow an email link (activation or verification), 2 h, single use',
    query: [{ name: 'token', required: true, description: 'The link token' }],
    success: [
      {
        status: 200,
        description: 'Verified (JSON with Accept: application/json, else a small HTML page)',
        schemas: ['EmailVerified', 'NeedsProfile'],
        html: true,
      },
      {
        status: 303,
        description: 'Browser: back to the saved returnTo with #cl_ticket=… when a step remains',
      },
    ],
    errors: ['validation_failed', 'link_expired', 'email_taken'],
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
      'reauth_required',
      'invalid_credentials',
      'invalid_code',
      'code_expired',
      'too_many_attempts',
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
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      'reauth_required',
      'invalid_credentials',
      'invalid_code',
      'code_expired',
      'too_many_attempts',
      'rate_limited',
      'server_busy',
    ],
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
    method: 'delete',
    path: '/account/connections/{idp}',
    summary:
      'Unbind WeChat, WeChat OA, QQ or JD, proven by currentPassword or a reauth code; refused while the account could not sign in otherwise',
    auth: true,
    body: 'ReauthProof',
    bodyOptional: true,
    success: [{ status: 204, description: 'Unbound' }],
    errors: [
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      'not_found',
      'password_required',
      'reauth_required',
      'invalid_credentials',
      'invalid_code',
      'code_expired',
      'too_many_attempts',
    ],
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
  {
    method: 'post',
    path: '/qr',
    summary: 'Create an app QR ticket: 2 minutes; keep the secret, show the image',
    success: [{ status: 201, description: 'Created', schemas: ['QrCreated'] }],
    errors: ['method_disabled', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/qr/{id}',
    summary:
      'Poll a QR ticket with its secret (query or X-QR-Secret header); the first poll after confirmation carries the session',
    query: [
      { name: 'secret', required: false, description: 'The ticket secret (or send the X-QR-Secret header)' },
    ],
    success: [{ status: 200, description: 'The state', schemas: ['QrPoll'] }],
    errors: ['not_found'],
  },
  {
    method: 'get',
    path: '/qr/{id}.svg',
    summary: 'The QR image (SVG)',
    success: [{ status: 200, description: 'QR code', media: 'image/svg+xml' }],
    errors: ['not_found', 'qr_expired'],
  },
  ...(['scan', 'confirm', 'deny'] as const).map((action): OperationSpec => ({
    method: 'post',
    path: `/qr/{id}/${action}`,
    summary: `The mobile app ${action === 'scan' ? 'scanned' : action === 'confirm' ? 'confirms' : 'denies'} the QR login (its session; the scanning account is the one signed in)`,
    auth: true,
    success: [{ status: 200, description: 'The new state and who is asking', schemas: ['QrMove'] }],
    errors: [...AUTH_ERRORS, 'not_found', 'qr_expired', 'method_disabled'],
  })),
  {
    method: 'get',
    path: '/connections/{idp}/authorize',
    summary: 'Start third-party login: redirect to the identity provider, state bound to this browser',
    query: [
      {
        name: 'returnTo',
        required: false,
        description:
          'Where to come back (redirect mode) and whose origin the popup posts to; a path here or a URL on an allowed origin',
      },
      { name: 'mode', required: false, description: 'popup (default) or redirect' },
    ],
    success: [{ status: 302, description: 'To the identity provider (WeChat OA: to the QR page)' }],
    errors: ['validation_failed', 'not_found', 'method_disabled', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/connections/{idp}/callback',
    summary: 'Back from the identity provider: hands {ticket} (or an error code) to the element',
    query: [
      {
        name: 'code',
        required: false,
        description: 'From the identity provider (none when the user refused)',
      },
      { name: 'state', required: true, description: 'From authorize' },
    ],
    success: [
      {
        status: 200,
        description:
          'Popup: a page that posts {type: "cloud-login:connection", ticket} to the opener at the allowed origin',
        html: true,
      },
      { status: 302, description: 'Redirect mode: to returnTo#cl_ticket=… (or #cl_error=<code>)' },
      {
        status: 400,
        description:
          'A page: the identity provider refused (posted as error), or the sign-in was not started in this browser',
        html: true,
      },
      { status: 410, description: 'A page: the state expired or was used', html: true },
    ],
    errors: [],
  },
  {
    method: 'get',
    path: '/connections/handoff.js',
    summary: 'The script of the popup hand-off page (no inline script anywhere)',
    success: [{ status: 200, description: 'Script', media: 'text/javascript' }],
    errors: [],
  },
  {
    method: 'get',
    path: '/connections/wechat-mp/scan',
    summary: 'WeChat Official Account: the page showing the temporary QR until it is scanned',
    query: [{ name: 'state', required: true, description: 'From authorize' }],
    success: [
      { status: 200, description: 'The QR page (reloads itself)', html: true },
      { status: 302, description: 'Scanned: on to the callback' },
      { status: 410, description: 'Expired', html: true },
    ],
    errors: ['method_disabled'],
  },
  {
    method: 'get',
    path: '/connections/wechat-mp/events',
    summary: 'WeChat Official Account: the server-URL check (echoes echostr when signed with the token)',
    query: [
      { name: 'signature', required: true, description: 'sha1 of the sorted token, timestamp and nonce' },
      { name: 'timestamp', required: true, description: 'Seconds' },
      { name: 'nonce', required: true, description: 'Random' },
      { name: 'echostr', required: true, description: 'Echoed back' },
    ],
    success: [{ status: 200, description: 'echostr', media: 'text/plain' }],
    errors: ['method_disabled'],
  },
  {
    method: 'post',
    path: '/connections/wechat-mp/events',
    summary: 'WeChat Official Account: pushed subscribe / SCAN events (XML, signed)',
    query: [
      { name: 'signature', required: true, description: 'sha1 of the sorted token, timestamp and nonce' },
      { name: 'timestamp', required: true, description: 'Seconds' },
      { name: 'nonce', required: true, description: 'Random' },
    ],
    success: [{ status: 200, description: '"success"', media: 'text/plain' }],
    errors: ['method_disabled'],
  },
  {
    method: 'get',
    path: '/dev/outbox',
    summary: 'Dev mode: messages “sent”, newest first (404 outside dev mode)',
    dev: true,
    query: [{ name: 'to', required: false, description: 'Only messages to this phone (E.164) or email' }],
    success: [{ status: 200, description: 'Messages', schemas: ['Outbox'] }],
    errors: ['not_found'],
  },
  {
    method: 'post',
    path: '/dev/legacy-accounts',
    summary: 'Dev mode: create a legacy (pre-2019) JD account for the demo',
    dev: true,
    body: 'LegacyAccountRequest',
    success: [{ status: 201, description: 'Created', schemas: ['AccountEnvelope'] }],
    errors: [...BODY_ERRORS, 'method_disabled', 'email_taken', 'phone_account_limit', 'not_found'],
  },
];

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export interface OpenApiOptions {
  providers: readonly ProviderId[];
  devMode: boolean;
  serverUrl?: string;
}

export function buildOpenApi({ providers, devMode, serverUrl }: OpenApiOptions): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(REQUESTS)) schemas[name] = jsonSchema(schema, 'input');
  for (const [name, schema] of Object.entries(RESPONSES)) schemas[name] = jsonSchema(schema, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    if (op.dev && !devMode) continue;
    const responses: Record<string, unknown> = {};
    for (const success of op.success) {
      const content: Record<string, unknown> = {};
      if (success.schemas) {
        content['application/json'] = {
          schema:
            success.schemas.length === 1 ? ref(success.schemas[0]!) : { oneOf: success.schemas.map(ref) },
        };
      }
      if (success.html) content['text/html'] = { schema: { type: 'string' } };
      if (success.media) content[success.media] = { schema: { type: 'string' } };
      responses[String(success.status)] = {
        description: success.description,
        ...(Object.keys(content).length > 0 && { content }),
      };
    }
    // One response per status, listing the codes it can carry.
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of op.errors)
      byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      const retry = codes.some(
        (code) =>
          code === 'rate_limited' ||
          code === 'code_cooldown' ||
          code === 'too_many_attempts' ||
          code === 'server_busy',
      );
      responses[String(status)] = {
        description: `Error: ${codes.join(', ')}`,
        ...(retry && {
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
        }),
        content: { 'application/json': { schema: ref('Error') } },
      };
    }
    const parameters = [
      { name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: [...providers] } },
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(op.query ?? []).map((q) => ({
        name: q.name,
        in: 'query',
        required: q.required,
        description: q.description,
        schema: { type: 'string' },
      })),
    ];
    const path = `/api/{provider}${op.path}`;
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      parameters,
      ...(op.body && {
        requestBody: {
          required: !op.bodyOptional,
          content: { 'application/json': { schema: ref(op.body) } },
        },
      }),
      responses,
      ...(op.auth && { security: [{ bearer: [] }, { cookie: [] }] }),
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'cloud-login reference server',
      version: '1',
      description:
        'The HTTP contract the cloud-login elements speak. Every error is {"error":{code,message,field?,retryAfter?,issues?}}. ' +
        'Bodies must be application/json. Authenticated calls send Authorization: Bearer <token> or the session cookie; ' +
        'cookie-authenticated writes must come from an allowed Origin.',
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session token from an Authenticated answer',
        },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cl_session_{provider}',
          description: '`__Host-` prefixed on https',
        },
      },
    },
  };
}
