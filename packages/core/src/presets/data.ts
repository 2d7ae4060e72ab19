/**
 * The names every preset is built from — provider ids, locales, methods, fields — with no
 * imports at all, so the schema (`schema.ts`), the shared values (`defaults.ts`), the API schemas
 * and a browser page can all read them without pulling zod or any preset in.
 */
export const PROVIDER_IDS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A preset's text in `locale`. Traditional Chinese is optional in a site's own labels (an
 * agreement written before zh-TW existed): the Simplified text stands in, which a zh-TW reader
 * can still read, rather than the English.
 */
export function localText(
  text: { readonly en: string; readonly 'zh-CN': string; readonly 'zh-TW'?: string | undefined },
  locale: Locale,
): string {
  return locale === 'zh-TW' ? (text['zh-TW'] ?? text['zh-CN']) : text[locale];
}

/** Sign-in methods, in the order a preset lists them (the first is shown first). */
export const LOGIN_METHODS = [
  'qr',
  'password',
  'sms',
  'subaccount',
  'iam',
  'jd',
  'wechat',
  'wechat-mp',
  'qq',
  'passkeys',
] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

/** Identity providers that third-party login goes through. */
export const IDPS = ['wechat', 'wechat-mp', 'qq', 'jd'] as const;
export type Idp = (typeof IDPS)[number];

/** Ways to register: through a form keyed by its first identifier, or through an identity provider. */
export const REGISTER_METHODS = ['account', 'phone', 'email', 'wechat', 'wechat-mp', 'qq'] as const;
export type RegisterMethod = (typeof REGISTER_METHODS)[number];

/** Field names of `POST /accounts` (plus `code`), as the HTTP contract names them. */
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

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}
