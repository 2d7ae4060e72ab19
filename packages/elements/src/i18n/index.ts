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
export type StringKey = UiKey | MessageKey;

export const UI_MESSAGES: Readonly<Record<Locale, UiMessages>> = { en, 'zh-CN': zhCN };

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
