/**
 * What registration, the profile steps and account security share: core's `ACCOUNT_MESSAGES` (a
 * new account name's rules and checklist, email and name conflicts, the legacy upgrade) and the
 * elements' words for a verification email just sent.
 */
import { ACCOUNT_MESSAGES } from '@cloud-login/core/messages/account';
import { withCore, type ChunkMessages } from './index.ts';

const en = {
  'register.securityEmailSentHeading': 'Verify your email',
  'register.emailSentTo': 'Sent to {email}.',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'register.securityEmailSentHeading': '请验证邮箱',
  'register.emailSentTo': '已发送至 {email}。',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'register.securityEmailSentHeading': '請驗證電子郵件',
  'register.emailSentTo': '已寄至 {email}。',
};

export const accountMessages = withCore(ACCOUNT_MESSAGES, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module './index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
