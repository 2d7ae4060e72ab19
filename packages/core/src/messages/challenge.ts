/**
 * The challenge `POST /codes` may ask for (`428 challenge_required`): shown by the code field's
 * challenge chunk, so no page downloads it up front.
 */
import type { Catalogue } from './format.ts';

const en = {
  challenge_required: 'Please complete the check first.',
} as const;

export const CHALLENGE_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    challenge_required: '请先完成安全验证。',
  },
  'zh-TW': {
    challenge_required: '請先完成安全驗證。',
  },
};
