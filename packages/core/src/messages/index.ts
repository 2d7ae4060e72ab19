/**
 * Message catalogues (en, zh-CN), formatting with `{placeholders}`, per-site overrides and
 * locale resolution. The elements localise every error by its `code`, so every code of
 * `errors.ts` and `rules.ts` has a message here in both locales.
 */
import type { Locale } from '../presets.ts';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey };
export type Messages = { readonly [K in MessageKey]: string };
export type MessageParams = Readonly<Record<string, string | number>>;

/** A site's own wording, per locale and key; anything left out keeps the built-in text. */
export type MessageOverrides = { readonly [L in Locale]?: Partial<Record<MessageKey, string>> };

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };

/**
 * Whether `value` is a key of the catalogues. Own keys only, so a server code such as
 * `constructor` can never pick up a prototype property.
 */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholder names of a template, for the parity test and for tooling. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

/**
 * Fills `{name}` from `params`. A placeholder without a value stays as written: visible in
 * review, where an empty string would silently produce "Try again in  s".
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message for `key` in `locale`, the site's override first. */
export function format(locale: Locale, key: MessageKey, params?: MessageParams, overrides?: MessageOverrides): string {
  const own = overrides?.[locale];
  const template = own && Object.hasOwn(own, key) && typeof own[key] === 'string' ? own[key] : MESSAGES[locale][key];
  return interpolate(template, params);
}

/** A translator bound to one locale (and the site's overrides): `t('action.getCode')`. */
export function t(locale: Locale, overrides?: MessageOverrides): (key: MessageKey, params?: MessageParams) => string {
  return (key, params) => format(locale, key, params, overrides);
}

/**
 * The message for a code from the server, which may be newer than this catalogue: an unknown
 * code gets the generic `unexpected_response` text rather than the raw code.
 */
export function messageForCode(locale: Locale, code: string, params?: MessageParams, overrides?: MessageOverrides): string {
  return format(locale, isMessageKey(code) ? code : 'unexpected_response', params, overrides);
}

/**
 * The key for an API error: `{code}.{field}` when the catalogue has that contextual variant (SMS
 * login for a phone without accounts, `not_found` + `field: "phone"` → `not_found.phone`), else
 * the code's own key, else the generic `unexpected_response` for a code newer than this catalogue.
 */
export function messageKeyFor(code: string, field?: string): MessageKey {
  if (field) {
    const contextual = `${code}.${field}`;
    if (isMessageKey(contextual)) return contextual;
  }
  return isMessageKey(code) ? code : 'unexpected_response';
}

/**
 * A wait in words, for `retryAfter`: seconds under 2 minutes, minutes under 2 hours, hours
 * beyond ("45 s", "15 min", "11 h" / "45 秒", "15 分钟", "11 小时"). Rounded up, so the reader never
 * tries again too early.
 */
export function formatRetry(locale: Locale, seconds: number, overrides?: MessageOverrides): string {
  const s = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 1));
  if (s < 120) return format(locale, 'retry.seconds', { seconds: s }, overrides);
  if (s < 120 * 60) return format(locale, 'retry.minutes', { minutes: Math.ceil(s / 60) }, overrides);
  return format(locale, 'retry.hours', { hours: Math.ceil(s / 3600) }, overrides);
}

function overridden(overrides: MessageOverrides | undefined, locale: Locale, key: MessageKey): boolean {
  const own = overrides?.[locale];
  return own !== undefined && Object.hasOwn(own, key) && typeof own[key] === 'string';
}

/** What an API error carries that its message can use. */
export interface ErrorForMessage {
  code: string;
  field?: string;
  retryAfter?: number;
}

/**
 * The message for an API error, all choices made: the contextual variant by `field`
 * (`messageKeyFor`), then, when `retryAfter` is given and the code has a `{code}.wait` variant,
 * that variant with the wait in words (`formatRetry`) — unless the site reworded the plain key
 * and not the variant, whose wording then stands. `{seconds}` and `{wait}` are both filled, so
 * an override of either key may use either; `params` adds the rest (`{count}`…).
 */
export function messageForError(locale: Locale, error: ErrorForMessage, params?: MessageParams, overrides?: MessageOverrides): string {
  let key = messageKeyFor(error.code, error.field);
  const retry = error.retryAfter !== undefined && error.retryAfter > 0 ? error.retryAfter : undefined;
  const wait = `${error.code}.wait`;
  if (retry !== undefined && key === error.code && isMessageKey(wait) && (overridden(overrides, locale, wait) || !overridden(overrides, locale, key))) {
    key = wait;
  }
  const filled = retry !== undefined ? { ...params, seconds: retry, wait: formatRetry(locale, retry, overrides) } : params;
  return format(locale, key, filled, overrides);
}

/**
 * Maps one BCP 47 tag to a supported locale, or `null`. Simplified Chinese tags (`zh`,
 * `zh-Hans`, `zh-CN`, `zh-SG`) give zh-CN; Traditional ones (`zh-TW`, `zh-HK`, `zh-Hant`) give
 * `null`, so the next preference is tried (zh-CN is not what those readers asked for).
 */
export function matchLocale(tag: string): Locale | null {
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const [language, ...rest] = parts;
  if (language === 'en') return 'en';
  if (language !== 'zh') return null;
  if (rest.includes('hant')) return null;
  if (rest.includes('hans')) return 'zh-CN';
  const region = rest.find((part) => part.length === 2);
  return region === undefined || region === 'cn' || region === 'sg' ? 'zh-CN' : null;
}

/**
 * The locale an element renders in (SPEC §4): its `locale` attribute, then `<html lang>`, then
 * the browser's languages in order; the first one we support wins, else English.
 */
export function resolveLocale(
  attr?: string | null,
  htmlLang?: string | null,
  navigatorLanguages?: readonly string[] | null,
): Locale {
  for (const tag of [attr, htmlLang, ...(navigatorLanguages ?? [])]) {
    if (!tag) continue;
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return 'en';
}
