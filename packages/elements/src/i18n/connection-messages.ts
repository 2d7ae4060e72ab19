/**
 * What a third-party login's later steps say (docs/flows.md#third-party-login): the greeting by
 * the name the identity provider gave (002: WeChat's nickname, "用于在页面进行展示") and JD's phone
 * step, which finds the phone's accounts or creates one (002). They load with the chooser's and
 * the profile steps' chunks, never on the first screen.
 */
import type { ChunkMessages } from './index.ts';

const en = {
  'connection.greeting': 'Hi, {nickname}',
  'connection.phoneFindOrCreate':
    'Enter your phone number: we look up the {name} accounts you have registered, or create a {name} account for you automatically.',
} as const;

type Key = keyof typeof en;

export const connectionMessages: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'connection.greeting': '你好，{nickname}',
    'connection.phoneFindOrCreate':
      '输入您的手机号，系统会查询您已注册的{name}账号，或为您自动创建一个{name}账号。',
  },
  'zh-TW': {
    'connection.greeting': '你好，{nickname}',
    'connection.phoneFindOrCreate':
      '輸入您的手機號碼，系統會查詢您已註冊的{name}帳號，或為您自動建立一個{name}帳號。',
  },
};

declare module './index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
