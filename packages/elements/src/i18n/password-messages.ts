/**
 * A new password's strings: core's rule codes and checklist lines (`PASSWORD_MESSAGES`) and the
 * checklist's own words. Whatever renders a password being chosen passes them to `addMessages()`;
 * registration, the profile steps and account security do.
 */
import { PASSWORD_MESSAGES } from '@cloud-login/core/messages/password';
import { withCore, type ChunkMessages } from './index.ts';

const en = {
  'password.requirements': 'Password requirements',
  'password.met': 'met',
  'password.unmet': 'not met',
  'password.recommended': 'recommended',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'password.requirements': '密码要求',
  'password.met': '已满足',
  'password.unmet': '未满足',
  'password.recommended': '建议',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'password.requirements': '密碼要求',
  'password.met': '已滿足',
  'password.unmet': '未滿足',
  'password.recommended': '建議',
};

export const passwordMessages = withCore(PASSWORD_MESSAGES, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module './index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
