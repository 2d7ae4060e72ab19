/**
 * The presets as plain data, and the constants their schema is built from. No zod here: a
 * browser bundle reads presets on every page, and zod's schema machinery is about 7 KB gzip it
 * would carry for nothing. The schema (`PresetSchema`), the types derived from it and
 * `resolvePreset` — which validates a site's overrides — are in `presets.ts`, which re-exports
 * everything here; import from there (or the package index) as before.
 */
import type { Agreement, CodePolicy, Preset } from './presets.ts';

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
