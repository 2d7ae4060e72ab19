/**
 * Formatting over any message tables, without the tables: placeholders, site overrides, the
 * choices behind an API error's message, locale resolution. `index.ts` binds these to the whole
 * catalogue (`MESSAGES`); the elements bind them to the parts a page has loaded, so a login page
 * does not download the registration or account-security strings to format its own.
 */
import type { Locale } from '../presets/data.ts';

export type MessageParams = Readonly<Record<string, string | number>>;

/** Messages per locale and key: a whole catalogue, or the parts loaded so far. */
export type MessageTables = { readonly [L in Locale]: Readonly<Record<string, string>> };

/** A catalogue part: the same keys in every locale (the compiler checks zh-CN and zh-TW against en). */
export type Catalogue<K extends string> = { readonly [L in Locale]: { readonly [Key in K]: string } };

/** A site's own wording, per locale and key; anything left out keeps the built-in text. */
export type Overrides = { readonly [L in Locale]?: Readonly<Partial<Record<string, string>>> };

/** Whether `tables` has `key`. Own keys only: a code such as `constructor` never matches. */
export function hasMessage(tables: MessageTables, key: unknown): key is string {
  return typeof key === 'string' && Object.hasOwn(tables.en, key);
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholder names of a template, for the parity tests and for tooling. */
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

function overridden(overrides: Overrides | undefined, locale: Locale, key: string): boolean {
  const own = overrides?.[locale];
  return own !== undefined && Object.hasOwn(own, key) && typeof own[key] === 'string';
}

/**
 * The message for `key` in `locale` from `tables`, the site's override first. A key the tables
 * lack comes back as itself: the elements' lookup of a string whose part has not loaded.
 */
export function formatIn(
  tables: MessageTables,
  locale: Locale,
  key: string,
  params?: MessageParams,
  overrides?: Overrides,
): string {
  const template = overridden(overrides, locale, key)
    ? overrides![locale]![key]!
    : Object.hasOwn(tables[locale], key)
      ? tables[locale][key]!
      : key;
  return interpolate(template, params);
}

/**
 * The key for an API error: `{code}.{field}` when the tables have that contextual variant (SMS
 * login for a phone without accounts, `not_found` + `field: "phone"` → `not_found.phone`), else
 * the code's own key, else the generic `unexpected_response` for a code the tables lack.
 */
export function messageKeyIn(tables: MessageTables, code: string, field?: string): string {
  if (field) {
    const contextual = `${code}.${field}`;
    if (hasMessage(tables, contextual)) return contextual;
  }
  return hasMessage(tables, code) ? code : 'unexpected_response';
}

/**
 * A wait in words, for `retryAfter`: seconds under 2 minutes, minutes under 2 hours, hours
 * beyond ("45 s", "15 min", "11 h" / "45 秒", "15 分钟", "11 小时"). Rounded up, so the reader never
 * tries again too early.
 */
export function formatRetryIn(
  tables: MessageTables,
  locale: Locale,
  seconds: number,
  overrides?: Overrides,
): string {
  const s = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 1));
  if (s < 120) return formatIn(tables, locale, 'retry.seconds', { seconds: s }, overrides);
  if (s < 120 * 60)
    return formatIn(tables, locale, 'retry.minutes', { minutes: Math.ceil(s / 60) }, overrides);
  return formatIn(tables, locale, 'retry.hours', { hours: Math.ceil(s / 3600) }, overrides);
}

/** What an API error carries that its message can use. */
export interface ErrorForMessage {
  code: string;
  field?: string;
  retryAfter?: number;
}

/**
 * The message for an API error, all choices made: the contextual variant by `field`
 * (`messageKeyIn`), then, when `retryAfter` is given and the code has a `{code}.wait` variant,
 * that variant with the wait in words (`formatRetryIn`) — unless the site reworded the plain key
 * and not the variant, whose wording then stands. `{seconds}` and `{wait}` are both filled, so
 * an override of either key may use either; `params` adds the rest (`{count}`…).
 */
export function messageForErrorIn(
  tables: MessageTables,
  locale: Locale,
  error: ErrorForMessage,
  params?: MessageParams,
  overrides?: Overrides,
): string {
  let key = messageKeyIn(tables, error.code, error.field);
  const retry = error.retryAfter !== undefined && error.retryAfter > 0 ? error.retryAfter : undefined;
  const wait = `${error.code}.wait`;
  if (
    retry !== undefined &&
    key === error.code &&
    hasMessage(tables, wait) &&
    (overridden(overrides, locale, wait) || !overridden(overrides, locale, key))
  ) {
    key = wait;
  }
  const filled =
    retry !== undefined
      ? { ...params, seconds: retry, wait: formatRetryIn(tables, locale, retry, overrides) }
      : params;
  return formatIn(tables, locale, key, filled, overrides);
}

/**
 * Maps one BCP 47 tag to a supported locale, or `null`. Traditional script (`zh-Hant`, and the
 * regions that write it: `zh-TW`, `zh-HK`, `zh-MO`) gives zh-TW; Simplified (`zh`, `zh-Hans`,
 * `zh-CN`, `zh-SG`) gives zh-CN. An explicit script wins over the region (`zh-Hans-HK` is
 * Simplified); another region (`zh-US`) gives `null`, so the next preference is tried.
 */
export function matchLocale(tag: string): Locale | null {
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const [language, ...rest] = parts;
  if (language === 'en') return 'en';
  if (language !== 'zh') return null;
  if (rest.includes('hant')) return 'zh-TW';
  if (rest.includes('hans')) return 'zh-CN';
  const region = rest.find((part) => part.length === 2);
  if (region === 'tw' || region === 'hk' || region === 'mo') return 'zh-TW';
  return region === undefined || region === 'cn' || region === 'sg' ? 'zh-CN' : null;
}

/**
 * The locale an element renders in (packages/elements/README.md): its `locale` attribute, then `<html lang>`, then
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
