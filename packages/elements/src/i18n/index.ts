/**
 * One lookup for every string an element shows: the site's override, then the elements' own
 * catalogue, then core's messages (errors, rule hints, labels, actions). Keys never collide:
 * the elements' keys are namespaced (`login.*`, `phone.*`…) and core's are error codes or
 * `label.*` / `action.*` / `hint.*`.
 */
import type { Locale } from '@cloud-login/core';
import {
  MESSAGES,
  interpolate,
  isMessageKey,
  type MessageKey,
  type MessageParams,
} from '@cloud-login/core/messages/index';
import type { StringOverrides } from '../shared/config.ts';
import { en, type UiKey, type UiMessages } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { UiKey, MessageKey, MessageParams };

/**
 * Keys of the catalogues that load with an on-demand chunk (`<cloud-account-security>`, the QR
 * panel, the profile steps). Each chunk's `messages.ts` adds its keys here by declaration merging
 * and its strings with `addMessages()` once it loads, so a page that never shows those elements
 * never downloads their text.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ChunkKeys {}

export type StringKey = UiKey | MessageKey | keyof ChunkKeys;

export const UI_MESSAGES: Readonly<Record<Locale, UiMessages>> = { en, 'zh-CN': zhCN };

/** A chunk's catalogue: the same keys in both locales. */
export type ChunkMessages<K extends string> = { readonly [L in Locale]: { readonly [Key in K]: string } };

const chunkMessages: Record<Locale, Record<string, string>> = { en: {}, 'zh-CN': {} };

/** Adds the strings an on-demand chunk brings (idempotent). */
export function addMessages<K extends string>(tables: ChunkMessages<K>): void {
  for (const locale of Object.keys(tables) as Locale[]) Object.assign(chunkMessages[locale], tables[locale]);
}

export function isUiKey(key: string): key is UiKey {
  return Object.hasOwn(en, key);
}

export type Translate = (key: StringKey, params?: MessageParams) => string;

export function translator(locale: Locale, overrides?: StringOverrides): Translate {
  const own = overrides?.[locale];
  return (key, params) => {
    const site = own && Object.hasOwn(own, key) ? own[key] : undefined;
    const template: string =
      typeof site === 'string'
        ? site
        : isUiKey(key)
          ? UI_MESSAGES[locale][key]
          : isMessageKey(key)
            ? MESSAGES[locale][key]
            : Object.hasOwn(chunkMessages[locale], key)
              ? chunkMessages[locale][key]!
              : key;
    return interpolate(template, params);
  };
}

/**
 * The message for a code from the server or a rule check. A code newer than this catalogue gets
 * the generic text rather than the raw code.
 */
export function codeMessage(t: Translate, code: string, params?: MessageParams): string {
  return t(isMessageKey(code) ? code : 'unexpected_response', params);
}
