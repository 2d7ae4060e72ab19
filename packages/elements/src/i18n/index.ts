/**
 * One lookup for every string an element shows: the site's override, then the strings loaded so
 * far. The base — what a login page shows: core's base messages (`@cloud-login/core/messages/en`
 * and its Chinese siblings) and the elements' own (`en.ts`, `zh-*.ts`) — loads per locale
 * (`loadLocale()`, the generated `base-en.ts`, `base-zh-CN.ts` and `base-zh-TW.ts`): the element
 * awaits its locale before it renders, so a page downloads only the language it shows. Only the
 * base's keys (`base-keys.ts`) load with every element's code.
 * The strings of other flows are catalogues that load with the code that shows them
 * (`ChunkKeys` below), so a login page never downloads registration's or account security's text.
 * Keys never collide: the elements' keys are namespaced (`login.*`, `phone.*`…) and core's are
 * error codes or `label.*` / `action.*` / `hint.*` (`i18n.test.ts` checks).
 *
 * This module never imports core's `messages/index.ts`, which assembles the whole catalogue.
 */
import type { Locale } from '@cloud-login/core';
import {
  formatIn,
  hasMessage,
  messageForErrorIn,
  type Catalogue,
  type ErrorForMessage,
  type MessageParams,
} from '@cloud-login/core/messages/format';
import type { MessageKey } from '@cloud-login/core/messages/index';
import type { StringOverrides } from '../shared/config.ts';
import { keys } from './base-keys.ts';
import type { UiKey } from './en.ts';

export type { UiKey, MessageKey, MessageParams };

/**
 * Keys of the catalogues that load with the code that shows them (registration, account security,
 * the QR panel, the profile steps…). Each catalogue module (`flows/register/messages.ts`…) adds its own
 * keys here by declaration merging; the element that shows them passes the catalogue to
 * `addMessages()` in a static block, so its strings are in before its first render and a page that
 * never shows that element never downloads them. (Core's keys are `MessageKey` already.)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ChunkKeys {}

export type StringKey = UiKey | MessageKey | keyof ChunkKeys;

/** A catalogue: the same keys in every locale. */
export type ChunkMessages<K extends string> = Catalogue<K>;

/** A chunk's catalogue: core's part for its flow, with the elements' own strings beside it. */
export function withCore<C extends string, K extends string>(
  core: ChunkMessages<C>,
  own: ChunkMessages<K>,
): ChunkMessages<C | K> {
  return {
    en: { ...core.en, ...own.en },
    'zh-CN': { ...core['zh-CN'], ...own['zh-CN'] },
    'zh-TW': { ...core['zh-TW'], ...own['zh-TW'] },
  };
}

/** The base's keys, in order: a locale's base is its texts in this order (scripts/locale-bases.mjs). */
export const BASE_KEYS: readonly string[] = keys;

/**
 * What is loaded so far, per locale: the base, plus every catalogue added since. Which keys exist
 * is English's table (`hasMessage`), so the base's keys stand there, as themselves, until the
 * English texts load: a code the base knows is known on a page that shows Chinese only.
 */
const loaded: Record<Locale, Record<string, string>> = {
  en: Object.fromEntries(keys.map((key) => [key, key])),
  'zh-CN': {},
  'zh-TW': {},
};

/** Each locale's base, a chunk of its own (generated from the catalogues without the keys). */
const BASES: Record<Locale, () => Promise<{ values: readonly string[] }>> = {
  en: () => import('./base-en.ts'),
  'zh-CN': () => import('./base-zh-CN.ts'),
  'zh-TW': () => import('./base-zh-TW.ts'),
};
const bases = new Map<Locale, Promise<boolean>>();
const ready = new Set<Locale>();

/** Whether `locale`'s base strings are in. */
export function isLocaleLoaded(locale: Locale): boolean {
  return ready.has(locale);
}

/**
 * Loads `locale`'s base strings (once; concurrent calls share the download). Resolves `false`
 * when the chunk could not load: the element then renders in English rather than showing keys.
 */
export function loadLocale(locale: Locale): Promise<boolean> {
  if (ready.has(locale)) return Promise.resolve(true);
  let loading = bases.get(locale);
  if (!loading) {
    loading = BASES[locale]().then(
      ({ values }) => {
        const table = loaded[locale];
        BASE_KEYS.forEach((key, i) => (table[key] = values[i]!));
        ready.add(locale);
        return true;
      },
      () => {
        bases.delete(locale);
        return false;
      },
    );
    bases.set(locale, loading);
  }
  return loading;
}

/** Adds the strings of catalogues that load with a chunk (idempotent). */
export function addMessages(...catalogues: ChunkMessages<string>[]): void {
  for (const tables of catalogues) {
    for (const locale of Object.keys(tables) as Locale[]) Object.assign(loaded[locale], tables[locale]);
  }
}

/** Whether `key` has a text yet (built in: a site's override does not count). */
export function isLoaded(key: string): boolean {
  return hasMessage(loaded, key);
}

export type Translate = (key: StringKey, params?: MessageParams) => string;

/** A key that has not loaded comes back as itself (the `strings.test.ts` of each chunk keep that from showing). */
export function translator(locale: Locale, overrides?: StringOverrides): Translate {
  return (key, params) => formatIn(loaded, locale, key, params, overrides);
}

/**
 * The message for a code from the server or a rule check. A code newer than this catalogue, or
 * whose catalogue has not loaded, gets the generic text rather than the raw code.
 */
export function codeMessage(t: Translate, code: string, params?: MessageParams): string {
  return t(isLoaded(code) ? (code as StringKey) : 'unexpected_response', params);
}

/**
 * The message for an API error, with core's choices (the variant for the field, a long wait in
 * words) made over the strings loaded so far. Site strings override as they do in `translator()`.
 */
export function messageForError(
  locale: Locale,
  error: ErrorForMessage,
  params?: MessageParams,
  overrides?: StringOverrides,
): string {
  return messageForErrorIn(loaded, locale, error, params, overrides);
}
