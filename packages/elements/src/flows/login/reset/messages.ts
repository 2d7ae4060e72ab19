/**
 * The reset steps' own strings (see `ChunkKeys`); with `passwordMessages` (rule codes, checklist,
 * `password_reused`, `use_main_account`) they load with the reset chunk, the first time a person
 * follows "Forgot password?".
 */
import type { ChunkMessages } from '../../../i18n/index.ts';

const en = {
  'reset.heading': 'Reset your password',
  'reset.identifierIntro':
    'Enter the account name, phone number or email of your account. We will send a verification code.',
  'reset.phoneIntro': 'Enter the phone number of your account. We will send a verification code.',
  'reset.channel': 'Send the code by',
  'reset.channel.sms': 'Text message',
  'reset.channel.voice': 'Voice call',
  'reset.channel.email': 'Email',
  'reset.sendCode': 'Send code',
  'reset.codeTitle': 'Enter the verification code',
  'reset.sentSms': 'If {identifier} belongs to an account, a code has been sent to its phone.',
  'reset.sentVoice': 'If {identifier} belongs to an account, we are calling its phone to read the code out.',
  'reset.sentEmail': 'If {identifier} belongs to an account, a code has been sent to its email.',
  'reset.chooseTitle': 'Which account’s password do you want to reset?',
  'reset.passwordTitle': 'Choose a new password',
  'reset.newPassword': 'New password',
  'reset.submit': 'Reset password and log in',
  'reset.useOther': 'Use a different account',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'reset.heading': '重置密码',
  'reset.identifierIntro': '请输入账号名、手机号或邮箱，我们将向账号绑定的手机或邮箱发送验证码。',
  'reset.phoneIntro': '请输入账号绑定的手机号，我们将发送验证码。',
  'reset.channel': '验证码接收方式',
  'reset.channel.sms': '短信',
  'reset.channel.voice': '语音电话',
  'reset.channel.email': '邮件',
  'reset.sendCode': '发送验证码',
  'reset.codeTitle': '输入验证码',
  'reset.sentSms': '若 {identifier} 已注册账号，验证码已发送至该账号绑定的手机。',
  'reset.sentVoice': '若 {identifier} 已注册账号，我们将拨打该账号绑定的手机，请留意接听语音验证码来电。',
  'reset.sentEmail': '若 {identifier} 已注册账号，验证码已发送至该账号绑定的邮箱。',
  'reset.chooseTitle': '要重置哪个账号的密码？',
  'reset.passwordTitle': '设置新密码',
  'reset.newPassword': '新密码',
  'reset.submit': '重置密码并登录',
  'reset.useOther': '更换账号',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'reset.heading': '重設密碼',
  'reset.identifierIntro': '請輸入帳號名稱、手機號碼或電子郵件，我們將向帳號綁定的手機或電子郵件發送驗證碼。',
  'reset.phoneIntro': '請輸入帳號綁定的手機號碼，我們將發送驗證碼。',
  'reset.channel': '驗證碼接收方式',
  'reset.channel.sms': '簡訊',
  'reset.channel.voice': '語音電話',
  'reset.channel.email': '電子郵件',
  'reset.sendCode': '發送驗證碼',
  'reset.codeTitle': '輸入驗證碼',
  'reset.sentSms': '若 {identifier} 已註冊帳號，驗證碼已發送至該帳號綁定的手機。',
  'reset.sentVoice': '若 {identifier} 已註冊帳號，我們將撥打該帳號綁定的手機，請留意接聽語音驗證碼來電。',
  'reset.sentEmail': '若 {identifier} 已註冊帳號，驗證碼已發送至該帳號綁定的電子郵件。',
  'reset.chooseTitle': '要重設哪個帳號的密碼？',
  'reset.passwordTitle': '設定新密碼',
  'reset.newPassword': '新密碼',
  'reset.submit': '重設密碼並登入',
  'reset.useOther': '更換帳號',
};

export const resetMessages: ChunkMessages<Key> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

declare module '../../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
