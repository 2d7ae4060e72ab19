/**
 * Keys no element shows today. They stay in the catalogue (`MESSAGES`, `format`) for sites that
 * show them in their own pages and for overrides typed against `MessageKey`; no page downloads
 * them.
 */
import type { Catalogue } from './format.ts';

const en = {
  'hint.code_sent': 'A verification code has been sent. It is valid for {minutes} minutes.',
  'hint.voice_code': 'You will receive a phone call that reads the code out.',
  'label.identifier': 'Account name / phone / email',
  'action.logout': 'Log out',
  'flow.loggedIn': 'Logged in.',
} as const;

export const EXTRA_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    'hint.code_sent': '验证码已发送，{minutes} 分钟内有效。',
    'hint.voice_code': '您将收到语音验证码来电，请注意接听。',
    'label.identifier': '账号名/手机号/邮箱',
    'action.logout': '退出登录',
    'flow.loggedIn': '登录成功。',
  },
  'zh-TW': {
    'hint.code_sent': '驗證碼已發送，{minutes} 分鐘內有效。',
    'hint.voice_code': '您將收到語音驗證碼來電，請注意接聽。',
    'label.identifier': '帳號名稱/手機號碼/電子郵件',
    'action.logout': '登出',
    'flow.loggedIn': '登入成功。',
  },
};
