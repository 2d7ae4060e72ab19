/**
 * Two-step verification's strings (docs/flows.md#two-step-verification): the sign-in's TOTP
 * step and the account-security section. They load with those chunks (see `ChunkKeys`).
 */
import type { ChunkMessages } from '../../i18n/index.ts';

const en = {
  'twoStep.title': 'Two-step verification',
  'twoStep.intro': 'Enter the 6-digit code from your authenticator app.',
  'twoStep.recoveryIntro':
    'Enter one of the recovery codes you saved when you turned on two-step verification. Each works once.',
  'twoStep.codeLabel': 'Authenticator code',
  'twoStep.recoveryLabel': 'Recovery code',
  'twoStep.useRecovery': 'Use a recovery code',
  'twoStep.useApp': 'Use your authenticator app',
  'twoStep.codeInvalid': 'Enter the 6 digits your app shows.',
  'twoStep.sectionIntro':
    'Besides your password or SMS code, signing in asks for a code from an authenticator app on your phone.',
  'twoStep.on': 'On',
  'twoStep.off': 'Off',
  'twoStep.enable': 'Turn on',
  'twoStep.disable': 'Turn off',
  'twoStep.regenerate': 'New recovery codes',
  'twoStep.codesLeft': '{count} recovery codes left',
  'twoStep.oneCodeLeft': '1 recovery code left',
  'twoStep.codesFew':
    'You are running out of recovery codes. Make new ones, so you can still sign in if you lose your phone.',
  'twoStep.codesNone':
    'You have no recovery codes left. Make new ones, or losing your phone will lock you out.',
  'twoStep.startIntro': 'You will scan a QR code with an authenticator app on your phone.',
  'twoStep.setupTitle': 'Set up your authenticator app',
  'twoStep.scan':
    'Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), then enter the 6-digit code it shows.',
  'twoStep.qrAlt': 'QR code for your authenticator app',
  'twoStep.manualKey': 'Can’t scan it? Enter this key in the app instead:',
  'twoStep.codesTitle': 'Save your recovery codes',
  'twoStep.codesIntro':
    'If you lose your phone, each of these codes signs you in once instead of the app. They are shown only now: copy or download them and keep them somewhere safe.',
  'twoStep.copy': 'Copy',
  'twoStep.copied': 'Copied.',
  'twoStep.download': 'Download',
  'twoStep.saved': 'I have saved them',
  'twoStep.disableTitle': 'Turn off two-step verification?',
  'twoStep.disableIntro': 'Signing in will then ask only for your password or SMS code.',
  'twoStep.regenerateTitle': 'New recovery codes?',
  'twoStep.regenerateIntro': 'New codes replace the old ones, which stop working.',
  'twoStep.enabledNotice': 'Two-step verification is on.',
  'twoStep.disabledNotice': 'Two-step verification is off.',
} as const;

type Key = keyof typeof en;

