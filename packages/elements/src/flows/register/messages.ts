/**
 * Registration's strings, which the profile steps of a first sign-in (registration steps
 * themselves) show too: core's `REGISTER_MESSAGES` and the elements' own. They load with
 * `<cloud-register>` and the profile steps (see `ChunkKeys`); the agreements block has its own.
 */
import { REGISTER_MESSAGES } from '@cloud-login/core/messages/register';
import { withCore, type ChunkMessages } from '../../i18n/index.ts';

const en = {
  'register.heading': 'Register',
  'register.methods': 'Ways to register',
  'register.progress': 'Step {current} of {total}',
  'register.noMethods': 'No way to register is available here.',
  'register.checkMailbox': 'Check your mailbox',
  'register.activationHelp': 'Didn’t get it? Check your spam folder, or send it again.',
  'register.activationResent': 'The activation email has been sent again.',
  'register.resendEmailIn': 'Resend email in {seconds} s',
  'register.useAnotherEmail': 'Use a different email',
  'register.enableServiceIntro': 'Complete the information below to enable {name} service.',
  'register.done': 'Continue',
  'register.redirecting': 'Taking you back…',
  'register.selectIndustry': 'Select your industry',
  'register.signedInAs': 'Signed in as {name}.',
  'register.haveAccount': 'Already have an account? Log in',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'register.heading': '注册',
  'register.methods': '注册方式',
  'register.progress': '第 {current} 步，共 {total} 步',
  'register.noMethods': '当前没有可用的注册方式。',
  'register.checkMailbox': '请查收激活邮件',
  'register.activationHelp': '没有收到？请检查垃圾邮件，或重新发送。',
  'register.activationResent': '激活邮件已重新发送。',
  'register.resendEmailIn': '{seconds} 秒后可重新发送邮件',
  'register.useAnotherEmail': '使用其他邮箱',
  'register.enableServiceIntro': '请补充以下信息，开通{name}服务。',
  'register.done': '继续',
  'register.redirecting': '正在返回…',
  'register.selectIndustry': '请选择所属行业',
  'register.signedInAs': '已登录：{name}',
  'register.haveAccount': '已有账号？立即登录',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'register.heading': '註冊',
  'register.methods': '註冊方式',
  'register.progress': '第 {current} 步，共 {total} 步',
  'register.noMethods': '目前沒有可用的註冊方式。',
  'register.checkMailbox': '請查收啟用信',
  'register.activationHelp': '沒有收到？請檢查垃圾郵件匣，或重新寄送。',
  'register.activationResent': '啟用信已重新寄出。',
  'register.resendEmailIn': '{seconds} 秒後可重新寄送郵件',
  'register.useAnotherEmail': '使用其他電子郵件',
  'register.enableServiceIntro': '請補充以下資訊，啟用{name}服務。',
  'register.done': '繼續',
  'register.redirecting': '正在返回…',
  'register.selectIndustry': '請選擇所屬產業',
  'register.signedInAs': '已登入：{name}',
  'register.haveAccount': '已有帳號？立即登入',
};

export const registerMessages = withCore(REGISTER_MESSAGES, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
