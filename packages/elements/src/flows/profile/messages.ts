/**
 * The profile steps' strings; they load with their chunk (see `ChunkKeys`).
 */
import type { ChunkMessages } from '../../i18n/index.ts';

const en = {
  'profile.createTitle': 'Create a new account',
  'profile.createIntro': 'Choose an account name for your new {name} account.',
  'profile.createAndLogin': 'Create account and log in',
  'profile.passwordLater': 'You can also set it later, in your account settings.',
  'profile.phoneIntro': 'First time logging in with {method}: verify your phone number to continue.',
  'profile.emailTitle': 'Add your email',
  'profile.emailIntro': 'We will send a verification link to this address.',
  'profile.moreTitle': 'A few more details',
  'profile.noAccountForPhone':
    'No account uses this phone number. Register first, then log in with this method.',
  'profile.upgradeTitle': 'Upgrade your account',
  'profile.codeTitle': 'Confirm it’s you',
  'profile.codeIntro':
    'This account has seen many failed sign-ins, so we sent a code to its phone or email. Enter it to continue.',
} as const;

type Key = keyof typeof en;

export const profileMessages: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'profile.createTitle': '创建新账号',
    'profile.createIntro': '请为您的新{name}账号设置账号名。',
    'profile.createAndLogin': '创建账号并登录',
    'profile.passwordLater': '也可以稍后在账号设置中设置。',
    'profile.phoneIntro': '首次使用{method}，请先验证手机号。',
    'profile.emailTitle': '填写邮箱',
    'profile.emailIntro': '我们将向该邮箱发送验证链接。',
    'profile.moreTitle': '补充信息',
    'profile.noAccountForPhone': '该手机号未注册账号，请先注册，再使用此方式登录。',
    'profile.upgradeTitle': '升级账号',
    'profile.codeTitle': '确认是您本人',
    'profile.codeIntro': '该账号近期多次登录失败，我们已向其手机或邮箱发送验证码，请输入验证码继续。',
  },
  'zh-TW': {
    'profile.createTitle': '建立新帳號',
    'profile.createIntro': '請為您的新{name}帳號設定帳號名稱。',
    'profile.createAndLogin': '建立帳號並登入',
    'profile.passwordLater': '也可以稍後在帳號設定中設定。',
    'profile.phoneIntro': '首次使用{method}，請先驗證手機號碼。',
    'profile.emailTitle': '填寫電子郵件',
    'profile.emailIntro': '我們將寄送驗證連結到此電子郵件。',
    'profile.moreTitle': '補充資訊',
    'profile.noAccountForPhone': '此手機號碼尚未註冊帳號，請先註冊，再使用此方式登入。',
    'profile.upgradeTitle': '升級帳號',
    'profile.codeTitle': '確認是您本人',
    'profile.codeIntro': '此帳號近期多次登入失敗，我們已向其手機或電子郵件傳送驗證碼，請輸入驗證碼繼續。',
  },
};

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
