/**
 * The shapes of the HTTP contract (packages/server/README.md) as zod/mini schemas. The server validates requests
 * and generates its OpenAPI document from these; the client and the elements use the inferred
 * types. Field names are binding: add, never rename.
 *
 * Request schemas check shape and size only. The preset's rules (name, password, phone) are
 * checked afterwards with the validators in `rules.ts`, so each rule answers with its own code.
 */
import * as z from 'zod/mini';
import {
  ACCOUNT_FIELDS,
  IDPS,
  LOCALES,
  LOGIN_METHODS,
  PROVIDER_IDS,
  REGISTER_METHODS,
} from './presets/data.ts';

/** Upper bound for any free-text field; rules impose the real limits. */
const short = z.string().check(z.maxLength(256));
const secret = z.string().check(z.maxLength(1024));

/** A message's language: `en`, `zh-CN` or `zh-TW` (any BCP 47 tag those match); else `Accept-Language`'s. */
const messageLocale = z.optional(
  z
    .string()
    .check(
      z.maxLength(35),
      z.describe(
        'Language of the message sent: en, zh-CN or zh-TW (zh-Hant, zh-HK, zh-MO give zh-TW; zh, zh-Hans, zh-SG give zh-CN); otherwise the Accept-Language header decides',
      ),
    ),
);

/**
 * `purpose: "reauth"` needs a session and goes to the signed-in account's own phone: `phone` is
 * ignored then. `locale` (`en`, `zh-CN`, `zh-TW`; other tags fall back to `Accept-Language`) picks the
 * message's language.
 */
export const CodeRequestSchema = z.object({
  phone: z.optional(short),
  channel: z.enum(['sms', 'voice']),
  purpose: z.enum(['register', 'login', 'bind', 'reauth']),
  locale: messageLocale,
  /** A token from the challenge a `428 challenge_required` asked for. */
  challengeToken: z.optional(z.string().check(z.maxLength(4096))),
});
export type CodeRequest = z.infer<typeof CodeRequestSchema>;

export const CodeSentSchema = z.object({ expiresIn: z.number(), resendAfter: z.number() });
export type CodeSent = z.infer<typeof CodeSentSchema>;

