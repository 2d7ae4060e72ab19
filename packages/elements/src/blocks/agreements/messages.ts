/**
 * The agreements block's strings: the words around the links, and the two texts of core's
 * registration catalogue it shows (the label's prefix and "please accept"). Its own catalogue,
 * so the block never pulls in registration's strings (see `ChunkKeys`).
 */
import type { Locale } from '@cloud-login/core';
import { REGISTER_MESSAGES } from '@cloud-login/core/messages/register';
import { withCore, type ChunkMessages } from '../../i18n/index.ts';

const CORE_KEYS = ['agreements_required', 'label.agreementsPrefix'] as const;
type CoreKey = (typeof CORE_KEYS)[number];

const pick = (locale: Locale) =>
  Object.fromEntries(CORE_KEYS.map((k) => [k, REGISTER_MESSAGES[locale][k]])) as Record<CoreKey, string>;
const core: ChunkMessages<CoreKey> = { en: pick('en'), 'zh-CN': pick('zh-CN'), 'zh-TW': pick('zh-TW') };

const en = {
  'agreements.link': '{name}',
  // English names take "the": "agree to the Service Agreement and the Privacy Policy".
  'agreements.comma': ', the ',
  'agreements.and': ' and the ',
  'agreements.newTab': '(opens in a new tab)',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'agreements.link': '《{name}》',
  'agreements.comma': '、',
  'agreements.and': '和',
  'agreements.newTab': '（在新标签页打开）',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'agreements.link': '《{name}》',
  'agreements.comma': '、',
  'agreements.and': '和',
  'agreements.newTab': '（在新分頁開啟）',
};

export const agreementsMessages = withCore(core, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
