/**
 * `<cloud-account-security>`'s strings, core's `SECURITY_MESSAGES` with them; they load with its
 * chunk (see `ChunkKeys`).
 */
import { SECURITY_MESSAGES } from '@cloud-login/core/messages/security';
import { withCore, type ChunkMessages } from '../../i18n/index.ts';

const en = {
  'security.heading': 'Account security',
  'security.identifiers': 'Login details',
  'security.loginIdentifier': 'used to log in',
  'security.notLoginIdentifier': 'not used to log in',
  'security.verified': 'verified',
  'security.unverified': 'not verified yet',
  'security.notSet': 'Not set',
  'security.password': 'Login password',
  'security.passwordIsSet': 'Set',
  'security.changePassword': 'Change password',
  'security.wrongCurrentPassword': 'The current password is incorrect.',
  'security.passwordChanged': 'Your password has been changed.',
  'security.passwordSetDone': 'Your login password has been set.',
  'security.addEmail': 'Add email',
  'security.changeEmail': 'Change email',
  'security.emailIntro':
    'We will send a verification link, valid for {hours} hours. The new address replaces the old one once you open it.',
  'security.sendLink': 'Send verification link',
  'security.emailCooldown': 'An email was just sent. You can ask for another one in {seconds} s.',
  'security.backToOverview': 'Back to account security',
  'security.connections': 'Linked logins',
  'security.bound': 'linked',
  'security.notBound': 'not linked',
  'security.unbindLabel': 'Unbind {method}',
  'security.unbindTitle': 'Unbind {method}?',
  'security.unbindText':
    'You will no longer be able to log in with {method}. You can link it again the next time you log in with it.',
  'security.unbound': '{method} has been unbound.',
  'security.remaining': 'After unbinding, you can log in with:',
  'security.withPassword': '{identifier} and password',
  'security.setAndUnbind': 'Set password and unbind {method}',
  'security.unbindNeedsIdentifier':
    'Your password cannot be used to log in yet: verify your email first, then unbind.',
  'security.unbindNeedsUpgrade':
    'An older JD account logs in only with JD login. Upgrade it first, then unbind.',
  'security.upgraded': 'Your account has been upgraded. You can now log in with {name} and your password.',
  'security.signedOut': 'Log in to see your account security settings.',
  'security.retry': 'Try again',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'security.heading': '账号安全',
  'security.identifiers': '登录信息',
  'security.loginIdentifier': '可用于登录',
  'security.notLoginIdentifier': '不可用于登录',
  'security.verified': '已验证',
  'security.unverified': '尚未验证',
  'security.notSet': '未设置',
  'security.password': '登录密码',
  'security.passwordIsSet': '已设置',
  'security.changePassword': '修改密码',
  'security.wrongCurrentPassword': '当前密码不正确。',
  'security.passwordChanged': '密码已修改。',
  'security.passwordSetDone': '登录密码已设置。',
  'security.addEmail': '添加邮箱',
  'security.changeEmail': '更换邮箱',
  'security.emailIntro': '我们将发送验证链接，{hours} 小时内有效。打开链接后，新邮箱将替换原邮箱。',
  'security.sendLink': '发送验证链接',
  'security.emailCooldown': '邮件刚刚发出，{seconds} 秒后可再次发送。',
  'security.backToOverview': '返回账号安全',
  'security.connections': '第三方账号绑定',
  'security.bound': '已绑定',
  'security.notBound': '未绑定',
  'security.unbindLabel': '解除绑定{method}',
  'security.unbindTitle': '确定解除绑定{method}？',
  'security.unbindText': '解除绑定后将无法使用{method}登录，下次使用该方式登录时可以重新绑定。',
  'security.unbound': '已解除绑定{method}。',
  'security.remaining': '解除绑定后，你可以使用以下方式登录：',
  'security.withPassword': '{identifier} + 密码',
  'security.setAndUnbind': '设置密码并解除绑定{method}',
  'security.unbindNeedsIdentifier': '您的账号还不能使用密码登录，请先验证邮箱，再解除绑定。',
  'security.unbindNeedsUpgrade': '京东老账号只能通过“京东登录”访问，请先升级账号，再解除绑定。',
  'security.upgraded': '账号已升级，现在可以使用 {name} 和密码登录。',
  'security.signedOut': '请先登录，再查看账号安全设置。',
  'security.retry': '重试',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'security.heading': '帳號安全',
  'security.identifiers': '登入資訊',
  'security.loginIdentifier': '可用於登入',
  'security.notLoginIdentifier': '不可用於登入',
  'security.verified': '已驗證',
  'security.unverified': '尚未驗證',
  'security.notSet': '未設定',
  'security.password': '登入密碼',
  'security.passwordIsSet': '已設定',
  'security.changePassword': '變更密碼',
  'security.wrongCurrentPassword': '目前密碼不正確。',
  'security.passwordChanged': '密碼已變更。',
  'security.passwordSetDone': '登入密碼已設定。',
  'security.addEmail': '新增電子郵件',
  'security.changeEmail': '變更電子郵件',
  'security.emailIntro':
    '我們將寄送驗證連結，{hours} 小時內有效。開啟連結後，新的電子郵件將取代原本的電子郵件。',
  'security.sendLink': '寄送驗證連結',
  'security.emailCooldown': '郵件剛剛寄出，{seconds} 秒後可再次寄送。',
  'security.backToOverview': '返回帳號安全',
  'security.connections': '第三方帳號綁定',
  'security.bound': '已綁定',
  'security.notBound': '未綁定',
  'security.unbindLabel': '解除綁定{method}',
  'security.unbindTitle': '確定解除綁定{method}？',
  'security.unbindText': '解除綁定後將無法使用{method}登入，下次使用此方式登入時可以重新綁定。',
  'security.unbound': '已解除綁定{method}。',
  'security.remaining': '解除綁定後，你可以使用以下方式登入：',
  'security.withPassword': '{identifier} + 密碼',
  'security.setAndUnbind': '設定密碼並解除綁定{method}',
  'security.unbindNeedsIdentifier': '您的帳號還不能使用密碼登入，請先驗證電子郵件，再解除綁定。',
  'security.unbindNeedsUpgrade': '京東舊帳號只能透過「京東登入」使用，請先升級帳號，再解除綁定。',
  'security.upgraded': '帳號已升級，現在可以使用 {name} 和密碼登入。',
  'security.signedOut': '請先登入，再查看帳號安全設定。',
  'security.retry': '再試一次',
};

export const securityMessages = withCore(SECURITY_MESSAGES, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
