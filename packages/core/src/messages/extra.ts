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
  'action.confirm': 'Confirm',
  'action.bindAndLogin': 'Bind and log in',
  'flow.loggedIn': 'Logged in.',
} as const;

export const EXTRA_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    'hint.code_sent': '验证码已发送，{minutes} 分钟内有效。',
    'hint.voice_code': '您将接到一通语音电话，请留意接听验证码。',
    'label.identifier': '账号名/手机号/邮箱',
    'action.logout': '退出登录',
    'action.confirm': '确定',
    'action.bindAndLogin': '绑定并登录',
    'flow.loggedIn': '登录成功。',
  },
};
