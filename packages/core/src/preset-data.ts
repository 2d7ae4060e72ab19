/**
 * What every preset shares, without zod and without the presets themselves: the constants the
 * schema is built from, the values the built-in presets have in common, and `loadPreset`, which
 * imports one preset's module (`presets/<id>.ts`). A browser page reads this module and loads
 * only the preset it shows; the server and tests read all five through `PRESETS` (`presets.ts`,
 * which also holds `resolvePreset`; the schema and types are in `preset-schema.ts`). The
 * package index and `presets.ts` re-export everything here.
 */
import type { CodePolicy, Preset } from './preset-schema.ts';

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

/** SPEC §3, the same for every built-in preset: 6 digits, 5 minutes, resend after 60 s, 5 tries, 10 a day. */
export const SECURE_CODES: CodePolicy = {
  length: 6,
  ttl: 300,
  resendAfter: 60,
  maxAttempts: 5,
  dailyPerPhone: 10,
  dailyPerAddress: 50,
  channels: ['sms', 'voice'],
};

/** What a built-in preset has unless it says otherwise. */
export const PRESET_DEFAULTS = {
  locales: [...LOCALES],
  emailLinkTtl: 7200,
  ticketTtl: 600,
  qrTtl: 120,
  industries: [],
  legacyCutoff: null,
  firstLogin: null,
  subaccounts: false,
  iamLoginUrl: null,
} satisfies Partial<Preset>;

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

// Dynamic imports, so a bundler makes each preset a chunk of its own.
const PRESET_MODULES: Record<ProviderId, () => Promise<{ default: Preset }>> = {
  jdcloud: () => import('./presets/jdcloud.ts'),
  'jdcloud-classic': () => import('./presets/jdcloud-classic.ts'),
  qingcloud: () => import('./presets/qingcloud.ts'),
  tencentcloud: () => import('./presets/tencentcloud.ts'),
  default: () => import('./presets/default.ts'),
};

/** Loads one preset's module; rejects for an id that is not a preset's. */
export async function loadPreset(id: ProviderId): Promise<Preset> {
  if (!isProviderId(id)) throw new RangeError(`unknown provider "${String(id)}"`);
  return (await PRESET_MODULES[id]()).default;
}