export const CreateAccountRequestSchema = z.object({
  accountName: z.optional(short),
  password: z.optional(short),
  phone: z.optional(short),
  code: z.optional(short),
  email: z.optional(short),
  /** Ids of the agreements the user accepted; `true` accepts all of the preset's. */
  agreements: z.optional(z.union([z.boolean(), z.array(short).check(z.maxLength(20))])),
  industry: z.optional(short),
  recommendationCode: z.optional(short),
  contactPhone: z.optional(short),
  contactEmail: z.optional(short),
  returnTo: z.optional(z.string().check(z.maxLength(2048))),
  /**
   * SHA-256 (hex) of a secret the registering page keeps: the ticket an activation link hands
   * back through the address (`#cl_ticket`) is redeemed only with that secret (`flowSecret`).
   */
  flowHash: z.optional(short),
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequestSchema>;

export const PasswordLoginRequestSchema = z.object({ identifier: short, password: short });
export type PasswordLoginRequest = z.infer<typeof PasswordLoginRequestSchema>;

export const SmsLoginRequestSchema = z.object({ phone: short, code: short });
export type SmsLoginRequest = z.infer<typeof SmsLoginRequestSchema>;

export const SubaccountLoginRequestSchema = z.object({ email: short, password: short });
export type SubaccountLoginRequest = z.infer<typeof SubaccountLoginRequestSchema>;

export const ContinueRequestSchema = z.object({
  ticket: secret,
  accountId: z.optional(short),
  createNew: z.optional(z.boolean()),
  accountName: z.optional(short),
  password: z.optional(short),
  phone: z.optional(short),
  code: z.optional(short),
  email: z.optional(short),
  agreements: z.optional(z.union([z.boolean(), z.array(short).check(z.maxLength(20))])),
  industry: z.optional(short),
  recommendationCode: z.optional(short),
  contactPhone: z.optional(short),
  contactEmail: z.optional(short),
  /** A password reset's last step. */
  newPassword: z.optional(short),
  /** Binding a third-party login to an account that has a password: that password (`password` is taken as well). */
  currentPassword: z.optional(short),
  /**
   * The secret whose hash (`flowHash`) started the flow: required for a ticket that came through
   * the address (`#cl_ticket`), or it answers 410 `ticket_expired`.
   */
  flowSecret: z.optional(short),
});
export type ContinueRequest = z.infer<typeof ContinueRequestSchema>;

/**
 * The proof a sensitive account change carries (`403 reauth_required` without it): the current
 * password, or a code sent with `POST /codes` purpose `reauth` to the account's phone.
 */
export const ReauthProofSchema = z.object({ currentPassword: z.optional(short), code: z.optional(short) });
export type ReauthProof = z.infer<typeof ReauthProofSchema>;

/**
 * `POST /account/connections`: binds the identity a `mode=bind` third-party login handed back
 * (its `ticket`) to the signed-in account, with the proof of `ReauthProof`.
 */
export const BindRequestSchema = z.object({
  ticket: short,
  currentPassword: z.optional(short),
  code: z.optional(short),
});
export type BindRequest = z.infer<typeof BindRequestSchema>;

export const EmailRequestSchema = z.object({
  email: short,
  returnTo: z.optional(z.string().check(z.maxLength(2048))),
  currentPassword: z.optional(short),
  code: z.optional(short),
});
export type EmailRequest = z.infer<typeof EmailRequestSchema>;

export const PasswordChangeRequestSchema = z.object({
  currentPassword: z.optional(short),
  code: z.optional(short),
  newPassword: short,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;

/**
 * `POST /password-resets`: `identifier` is a phone (E.164), an email or an account name. The
 * channel defaults to `email` for an email and `sms` otherwise; `locale` (`en`, `zh-CN`, `zh-TW`; other
 * tags fall back to `Accept-Language`) picks the message's language.
 */
export const PasswordResetRequestSchema = z.object({
  identifier: short,
  channel: z.optional(z.enum(['sms', 'voice', 'email'])),
  locale: messageLocale,
});
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/** The same answer whether or not the identifier has an account. */
export const ResetSentSchema = z.object({
  status: z.literal('reset_sent'),
  channel: z.enum(['sms', 'voice', 'email']),
  expiresIn: z.number(),
  resendAfter: z.number(),
});
export type ResetSent = z.infer<typeof ResetSentSchema>;

/** `locale` here picks the language of the `security_notice` the reset ends with. */
/**
 * A password reset's last step: a `NeedsProfile` whose only field is `newPassword` (a field of
 * `POST /continue`, not of `POST /accounts`, hence a shape of its own).
 */
export const NeedsNewPasswordSchema = z.object({
  status: z.literal('needs_profile'),
  ticket: z.string(),
  required: z.array(z.literal('newPassword')),
  optional: z.array(z.literal('newPassword')),
});
export type NeedsNewPassword = z.infer<typeof NeedsNewPasswordSchema>;

/** What `POST /password-resets/verify` answers, and `POST /continue` to a reset's chooser. */
export type ResetStep = ChooseAccount | NeedsNewPassword;

export const PasswordResetVerifyRequestSchema = z.object({
  identifier: short,
  code: short,
  locale: z.optional(z.string().check(z.maxLength(35))),
});
export type PasswordResetVerifyRequest = z.infer<typeof PasswordResetVerifyRequestSchema>;

export const UpgradeRequestSchema = z.object({ accountName: short, password: short });
export type UpgradeRequest = z.infer<typeof UpgradeRequestSchema>;

export const SubaccountCreateRequestSchema = z.object({ email: short, password: short });
export type SubaccountCreateRequest = z.infer<typeof SubaccountCreateRequestSchema>;

export const AccountSchema = z.object({
  id: z.string(),
  provider: z.enum(PROVIDER_IDS),
  accountName: z.optional(z.string()),
  /** Masked: `+86 138****8000`. */
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  emailVerified: z.boolean(),
  loginIdentifiers: z.array(z.enum(['accountName', 'phone', 'email'])),
  connections: z.array(z.enum(IDPS)),
  hasPassword: z.boolean(),
  kind: z.enum(['main', 'sub']),
  legacy: z.boolean(),
  createdAt: z.string(),
  industry: z.optional(z.string()),
  parentId: z.optional(z.string()),
});
export type Account = z.infer<typeof AccountSchema>;

export const SessionSchema = z.object({ token: z.string(), expiresAt: z.string() });
export type Session = z.infer<typeof SessionSchema>;

export const AuthenticatedSchema = z.object({
  status: z.literal('authenticated'),
  account: AccountSchema,
  session: SessionSchema,
  /** The `returnTo` saved for this flow, when there is one (Tencent's "back where you were"). */
  returnTo: z.optional(z.string()),
});
export type Authenticated = z.infer<typeof AuthenticatedSchema>;

export const ChooseAccountSchema = z.object({
  status: z.literal('choose_account'),
  ticket: z.string(),
  accounts: z.array(z.object({ id: z.string(), label: z.string() })),
  createNew: z.optional(z.boolean()),
});
export type ChooseAccount = z.infer<typeof ChooseAccountSchema>;

export const NeedsProfileSchema = z.object({
  status: z.literal('needs_profile'),
  ticket: z.string(),
  required: z.array(z.enum(ACCOUNT_FIELDS)),
  optional: z.array(z.enum(ACCOUNT_FIELDS)),
});
export type NeedsProfile = z.infer<typeof NeedsProfileSchema>;

export const ActivationSentSchema = z.object({ status: z.literal('activation_sent'), email: z.string() });
export type ActivationSent = z.infer<typeof ActivationSentSchema>;

export const EmailVerifiedSchema = z.object({ status: z.literal('verified'), account: AccountSchema });
export type EmailVerified = z.infer<typeof EmailVerifiedSchema>;

/** What sign-in and `/continue` can answer. */
export type SignInResult = Authenticated | ChooseAccount | NeedsProfile;
export type RegisterResult = Authenticated | ActivationSent;

export const ConfigSchema = z.object({
  provider: z.enum(PROVIDER_IDS),
  locales: z.array(z.enum(LOCALES)),
  methods: z.object({ login: z.array(z.enum(LOGIN_METHODS)), register: z.array(z.enum(REGISTER_METHODS)) }),
  policies: z.object({
    accountName: z.nullable(
      z.object({ min: z.number(), max: z.number(), allowCjk: z.boolean(), forbidDigitsOnly: z.boolean() }),
    ),
    password: z.object({
      min: z.number(),
      max: z.number(),
      requiredClasses: z.array(z.string()),
      minClasses: z.number(),
      minClassesEnforced: z.boolean(),
      asciiOnly: z.boolean(),
      notEqualAccountName: z.boolean(),
      rejectCommon: z.boolean(),
    }),
    phone: z.object({
      regions: z.union([z.literal('any'), z.array(z.string())]),
      steerInternationalToEmail: z.boolean(),
    }),
    maxAccountsPerPhone: z.optional(z.number()),
    code: z.object({
      length: z.number(),
      ttl: z.number(),
      resendAfter: z.number(),
      channels: z.array(z.enum(['sms', 'voice'])),
    }),
    emailLinkTtl: z.number(),
  }),
  agreements: z.array(
    z.object({
      id: z.string(),
      label: z.object({ en: z.string(), 'zh-CN': z.string(), 'zh-TW': z.optional(z.string()) }),
      href: z.string(),
    }),
  ),
  industries: z.optional(
    z.array(
      z.object({
        id: z.string(),
        label: z.object({ en: z.string(), 'zh-CN': z.string(), 'zh-TW': z.optional(z.string()) }),
      }),
    ),
  ),
});
export type PublicConfig = z.infer<typeof ConfigSchema>;

export const QrCreatedSchema = z.object({
  id: z.string(),
  secret: z.string(),
  payload: z.string(),
  image: z.string(),
  expiresAt: z.string(),
  pollInterval: z.number(),
});
export type QrCreated = z.infer<typeof QrCreatedSchema>;

export const QR_STATUSES = ['pending', 'scanned', 'confirmed', 'denied', 'expired'] as const;
export type QrStatus = (typeof QR_STATUSES)[number];

export const OutboxMessageSchema = z.object({
  channel: z.enum(['sms', 'voice', 'email']),
  to: z.string(),
  purpose: z.string(),
  code: z.optional(z.string()),
  link: z.optional(z.string()),
  text: z.string(),
  sentAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
