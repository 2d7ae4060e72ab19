/**
 * The preset schema (zod/mini), the types derived from it, and `applyOverrides`, which merges a
 * site's overrides into a preset and validates the result. Browser bundles load this module only
 * when a site overrides a preset (zod is about 5 KB gzip); `index.ts` re-exports it.
 */
import * as z from 'zod/mini';
import {
  ACCOUNT_FIELDS,
  CHAR_CLASSES,
  IDENTIFIER_KINDS,
  IDPS,
  LOCALES,
  LOGIN_METHODS,
  PROVIDER_IDS,
  REGISTER_METHODS,
} from './data.ts';

const text = z.object({ en: z.string(), 'zh-CN': z.string(), 'zh-TW': z.optional(z.string()) });
export type LocalisedText = z.infer<typeof text>;

const positiveInt = z.number().check(z.int(), z.positive());

export const AccountNamePolicySchema = z.object({
  min: positiveInt,
  max: positiveInt,
  /** CJK ideographs allowed besides letters, digits, `-` and `_`. */
  allowCjk: z.boolean(),
  /** Reject names made of digits only (they would look like phone numbers). */
  forbidDigitsOnly: z.boolean(),
});
export type AccountNamePolicy = z.infer<typeof AccountNamePolicySchema>;

export const PasswordPolicySchema = z.object({
  min: positiveInt,
  max: positiveInt,
  /** Classes every password must contain (JD: letter, digit and symbol). */
  requiredClasses: z.array(z.enum(CHAR_CLASSES)),
  /** At least this many different classes. */
  minClasses: z.number().check(z.int(), z.minimum(0), z.maximum(3)),
  /** `false`: `minClasses` is only recommended (a hint that ticks, never a rejection). */
  minClassesEnforced: z.boolean(),
  /** Only printable ASCII without space (JD's "English symbols other than spaces"). */
  asciiOnly: z.boolean(),
  notEqualAccountName: z.boolean(),
  /** Reject the most common passwords (the `default` preset, NIST 800-63B). */
  rejectCommon: z.boolean(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

export const PhonePolicySchema = z.object({
  /** ISO 3166 region codes, or `any`. The first is the picker's default. */
  regions: z.union([z.literal('any'), z.array(z.string().check(z.regex(/^[A-Z]{2}$/)))]),
  /** Tencent steers users outside mainland China to email registration. */
  steerInternationalToEmail: z.boolean(),
});
export type PhonePolicy = z.infer<typeof PhonePolicySchema>;

export const CodePolicySchema = z.object({
  length: positiveInt,
  /** Seconds a code stays valid. */
  ttl: positiveInt,
  /** Seconds before another code may be sent to the same phone. */
  resendAfter: positiveInt,
  /** Wrong tries after which the code is dead. */
  maxAttempts: positiveInt,
  /** Codes per phone per day, SMS and voice together. */
  dailyPerPhone: positiveInt,
  /** Codes per client address per day. */
  dailyPerAddress: positiveInt,
  /**
   * Codes per phone per client address per day: well below `dailyPerPhone`, so no one address
   * can use up a phone's day (docs/codes.md).
   */
  dailyPerPhonePerAddress: positiveInt,
  channels: z.array(z.enum(['sms', 'voice'])),
});
export type CodePolicy = z.infer<typeof CodePolicySchema>;

export const AgreementSchema = z.object({ id: z.string(), label: text, href: z.string() });
export type Agreement = z.infer<typeof AgreementSchema>;

export const IndustrySchema = z.object({ id: z.string(), label: text });
export type Industry = z.infer<typeof IndustrySchema>;

export const RegisterStepSchema = z.object({
  id: z.enum(['credentials', 'phone', 'password', 'enable-service', 'industry']),
  /** Fields this step asks for, in display order. */
  fields: z.array(z.enum(ACCOUNT_FIELDS)),
  /** Fields of this step that may stay empty. */
  optional: z.optional(z.array(z.enum(ACCOUNT_FIELDS))),
});
export type RegisterStep = z.infer<typeof RegisterStepSchema>;

export const RegistrationFlowSchema = z.object({
  /** Steps before the account exists, in order. */
  steps: z.array(RegisterStepSchema),
  /** `email-link`: the account is created inactive and signs in only after its activation link. */
  activation: z.enum(['none', 'email-link']),
  /** Steps that follow activation (Tencent's industry), answered through `POST /continue`. */
  afterActivation: z.array(RegisterStepSchema),
  /** JD offers a skippable security-email step once the account exists. */
  offerSecurityEmail: z.boolean(),
});
export type RegistrationFlow = z.infer<typeof RegistrationFlowSchema>;

/**
 * What a third-party login asks the first time an identity arrives, before it is bound
 * (docs/flows.md#third-party-login).
 */
export const FirstLoginSchema = z.object({
  /**
   * A phone proven first (phone + code), then: `bind` one of its accounts (none: refused),
   * `bind-or-create` (its accounts, or a new one), or `create` a new account. `null`: no phone step.
   */
  phone: z.nullable(z.enum(['bind', 'bind-or-create', 'create'])),
  /**
   * Fields asked beside the phone and code (JD: the agreements, accepted there because a new
   * account may follow without another step).
   */
  phoneStep: z.optional(z.array(z.enum(['agreements']))),
  /** Identity providers that give no email: a new account asks for one before `create`. */
  askEmail: z.array(z.enum(IDPS)),
  /**
   * The form that creates a new account. No fields: the account is created at once, with a
   * generated account name and no password, which the person may set later (002).
   */
  create: RegisterStepSchema,
});
export type FirstLogin = z.infer<typeof FirstLoginSchema>;

/**
 * Second steps a sign-in may continue with once its first method succeeded: `totp`, an
 * authenticator app's time-based codes (docs/flows.md#two-step-verification). Here rather than in
 * `data.ts`: no page needs the list (the server tells an account whether it has one).
 */
export const TWO_STEP_METHODS = ['totp'] as const;
export type TwoStepMethod = (typeof TWO_STEP_METHODS)[number];

export const PresetSchema = z.object({
  id: z.enum(PROVIDER_IDS),
  name: text,
  /**
   * The element's default look; sites override through `--cloud-*`. `focus`: the focus ring's
   * colour where the brand's would read as an error (a red brand); `shadow`: the card's shadow.
   */
  theme: z.object({
    brand: z.string(),
    brandContrast: z.string(),
    radius: z.string(),
    focus: z.optional(z.string()),
    shadow: z.optional(z.string()),
  }),
  locales: z.array(z.enum(LOCALES)),
  defaultLocale: z.enum(LOCALES),
  /** `null`: the preset has no account names. */
  accountName: z.nullable(AccountNamePolicySchema),
  /** What the forms call the account name: "User name" / 用户名 where the console says so (001); absent, "Account name". */
  accountNameLabel: z.optional(z.enum(['accountName', 'userName'])),
  password: PasswordPolicySchema,
  phone: PhonePolicySchema,
  /** `null`: no limit. */
  maxAccountsPerPhone: z.nullable(positiveInt),
  /** Whether one email may belong to one account only (create-if-absent on the email). */
  emailUnique: z.boolean(),
  /**
   * Identifiers password login accepts and how a phone or email shared by several accounts is
   * treated: `first-owner` (JD: only the first account that had it may use it) or
   * `password-picks` (QingCloud: the password decides; several matches → account chooser).
   */
  passwordLogin: z.object({
    identifiers: z.array(z.enum(IDENTIFIER_KINDS)),
    shared: z.enum(['first-owner', 'password-picks']),
  }),
  methods: z.object({
    login: z.array(z.enum(LOGIN_METHODS)),
    register: z.array(z.enum(REGISTER_METHODS)),
    /** Second steps accounts may turn on (`totp`); absent or empty: none. */
    twoStep: z.optional(z.array(z.enum(TWO_STEP_METHODS))),
  }),
  /** One registration flow per form-based register method. */
  registration: z.record(z.string(), RegistrationFlowSchema),
  agreements: z.array(AgreementSchema),
  industries: z.array(IndustrySchema),
  code: CodePolicySchema,
  /** Seconds an email verification or activation link stays valid. */
  emailLinkTtl: positiveInt,
  /** Seconds a flow ticket stays valid. */
  ticketTtl: positiveInt,
  /** Seconds an app QR ticket stays valid. */
  qrTtl: positiveInt,
  /** Accounts created before this date (ISO) are parent (JD) accounts until upgraded. */
  legacyCutoff: z.nullable(z.string()),
  /** Third-party login's first time; `null`: the preset binds no identity provider. */
  firstLogin: z.nullable(FirstLoginSchema),
  /** Sub-accounts (QingCloud): created by a main account, sign in with email + password. */
  subaccounts: z.boolean(),
  /** Where "IAM user login" points (docs/presets.md#qingcloud has the default); `null` hides it. */
  iamLoginUrl: z.nullable(z.string()),
  /** Where the app-QR panel says the provider's app can be downloaded (002); absent: no hint. */
  appDownloadUrl: z.optional(z.string()),
  /** A third-party login offered as the login card's corner toggle, not a button (003: WeChat's QR). */
  cornerLogin: z.optional(z.literal('wechat')),
  /**
   * Advice the forms show where the source shows it: `secondary-number` beside the registration
   * code (000), `enterprise` above the register methods (004).
   */
  advice: z.optional(z.array(z.enum(['secondary-number', 'enterprise']))),
});
export type Preset = z.infer<typeof PresetSchema>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type PresetOverrides = DeepPartial<Omit<Preset, 'id'>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // Overrides come from site configuration; never let them reach the prototype chain.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = merge(base[key], value);
  }
  return out;
}

/**
 * `base` with a site's overrides merged in (objects merge, arrays and scalars replace), validated
 * again so an override cannot produce an invalid preset or change the id.
 */
export function applyOverrides(base: Preset, overrides: PresetOverrides): Preset {
  const merged = merge(base, overrides) as Preset;
  return PresetSchema.parse({ ...merged, id: base.id });
}
