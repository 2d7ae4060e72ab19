/**
 * Message catalogues (en, zh-CN, zh-TW), formatting with `{placeholders}`, per-site overrides and
 * locale resolution. The elements localise every error by its `code`, so every code of
 * `errors.ts` and `rules.ts` has a message here in every locale.
 *
 * The catalogue is written in parts, by the flows that show them (`en.ts` / `zh-CN.ts` /
 * `zh-TW.ts`, the base a login page shows, and `password.ts`, `account.ts`, `register.ts`, `security.ts`, `qr.ts`,
 * `extra.ts`), so the elements can load each part with the code that shows it. This module puts
 * them back together: `MESSAGES` and the functions below always see every key. Browser code that
 * cares about size imports the parts and `format.ts` rather than this module.
 */
import type { ClientErrorCode, ErrorCode } from '../errors.ts';
import type { Locale, LoginMethod, RegisterMethod } from '../presets/data.ts';
import type { RegisterStep } from '../presets/schema.ts';
import type { RuleCode } from '../rules/codes.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';
import { ACCOUNT_MESSAGES } from './account.ts';
import { CHALLENGE_MESSAGES } from './challenge.ts';
import { EXTRA_MESSAGES } from './extra.ts';
import { PASSWORD_MESSAGES } from './password.ts';
import { QR_MESSAGES } from './qr.ts';
import { REGISTER_MESSAGES } from './register.ts';
import { SECURITY_MESSAGES } from './security.ts';
import {
  formatIn,
  formatRetryIn,
  hasMessage,
  messageForErrorIn,
  messageKeyIn,
  type ErrorForMessage,
  type MessageParams,
} from './format.ts';

export {
  interpolate,
  matchLocale,
  placeholdersOf,
  resolveLocale,
  type Catalogue,
  type ErrorForMessage,
  type MessageParams,
} from './format.ts';
export {
  ACCOUNT_MESSAGES,
  CHALLENGE_MESSAGES,
  EXTRA_MESSAGES,
  PASSWORD_MESSAGES,
  QR_MESSAGES,
  REGISTER_MESSAGES,
  SECURITY_MESSAGES,
};

/** The parts after the base, in no particular order: no key is in two of them (messages.test.ts). */
export const MESSAGE_PARTS = [
  PASSWORD_MESSAGES,
  ACCOUNT_MESSAGES,
  REGISTER_MESSAGES,
  SECURITY_MESSAGES,
  QR_MESSAGES,
  CHALLENGE_MESSAGES,
  EXTRA_MESSAGES,
] as const;

const english = {
  ...en,
  ...PASSWORD_MESSAGES.en,
  ...ACCOUNT_MESSAGES.en,
  ...REGISTER_MESSAGES.en,
  ...SECURITY_MESSAGES.en,
  ...QR_MESSAGES.en,
  ...CHALLENGE_MESSAGES.en,
  ...EXTRA_MESSAGES.en,
};

export type MessageKey = keyof typeof english;
export type Messages = { readonly [K in MessageKey]: string };

/** A site's own wording, per locale and key; anything left out keeps the built-in text. */
export type MessageOverrides = { readonly [L in Locale]?: Partial<Record<MessageKey, string>> };

export const MESSAGES: Readonly<Record<Locale, Messages>> = {
  en: english,
  // Typed against `Messages`: a part whose zh-CN or zh-TW lacks a key fails to compile here too.
  'zh-CN': {
    ...zhCN,
    ...PASSWORD_MESSAGES['zh-CN'],
    ...ACCOUNT_MESSAGES['zh-CN'],
    ...REGISTER_MESSAGES['zh-CN'],
    ...SECURITY_MESSAGES['zh-CN'],
    ...QR_MESSAGES['zh-CN'],
    ...CHALLENGE_MESSAGES['zh-CN'],
    ...EXTRA_MESSAGES['zh-CN'],
  },
  'zh-TW': {
    ...zhTW,
    ...PASSWORD_MESSAGES['zh-TW'],
    ...ACCOUNT_MESSAGES['zh-TW'],
    ...REGISTER_MESSAGES['zh-TW'],
    ...SECURITY_MESSAGES['zh-TW'],
    ...QR_MESSAGES['zh-TW'],
    ...CHALLENGE_MESSAGES['zh-TW'],
    ...EXTRA_MESSAGES['zh-TW'],
  },
};

/** Keys that must exist because code elsewhere produces them: a new code without a message fails to compile. */
type RequiredKey =
  | ErrorCode
  | ClientErrorCode
  | RuleCode
  | `method.${LoginMethod}`
  | `registerMethod.${RegisterMethod}`
  | `step.${RegisterStep['id']}`;
const complete: Record<RequiredKey, string> = english;
void complete;

/**
 * Whether `value` is a key of the catalogues. Own keys only, so a server code such as
 * `constructor` can never pick up a prototype property.
 */
export function isMessageKey(value: unknown): value is MessageKey {
  return hasMessage(MESSAGES, value);
}

/** The message for `key` in `locale`, the site's override first. */
export function format(
  locale: Locale,
  key: MessageKey,
  params?: MessageParams,
  overrides?: MessageOverrides,
): string {
  return formatIn(MESSAGES, locale, key, params, overrides);
}

/** A translator bound to one locale (and the site's overrides): `t('action.getCode')`. */
export function t(
  locale: Locale,
  overrides?: MessageOverrides,
): (key: MessageKey, params?: MessageParams) => string {
  return (key, params) => format(locale, key, params, overrides);
}

/**
 * The message for a code from the server, which may be newer than this catalogue: an unknown
 * code gets the generic `unexpected_response` text rather than the raw code.
 */
export function messageForCode(
  locale: Locale,
  code: string,
  params?: MessageParams,
  overrides?: MessageOverrides,
): string {
  return format(locale, isMessageKey(code) ? code : 'unexpected_response', params, overrides);
}

/**
 * The key for an API error: `{code}.{field}` when the catalogue has that contextual variant (SMS
 * login for a phone without accounts, `not_found` + `field: "phone"` → `not_found.phone`), else
 * the code's own key, else the generic `unexpected_response` for a code newer than this catalogue.
 */
export function messageKeyFor(code: string, field?: string): MessageKey {
  return messageKeyIn(MESSAGES, code, field) as MessageKey;
}

/**
 * A wait in words, for `retryAfter`: seconds under 2 minutes, minutes under 2 hours, hours
 * beyond ("45 s", "15 min", "11 h" / "45 秒", "15 分钟", "11 小时"). Rounded up, so the reader never
 * tries again too early.
 */
export function formatRetry(locale: Locale, seconds: number, overrides?: MessageOverrides): string {
  return formatRetryIn(MESSAGES, locale, seconds, overrides);
}

/**
 * The message for an API error, all choices made: the contextual variant by `field`
 * (`messageKeyFor`), then, when `retryAfter` is given and the code has a `{code}.wait` variant,
 * that variant with the wait in words (`formatRetry`) — unless the site reworded the plain key
 * and not the variant, whose wording then stands. `{seconds}` and `{wait}` are both filled, so
 * an override of either key may use either; `params` adds the rest (`{count}`…).
 */
export function messageForError(
  locale: Locale,
  error: ErrorForMessage,
  params?: MessageParams,
  overrides?: MessageOverrides,
): string {
  return messageForErrorIn(MESSAGES, locale, error, params, overrides);
}
