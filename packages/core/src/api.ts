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

/**
 * `POST /codes/verify`: spends a registration code at the step that asks for it (QingCloud asks
 * for the password after the phone); the answer's `codeTicket` stands in for `code` on
 * `POST /accounts` for the same phone, for `expiresIn` seconds.
 */
export const CodeVerifyRequestSchema = z.object({
  phone: short,
  purpose: z.literal('register'),
  code: short,
});
export type CodeVerifyRequest = z.infer<typeof CodeVerifyRequestSchema>;

export const CodeVerifiedSchema = z.object({ codeTicket: z.string(), expiresIn: z.number() });
export type CodeVerified = z.infer<typeof CodeVerifiedSchema>;

export const CreateAccountRequestSchema = z.object({
  accountName: z.optional(short),
  password: z.optional(short),
  phone: z.optional(short),
  code: z.optional(short),
  /** From `POST /codes/verify` for this `phone`: the code proven at its own step, in place of `code`. */
  codeTicket: z.optional(short),
  /** The language of the activation or verification email. */
  locale: messageLocale,
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

/** `locale`: the language of a code the sign-in may send (an account under attack gets a code step). */
export const PasswordLoginRequestSchema = z.object({
  identifier: short,
  password: short,
  locale: messageLocale,
});
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
  /** The two-step verification step: the authenticator app's current code… */
  totp: z.optional(short),
  /** …or one of the account's single-use recovery codes. */
  recoveryCode: z.optional(short),
});
export type ContinueRequest = z.infer<typeof ContinueRequestSchema>;

/**
 * The proof a sensitive account change carries (`403 reauth_required` without it): the current
 * password, or a code sent with `POST /codes` purpose `reauth` to the account's phone.
 */
/** `locale`: the language of the security notice the change sends. */
export const ReauthProofSchema = z.object({
  currentPassword: z.optional(short),
  code: z.optional(short),
  locale: messageLocale,
});
export type ReauthProof = z.infer<typeof ReauthProofSchema>;

/**
 * `POST /account/connections`: binds the identity a `mode=bind` third-party login handed back
 * (its `ticket`) to the signed-in account, with the proof of `ReauthProof`.
 */
export const BindRequestSchema = z.object({
  ticket: short,
  currentPassword: z.optional(short),
  code: z.optional(short),
  /** The language of the security notice. */
  locale: messageLocale,
});
export type BindRequest = z.infer<typeof BindRequestSchema>;

export const EmailRequestSchema = z.object({
  email: short,
  returnTo: z.optional(z.string().check(z.maxLength(2048))),
  currentPassword: z.optional(short),
  code: z.optional(short),
  /** The language of the verification email and the security notice. */
  locale: messageLocale,
});
export type EmailRequest = z.infer<typeof EmailRequestSchema>;

export const PasswordChangeRequestSchema = z.object({
  currentPassword: z.optional(short),
  code: z.optional(short),
  newPassword: short,
  /** The language of the security notice. */
  locale: messageLocale,
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

/** `PUT /account/name`: the account's own name instead of a generated one, with a proof (see `ReauthProofSchema`). */
export const RenameRequestSchema = z.object({
  accountName: short,
  currentPassword: z.optional(short),
  code: z.optional(short),
});
export type RenameRequest = z.infer<typeof RenameRequestSchema>;

/**
 * `PATCH /account/contact`: the contact details the preset collects (001's enable-service step).
 * A field left out stays as it is, a blank one is cleared (refused where the preset requires it:
 * `field_required`). With a proof (see `ReauthProofSchema`); `locale` picks the security
 * notice's language.
 */
export const ContactRequestSchema = z.object({
  contactPhone: z.optional(short),
  contactEmail: z.optional(short),
  currentPassword: z.optional(short),
  code: z.optional(short),
  locale: messageLocale,
});
export type ContactRequest = z.infer<typeof ContactRequestSchema>;

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
  /** The name each identity provider gave for the person when bound (WeChat nickname, 002). */
  connectionNames: z.optional(z.array(z.object({ idp: z.enum(IDPS), nickname: z.string() }))),
  /**
   * The account name was made up when a third-party login created the account (002): the owner
   * may choose one, once (`PUT /account/name`).
   */
  accountNameGenerated: z.optional(z.boolean()),
  hasPassword: z.boolean(),
  kind: z.enum(['main', 'sub']),
  legacy: z.boolean(),
  createdAt: z.string(),
  industry: z.optional(z.string()),
  /** Where the provider reaches the person (001), masked like `phone`; not a login identifier. */
  contactPhone: z.optional(z.string()),
  contactEmail: z.optional(z.string()),
  parentId: z.optional(z.string()),
  /** Two-step verification (`totp`): present when the preset offers it; `recoveryCodesLeft` when on. */
  twoStep: z.optional(z.object({ totp: z.boolean(), recoveryCodesLeft: z.optional(z.number()) })),
});
export type Account = z.infer<typeof AccountSchema>;

