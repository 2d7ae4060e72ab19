/**
 * The components of the OpenAPI document: the schemas published under `components.schemas`, and
 * the shape of one entry of the operation table.
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
  ContactRequestSchema,
  ContinueRequestSchema,
  CreateAccountRequestSchema,
  EmailRequestSchema,
  EmailVerifiedSchema,
  ERROR_CODES,
  NeedsNewPasswordSchema,
  NeedsProfileSchema,
  NeedsTwoStepSchema,
  OutboxMessageSchema,
  PasskeyCreateRequestSchema,
  PasskeyEnvelopeSchema,
  PasskeyListSchema,
  PasskeyLoginRequestSchema,
  PasskeyOptionsSchema,
  PasskeyRenameRequestSchema,
  PasswordChangeRequestSchema,
  ReauthProofSchema,
  BindRequestSchema,
  PasswordLoginRequestSchema,
  PasswordResetRequestSchema,
  PasswordResetVerifyRequestSchema,
  CodeVerifyRequestSchema,
  CodeVerifiedSchema,
  QR_STATUSES,
  QrCreatedSchema,
  RecoveryCodesSchema,
  ResetSentSchema,
  SessionSchema,
  SmsLoginRequestSchema,
  SubaccountCreateRequestSchema,
  SubaccountLoginRequestSchema,
  TotpConfirmRequestSchema,
  TotpSetupSchema,
  RenameRequestSchema,
  UpgradeRequestSchema,
  type ErrorCode,
} from '@cloud-login/core';
import { LegacyAccountRequestSchema } from './dev/routes.ts';

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    field: z.optional(z.string()),
    retryAfter: z.optional(z.number()),
    issues: z.optional(z.array(z.object({ path: z.string(), code: z.string(), message: z.string() }))),
    /** With `challenge_required`: the widget to show. */
    challenge: z.optional(z.object({ kind: z.string(), siteKey: z.optional(z.string()) })),
  }),
});
const ChallengeTokenSchema = z.object({ token: z.string() });

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

/** `POST /email/verify`: the link's token (JSON, or the confirmation page's form). */
const EmailVerifyRequestSchema = z.object({ token: z.string() });
/** `GET /email/verify` as JSON: the link, shown and not spent. */
const EmailPendingSchema = z.object({ status: z.literal('pending_confirmation'), email: z.string() });

/** Schemas published under `components.schemas`, by name. */
export const REQUESTS = {
  CodeRequest: CodeRequestSchema,
  CodeVerifyRequest: CodeVerifyRequestSchema,
  CreateAccountRequest: CreateAccountRequestSchema,
  PasswordLoginRequest: PasswordLoginRequestSchema,
  SmsLoginRequest: SmsLoginRequestSchema,
  SubaccountLoginRequest: SubaccountLoginRequestSchema,
  ContinueRequest: ContinueRequestSchema,
  EmailRequest: EmailRequestSchema,
  PasswordChangeRequest: PasswordChangeRequestSchema,
  ReauthProof: ReauthProofSchema,
  BindRequest: BindRequestSchema,
  SubaccountCreateRequest: SubaccountCreateRequestSchema,
  LegacyAccountRequest: LegacyAccountRequestSchema,
  UpgradeRequest: UpgradeRequestSchema,
  RenameRequest: RenameRequestSchema,
  ContactRequest: ContactRequestSchema,
  PasswordResetRequest: PasswordResetRequestSchema,
  PasswordResetVerifyRequest: PasswordResetVerifyRequestSchema,
  EmailVerifyRequest: EmailVerifyRequestSchema,
  PasskeyLoginRequest: PasskeyLoginRequestSchema,
  PasskeyCreateRequest: PasskeyCreateRequestSchema,
  PasskeyRenameRequest: PasskeyRenameRequestSchema,
  TotpConfirmRequest: TotpConfirmRequestSchema,
} as const;

export const RESPONSES = {
  Error: ErrorBodySchema,
  ChallengeToken: ChallengeTokenSchema,
  Config: ConfigSchema,
  CodeSent: CodeSentSchema,
  CodeVerified: CodeVerifiedSchema,
  AccountEnvelope: AccountEnvelopeSchema,
  Authenticated: AuthenticatedSchema,
  ChooseAccount: ChooseAccountSchema,
  NeedsProfile: NeedsProfileSchema,
  ActivationSent: ActivationSentSchema,
  EmailVerified: EmailVerifiedSchema,
  EmailPending: EmailPendingSchema,
  EmailSent: EmailSentSchema,
  Outbox: OutboxSchema,
  QrCreated: QrCreatedSchema,
  QrPoll: QrPollSchema,
  QrMove: QrMoveSchema,
  ResetSent: ResetSentSchema,
  NeedsNewPassword: NeedsNewPasswordSchema,
  PasskeyOptions: PasskeyOptionsSchema,
  PasskeyList: PasskeyListSchema,
  PasskeyEnvelope: PasskeyEnvelopeSchema,
  NeedsTwoStep: NeedsTwoStepSchema,
  TotpSetup: TotpSetupSchema,
  RecoveryCodes: RecoveryCodesSchema,
} as const;

export type RequestName = keyof typeof REQUESTS;
export type ResponseName = keyof typeof RESPONSES;

export interface Success {
  status: number;
  description: string;
  /** Component names; several mean "one of". Omitted: no body. */
  schemas?: ResponseName[];
  html?: boolean;
  /** Another media type the answer comes as (an image, a script, plain text). */
  media?: string;
}

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to `/api/{provider}`; Hono-style params are written `{name}` here. */
  path: string;
  summary: string;
  body?: RequestName;
  /** The body may be left out (a `DELETE` whose body only carries a proof). */
  bodyOptional?: true;
  query?: { name: string; required: boolean; description: string }[];
  success: Success[];
  errors: ErrorCode[];
  /** A session (bearer or cookie) is needed; `optional`: only for some requests. */
  auth?: boolean | 'optional';
  /** Mounted in dev mode only. */
  dev?: boolean;
}

export const BODY_ERRORS: ErrorCode[] = ['validation_failed', 'unsupported_media_type'];
export const AUTH_ERRORS: ErrorCode[] = ['unauthenticated', 'origin_not_allowed'];
/** How a change that needs the account proven again is refused (packages/server/README.md, "Proving the account again"). */
export const REAUTH_ERRORS: ErrorCode[] = [
  'reauth_required',
  'invalid_credentials',
  'invalid_code',
  'code_expired',
  'too_many_attempts',
];
