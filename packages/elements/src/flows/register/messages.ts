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
  'register.secondaryNumber':
    'Use the phone you use every day: the code comes by SMS or a voice call. A secondary number’s network can be unreliable, so a message or call may not arrive; if so, wait a while and try again.',
  'register.adviceEnterprise':
    'Enterprise users: we recommend registering with email or a WeChat Official Account.',
  'register.adviceInternational': 'Users outside mainland China: we recommend registering with email.',
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
  'register.secondaryNumber':
    '请使用你的常用手机验证，验证码可能通过短信或来电发送。使用手机小号时，由于小号网络不稳，可能偶尔收不到短信或来电，请等待一段时间后重试。',
  'register.adviceEnterprise': '企业用户建议使用邮箱或微信公众号注册。',
  'register.adviceInternational': '非中国大陆用户建议使用邮箱注册。',
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
  'register.secondaryNumber':
    '請使用你的常用手機驗證，驗證碼可能透過簡訊或來電傳送。使用副號（小號）時，由於網路不穩，可能偶爾收不到簡訊或來電，請稍候一段時間再試。',
  'register.adviceEnterprise': '企業用戶建議使用電子郵件或微信公眾號註冊。',
  'register.adviceInternational': '非中國大陸用戶建議使用電子郵件註冊。',
};

export const registerMessages = withCore(REGISTER_MESSAGES, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