export const twoStepMessages: ChunkMessages<Key> = {
  en,
  'zh-CN': {
    'twoStep.title': '两步验证',
    'twoStep.intro': '请输入身份验证器应用中的 6 位验证码。',
    'twoStep.recoveryIntro': '请输入开启两步验证时保存的恢复码，每个恢复码只能使用一次。',
    'twoStep.codeLabel': '身份验证器验证码',
    'twoStep.recoveryLabel': '恢复码',
    'twoStep.useRecovery': '使用恢复码',
    'twoStep.useApp': '使用身份验证器应用',
    'twoStep.codeInvalid': '请输入应用中显示的 6 位数字。',
    'twoStep.sectionIntro': '登录时除密码或短信验证码外，还需输入手机上身份验证器应用生成的验证码。',
    'twoStep.on': '已开启',
    'twoStep.off': '未开启',
    'twoStep.enable': '开启',
    'twoStep.disable': '关闭',
    'twoStep.regenerate': '重新生成恢复码',
    'twoStep.codesLeft': '剩余 {count} 个恢复码',
    'twoStep.oneCodeLeft': '剩余 1 个恢复码',
    'twoStep.codesFew': '恢复码即将用完。请重新生成，以免手机丢失后无法登录。',
    'twoStep.codesNone': '恢复码已用完。请重新生成，否则手机丢失后将无法登录。',
    'twoStep.startIntro': '接下来请用手机上的身份验证器应用扫描二维码。',
    'twoStep.setupTitle': '设置身份验证器应用',
    'twoStep.scan':
      '请用身份验证器应用（如 Google Authenticator、Microsoft Authenticator、腾讯身份验证器）扫描二维码，然后输入应用显示的 6 位验证码。',
    'twoStep.qrAlt': '身份验证器二维码',
    'twoStep.manualKey': '无法扫描？请在应用中手动输入以下密钥：',
    'twoStep.codesTitle': '保存恢复码',
    'twoStep.codesIntro':
      '手机丢失时，每个恢复码可代替验证码登录一次。恢复码仅显示这一次，请复制或下载后妥善保存。',
    'twoStep.copy': '复制',
    'twoStep.copied': '已复制。',
    'twoStep.download': '下载',
    'twoStep.saved': '我已保存',
    'twoStep.disableTitle': '关闭两步验证？',
    'twoStep.disableIntro': '关闭后，登录时只需密码或短信验证码。',
    'twoStep.regenerateTitle': '重新生成恢复码？',
    'twoStep.regenerateIntro': '新恢复码生成后，原有恢复码将失效。',
    'twoStep.enabledNotice': '两步验证已开启。',
    'twoStep.disabledNotice': '两步验证已关闭。',
  },
  'zh-TW': {
    'twoStep.title': '兩步驟驗證',
    'twoStep.intro': '請輸入驗證器應用程式中的 6 位數驗證碼。',
    'twoStep.recoveryIntro': '請輸入開啟兩步驟驗證時儲存的復原碼，每組復原碼只能使用一次。',
    'twoStep.codeLabel': '驗證器驗證碼',
    'twoStep.recoveryLabel': '復原碼',
    'twoStep.useRecovery': '使用復原碼',
    'twoStep.useApp': '使用驗證器應用程式',
    'twoStep.codeInvalid': '請輸入應用程式中顯示的 6 位數字。',
    'twoStep.sectionIntro': '登入時除了密碼或簡訊驗證碼，還需輸入手機上驗證器應用程式產生的驗證碼。',
    'twoStep.on': '已開啟',
    'twoStep.off': '未開啟',
    'twoStep.enable': '開啟',
    'twoStep.disable': '關閉',
    'twoStep.regenerate': '重新產生復原碼',
    'twoStep.codesLeft': '剩餘 {count} 組復原碼',
    'twoStep.oneCodeLeft': '剩餘 1 組復原碼',
    'twoStep.codesFew': '復原碼即將用完。請重新產生，以免手機遺失後無法登入。',
    'twoStep.codesNone': '復原碼已用完。請重新產生，否則手機遺失後將無法登入。',
    'twoStep.startIntro': '接下來請用手機上的驗證器應用程式掃描 QR 碼。',
    'twoStep.setupTitle': '設定驗證器應用程式',
    'twoStep.scan':
      '請用驗證器應用程式（如 Google Authenticator、Microsoft Authenticator）掃描 QR 碼，然後輸入應用程式顯示的 6 位數驗證碼。',
    'twoStep.qrAlt': '驗證器 QR 碼',
    'twoStep.manualKey': '無法掃描？請在應用程式中手動輸入以下金鑰：',
    'twoStep.codesTitle': '儲存復原碼',
    'twoStep.codesIntro':
      '手機遺失時，每組復原碼可代替驗證碼登入一次。復原碼僅顯示這一次，請複製或下載後妥善保存。',
    'twoStep.copy': '複製',
    'twoStep.copied': '已複製。',
    'twoStep.download': '下載',
    'twoStep.saved': '我已儲存',
    'twoStep.disableTitle': '關閉兩步驟驗證？',
    'twoStep.disableIntro': '關閉後，登入時只需密碼或簡訊驗證碼。',
    'twoStep.regenerateTitle': '重新產生復原碼？',
    'twoStep.regenerateIntro': '產生新的復原碼後，原有的復原碼將失效。',
    'twoStep.enabledNotice': '兩步驟驗證已開啟。',
    'twoStep.disabledNotice': '兩步驟驗證已關閉。',
  },
};

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
