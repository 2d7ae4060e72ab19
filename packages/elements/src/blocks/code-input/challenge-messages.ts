/**
 * The challenge's strings (challenge.ts); they load with its chunk (see `ChunkKeys`).
 */
import { CHALLENGE_MESSAGES } from '@cloud-login/core/messages/challenge';
import { withCore, type ChunkMessages } from '../../i18n/index.ts';

const en = {
  'challenge.title': 'Security check',
  'challenge.intro': 'Slide to the end to show you are not a script.',
  'challenge.slider': 'Slide to verify',
  'challenge.cancel': 'Cancel',
  'challenge.simulated': 'Simulated in dev mode.',
} as const;
type Key = keyof typeof en;

const own: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'challenge.title': '安全验证',
    'challenge.intro': '请将滑块拖到最右侧，以确认不是自动程序。',
    'challenge.slider': '拖动滑块完成验证',
    'challenge.cancel': '取消',
    'challenge.simulated': '开发模式下的模拟验证。',
  },
  'zh-TW': {
    'challenge.title': '安全驗證',
    'challenge.intro': '請將滑桿拖到最右側，以確認不是自動程式。',
    'challenge.slider': '拖動滑桿完成驗證',
    'challenge.cancel': '取消',
    'challenge.simulated': '開發模式下的模擬驗證。',
  },
};

/** The slider's strings, and core's message for `challenge_required` (shown once this chunk is in). */
export const challengeMessages = withCore(CHALLENGE_MESSAGES, own);

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