/**
 * At or below this many recovery codes left, the account is told to make new ones: in the
 * notice a sign-in with one sends, and in account security's two-step section.
 */
export const FEW_RECOVERY_CODES = 2;

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

/**
 * One account of a chooser: masked, with what tells accounts that share a phone or email apart
 * (the end of the id, when each was created, when each last signed in).
 */
export const ChooserAccountSchema = z.object({
  id: z.string(),
  /** The masked account name, else the masked email, else the masked phone. */
  label: z.string(),
  /** The masked email or phone beside a label that is the account name (or the phone beside an email). */
  detail: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  /** The start of the account's newest live session; absent when it has none. */
  lastSignInAt: z.optional(z.string()),
});
export type ChooserAccount = z.infer<typeof ChooserAccountSchema>;

export const ChooseAccountSchema = z.object({
  status: z.literal('choose_account'),
  ticket: z.string(),
  accounts: z.array(ChooserAccountSchema),
  createNew: z.optional(z.boolean()),
  /** A third-party login's name for the person (WeChat nickname), to greet them by (002). */
  nickname: z.optional(z.string()),
});
export type ChooseAccount = z.infer<typeof ChooseAccountSchema>;

export const NeedsProfileSchema = z.object({
  status: z.literal('needs_profile'),
  ticket: z.string(),
  required: z.array(z.enum(ACCOUNT_FIELDS)),
  optional: z.array(z.enum(ACCOUNT_FIELDS)),
  /** A third-party login's name for the person (WeChat nickname), to greet them by (002). */
  nickname: z.optional(z.string()),
  /**
   * Initial values of fields the step asks for, still the person's to change: the contact phone
   * a JD login gave (001, "In this step, you can modify your phone"), in E.164.
   */
  prefill: z.optional(z.object({ contactPhone: z.optional(z.string()) })),
});
export type NeedsProfile = z.infer<typeof NeedsProfileSchema>;

/**
 * The second step of a sign-in to an account with two-step verification on: `POST /continue
 * {ticket, totp}` with the authenticator app's code, or `{ticket, recoveryCode}`.
 */
export const NeedsTwoStepSchema = z.object({
  status: z.literal('needs_profile'),
  ticket: z.string(),
  required: z.array(z.literal('totp')),
  optional: z.array(z.literal('recoveryCode')),
});
export type NeedsTwoStep = z.infer<typeof NeedsTwoStepSchema>;

/**
 * `POST /account/totp/setup`: a new secret for the authenticator app, not yet on. `ticket` goes
 * with the first code to `POST /account/totp/confirm`.
 */
export const TotpSetupSchema = z.object({
  ticket: z.string(),
  /** Base32, as `otpauth://` carries it. */
  secret: z.string(),
  /** The secret in groups of four, for typing into the app. */
  manualKey: z.string(),
  uri: z.string(),
  /** The URI as a QR code: an SVG `data:` URL (the secret never travels in a URL the browser fetches). */
  qr: z.string(),
  /** Seconds the `ticket` stays valid. */
  expiresIn: z.number(),
});
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

export const TotpConfirmRequestSchema = z.object({ ticket: secret, code: short });
export type TotpConfirmRequest = z.infer<typeof TotpConfirmRequestSchema>;

/** Ten single-use recovery codes, shown this once (the server keeps only their hashes). */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

export const ActivationSentSchema = z.object({ status: z.literal('activation_sent'), email: z.string() });
export type ActivationSent = z.infer<typeof ActivationSentSchema>;

export const EmailVerifiedSchema = z.object({ status: z.literal('verified'), account: AccountSchema });
export type EmailVerified = z.infer<typeof EmailVerifiedSchema>;

/** What sign-in and `/continue` can answer. */
export type SignInResult = Authenticated | ChooseAccount | NeedsProfile | NeedsTwoStep;
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
