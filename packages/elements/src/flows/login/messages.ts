/**
 * `<cloud-login>`'s own strings beyond the shared catalogue (see `ChunkKeys`): they load with
 * the login element.
 */
import type { ChunkMessages } from '../../i18n/index.ts';

const en = {
  'login.retry': 'Try again',
} as const;

type Key = keyof typeof en;

export const loginMessages: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'login.retry': '重试',
  },
  'zh-TW': {
    'login.retry': '再試一次',
  },
};

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
