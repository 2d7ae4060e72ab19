/**
 * Provider presets: one typed object per console, validated by a zod schema. Both the elements
 * and the server read these, so each rule of SPEC §1 is written once, here, as data.
 */
import * as z from 'zod/mini';

export const PROVIDER_IDS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Sign-in methods, in the order a preset lists them (the first is shown first). */
export const LOGIN_METHODS = ['qr', 'password', 'sms', 'subaccount', 'iam', 'jd', 'wechat', 'wechat-mp', 'qq'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

/** Identity providers that third-party login goes through. */
export const IDPS = ['wechat', 'wechat-mp', 'qq', 'jd'] as const;
export type Idp = (typeof IDPS)[number];

/** Ways to register: through a form keyed by its first identifier, or through an identity provider. */
export const REGISTER_METHODS = ['account', 'phone', 'email', 'wechat', 'wechat-mp', 'qq'] as const;
export type RegisterMethod = (typeof REGISTER_METHODS)[number];

/** Field names of `POST /accounts` (plus `code`), as named in API.md. */
export const ACCOUNT_FIELDS = [
  'accountName',
  'password',
  'phone',
  'code',
  'email',
  'agreements',
  'industry',
  'recommendationCode',
  'contactPhone',
  'contactEmail',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export const IDENTIFIER_KINDS = ['accountName', 'phone', 'email'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const CHAR_CLASSES = ['letter', 'digit', 'symbol'] as const;
export type CharClass = (typeof CHAR_CLASSES)[number];

const text = z.object({ en: z.string(), 'zh-CN': z.string() });
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

export const PresetSchema = z.object({
  id: z.enum(PROVIDER_IDS),
  name: text,
  /** Brand colours for the element's default look; sites override through `--cloud-*`. */
  theme: z.object({ brand: z.string(), brandContrast: z.string(), radius: z.string() }),
  locales: z.array(z.enum(LOCALES)),
  defaultLocale: z.enum(LOCALES),
  /** `null`: the preset has no account names. */
  accountName: z.nullable(AccountNamePolicySchema),
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
  /** Sub-accounts (QingCloud): created by a main account, sign in with email + password. */
  subaccounts: z.boolean(),
  /** Where "IAM user login" points; a site sets it. */
  iamLoginUrl: z.nullable(z.string()),
});
export type Preset = z.infer<typeof PresetSchema>;


const SECURE_CODES: CodePolicy = {
  length: 6,
  ttl: 300,
  resendAfter: 60,
  maxAttempts: 5,
  dailyPerPhone: 10,
  dailyPerAddress: 50,
  channels: ['sms', 'voice'],
};

const COMMON = {
  locales: [...LOCALES],
  emailLinkTtl: 7200,
  ticketTtl: 600,
  qrTtl: 120,
  industries: [],
  legacyCutoff: null,
  subaccounts: false,
  iamLoginUrl: null,
} satisfies Partial<Preset>;

const serviceAgreement = (href: string): Agreement => ({
  id: 'service',
  label: { en: 'Service Agreement', 'zh-CN': '服务协议' },
  href,
});

const jdcloud: Preset = {
  ...COMMON,
  id: 'jdcloud',
  name: { en: 'JD Cloud', 'zh-CN': '京东云' },
  theme: { brand: '#e1251b', brandContrast: '#ffffff', radius: '4px' },
  defaultLocale: 'zh-CN',
  accountName: { min: 4, max: 20, allowCjk: true, forbidDigitsOnly: true },
  password: {
    min: 7,
    max: 20,
    requiredClasses: ['letter', 'digit', 'symbol'],
    minClasses: 3,
    minClassesEnforced: true,
    asciiOnly: true,
    notEqualAccountName: true,
    rejectCommon: false,
  },
  phone: { regions: ['CN'], steerInternationalToEmail: false },
  maxAccountsPerPhone: null,
  emailUnique: false,
  passwordLogin: { identifiers: ['accountName', 'phone', 'email'], shared: 'first-owner' },
  methods: { login: ['qr', 'password', 'jd', 'wechat'], register: ['account'] },
  registration: {
    account: {
      steps: [
        { id: 'credentials', fields: ['accountName', 'password'] },
        { id: 'phone', fields: ['phone', 'code', 'agreements'] },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: true,
    },
  },
  agreements: [
    { id: 'service', label: { en: 'JD Cloud User Service Agreement', 'zh-CN': '京东云用户服务协议' }, href: 'https://www.jdcloud.com/cn/agreements/service' },
    { id: 'privacy', label: { en: 'Privacy Policy', 'zh-CN': '隐私政策' }, href: 'https://www.jdcloud.com/cn/agreements/privacy' },
  ],
  code: SECURE_CODES,
  legacyCutoff: '2019-07-18',
};

const jdcloudClassic: Preset = {
  ...COMMON,
  id: 'jdcloud-classic',
  name: { en: 'JD Cloud (classic)', 'zh-CN': '京东云（经典）' },
  theme: { brand: '#c9151e', brandContrast: '#ffffff', radius: '2px' },
  defaultLocale: 'zh-CN',
  accountName: { min: 4, max: 20, allowCjk: true, forbidDigitsOnly: false },
  password: {
    min: 6,
    max: 20,
    requiredClasses: [],
    minClasses: 2,
    minClassesEnforced: false,
    asciiOnly: true,
    notEqualAccountName: false,
    rejectCommon: false,
  },
  phone: { regions: ['CN', 'HK', 'MO', 'TW'], steerInternationalToEmail: false },
  maxAccountsPerPhone: null,
  emailUnique: false,
  // 001 lists only JD login; password login with the chosen user name is ours, so an account
  // registered here can come back without a JD account.
  passwordLogin: { identifiers: ['accountName'], shared: 'first-owner' },
  methods: { login: ['jd', 'password'], register: ['phone'] },
  registration: {
    phone: {
      steps: [
        { id: 'phone', fields: ['phone', 'code', 'agreements'] },
        { id: 'credentials', fields: ['accountName', 'password'] },
        {
          id: 'enable-service',
          fields: ['contactPhone', 'contactEmail', 'recommendationCode'],
          optional: ['contactEmail', 'recommendationCode'],
        },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
  },
  agreements: [
    { id: 'jd-registration', label: { en: 'JD Registration Agreement', 'zh-CN': '京东用户注册协议' }, href: 'https://in.m.jd.com/help/app/register_info.html' },
    { id: 'privacy', label: { en: 'Privacy Policy', 'zh-CN': '隐私政策' }, href: 'https://in.m.jd.com/help/app/private_policy.html' },
    { id: 'service', label: { en: 'JD Cloud Service Agreement', 'zh-CN': '京东云服务协议' }, href: 'https://www.jdcloud.com/cn/agreements/service' },
  ],
  code: SECURE_CODES,
};

const qingcloud: Preset = {
  ...COMMON,
  id: 'qingcloud',
  name: { en: 'QingCloud', 'zh-CN': '青云QingCloud' },
  theme: { brand: '#00a971', brandContrast: '#ffffff', radius: '4px' },
  defaultLocale: 'zh-CN',
  accountName: null,
  password: {
    min: 8,
    max: 20,
    requiredClasses: [],
    minClasses: 2,
    minClassesEnforced: true,
    asciiOnly: true,
    notEqualAccountName: false,
    rejectCommon: false,
  },
  phone: { regions: ['CN'], steerInternationalToEmail: false },
  maxAccountsPerPhone: null,
  emailUnique: true,
  passwordLogin: { identifiers: ['phone', 'email'], shared: 'password-picks' },
  methods: { login: ['password', 'sms', 'wechat', 'subaccount', 'iam'], register: ['phone'] },
  registration: {
    phone: {
      steps: [
        { id: 'phone', fields: ['phone', 'code'] },
        { id: 'password', fields: ['password', 'agreements'] },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
  },
  agreements: [serviceAgreement('https://www.qingcloud.com/agreement')],
  code: SECURE_CODES,
  subaccounts: true,
};

const tencentcloud: Preset = {
  ...COMMON,
  id: 'tencentcloud',
  name: { en: 'Tencent Cloud', 'zh-CN': '腾讯云' },
  theme: { brand: '#0052d9', brandContrast: '#ffffff', radius: '3px' },
  defaultLocale: 'zh-CN',
  accountName: null,
  password: {
    min: 6,
    max: 20,
    requiredClasses: [],
    minClasses: 2,
    minClassesEnforced: true,
    asciiOnly: true,
    notEqualAccountName: false,
    rejectCommon: false,
  },
  phone: { regions: 'any', steerInternationalToEmail: true },
  maxAccountsPerPhone: 5,
  emailUnique: true,
  passwordLogin: { identifiers: ['email'], shared: 'first-owner' },
  methods: { login: ['password', 'wechat', 'wechat-mp', 'qq'], register: ['email', 'wechat', 'wechat-mp', 'qq'] },
  registration: {
    email: {
      steps: [{ id: 'credentials', fields: ['email', 'password', 'agreements'] }],
      activation: 'email-link',
      afterActivation: [{ id: 'industry', fields: ['industry'] }],
      offerSecurityEmail: false,
    },
  },
  agreements: [serviceAgreement('https://cloud.tencent.com/document/product/301/1967')],
  industries: [
    ['internet', 'Internet', '互联网'],
    ['gaming', 'Gaming', '游戏'],
    ['ecommerce', 'E-commerce and retail', '电商零售'],
    ['finance', 'Finance', '金融'],
    ['education', 'Education', '教育'],
    ['healthcare', 'Healthcare', '医疗健康'],
    ['media', 'Media and entertainment', '文娱传媒'],
    ['manufacturing', 'Manufacturing', '工业制造'],
    ['government', 'Government and public services', '政务'],
    ['transport', 'Transport and logistics', '交通物流'],
    ['other', 'Other', '其他'],
  ].map(([id, en, zh]) => ({ id: id!, label: { en: en!, 'zh-CN': zh! } })),
  code: SECURE_CODES,
};

const defaultPreset: Preset = {
  ...COMMON,
  id: 'default',
  name: { en: 'Sign in', 'zh-CN': '登录' },
  theme: { brand: '#2855c8', brandContrast: '#ffffff', radius: '6px' },
  defaultLocale: 'en',
  accountName: null,
  // NIST SP 800-63B: length over composition rules, and a blocklist of common passwords.
  password: {
    min: 8,
    max: 64,
    requiredClasses: [],
    minClasses: 0,
    minClassesEnforced: false,
    asciiOnly: false,
    notEqualAccountName: false,
    rejectCommon: true,
  },
  phone: { regions: 'any', steerInternationalToEmail: false },
  maxAccountsPerPhone: 1,
  emailUnique: true,
  passwordLogin: { identifiers: ['email', 'phone'], shared: 'first-owner' },
  methods: { login: ['password', 'sms'], register: ['email', 'phone'] },
  registration: {
    email: {
      steps: [{ id: 'credentials', fields: ['email', 'password'] }],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
    phone: {
      steps: [
        { id: 'phone', fields: ['phone', 'code'] },
        { id: 'password', fields: ['password'] },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
  },
  agreements: [],
  code: SECURE_CODES,
};

export const PRESETS: Readonly<Record<ProviderId, Preset>> = {
  jdcloud,
  'jdcloud-classic': jdcloudClassic,
  qingcloud,
  tencentcloud,
  default: defaultPreset,
};

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
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
 * The preset a site gets: the named preset with the site's overrides merged in (objects merge,
 * arrays and scalars replace), validated again so an override cannot produce an invalid preset.
 */
export function resolvePreset(id: ProviderId = 'default', overrides?: PresetOverrides): Preset {
  const base = PRESETS[id];
  if (!overrides) return base;
  const merged = merge(base, overrides) as Preset;
  return PresetSchema.parse({ ...merged, id });
}
