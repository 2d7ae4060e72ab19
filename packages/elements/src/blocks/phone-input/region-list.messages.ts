/**
 * The region list's own strings (see `ChunkKeys`): they load with the list, the first time a
 * person opens the region picker.
 */
import type { ChunkMessages } from '../../i18n/index.ts';

const en = {
  'phone.regionSearch': 'Search countries and regions',
  'phone.regionNone': 'No country or region matches “{query}”',
} as const;

type Key = keyof typeof en;

export const regionListMessages: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'phone.regionSearch': '搜索国家/地区',
    'phone.regionNone': '没有与“{query}”匹配的国家/地区',
  },
  'zh-TW': {
    'phone.regionSearch': '搜尋國家/地區',
    'phone.regionNone': '沒有與「{query}」相符的國家/地區',
  },
};

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
