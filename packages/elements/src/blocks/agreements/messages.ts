/**
 * The agreements block's strings: the words around the links, and the two texts of core's
 * registration catalogue it shows (the label's prefix and "please accept"). Its own catalogue,
 * so the block never pulls in registration's strings (see `ChunkKeys`).
 */
import { REGISTER_MESSAGES } from '@cloud-login/core/messages/register';
import { withCore, type ChunkMessages } from '../../i18n/index.ts';

const CORE_KEYS = ['agreements_required', 'label.agreementsPrefix'] as const;
type CoreKey = (typeof CORE_KEYS)[number];

const core: ChunkMessages<CoreKey> = {
  en: Object.fromEntries(CORE_KEYS.map((k) => [k, REGISTER_MESSAGES.en[k]])) as Record<CoreKey, string>,
  'zh-CN': Object.fromEntries(CORE_KEYS.map((k) => [k, REGISTER_MESSAGES['zh-CN'][k]])) as Record<
    CoreKey,
    string
  >,
};

const en = {
  'agreements.link': '{name}',
  'agreements.comma': ', ',
  'agreements.and': ' and ',
  'agreements.newTab': '(opens in a new tab)',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'agreements.link': '《{name}》',
  'agreements.comma': '、',
  'agreements.and': '和',
  'agreements.newTab': '（在新标签页打开）',
};

export const agreementsMessages = withCore(core, { en, 'zh-CN': zhCN });

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
