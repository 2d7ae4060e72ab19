/**
 * The chooser's own strings (see `ChunkKeys`): they load with the chooser, which `<cloud-login>`
 * loads only when a sign-in matches several accounts.
 */
import type { ChunkMessages } from '../../i18n/index.ts';

const en = {
  'chooser.id': 'ID ending {suffix}',
  'chooser.created': 'Created {date}',
  'chooser.lastSignIn': 'Last signed in {date}',
} as const;

type Key = keyof typeof en;

export const chooserMessages: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'chooser.id': 'ID 尾号 {suffix}',
    'chooser.created': '创建于 {date}',
    'chooser.lastSignIn': '最近登录 {date}',
  },
  'zh-TW': {
    'chooser.id': 'ID 末碼 {suffix}',
    'chooser.created': '建立於 {date}',
    'chooser.lastSignIn': '最近登入 {date}',
  },
};

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
