/**
 * `<cloud-account-security>`'s messages: changing the password, unbinding a login, proving the
 * account again before either.
 */
import type { Catalogue } from './format.ts';

const en = {
  // --- API error codes ---------------------------------------------------------------------------
  password_required: 'Set a login password first, so you can still log in after unbinding.',
  reauth_required: 'Confirm it is you to make this change.',

  // --- Field labels ------------------------------------------------------------------------------
  'label.newPassword': 'New password',
  'label.currentPassword': 'Current password',
  'label.securityPhone': 'Security phone',

  // --- Actions -----------------------------------------------------------------------------------
  'action.unbind': 'Unbind',
  'action.setPassword': 'Set a login password',

  // --- Flow messages -----------------------------------------------------------------------------
  'flow.unbindNeedsPassword': 'Before unbinding, set a login password so you can still log in another way.',
  'flow.reauthPassword': 'To make this change, enter your current password.',
  'flow.reauthCode': 'To make this change, enter the code we send to your phone.',
} as const;

export const SECURITY_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    // --- 接口错误码 ------------------------------------------------------------------------------
    password_required: '请先设置登录密码，以确保解除绑定后仍可登录。',
    reauth_required: '请先验证身份，再进行此项修改。',

    // --- 字段 ------------------------------------------------------------------------------------
    'label.newPassword': '新密码',
    'label.currentPassword': '当前密码',
    'label.securityPhone': '安全手机',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.unbind': '解除绑定',
    'action.setPassword': '设置登录密码',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.unbindNeedsPassword': '解除绑定前，请先设置登录密码，以确保仍可通过其他方式登录。',
    'flow.reauthPassword': '为保障账号安全，请输入当前密码后再修改。',
    'flow.reauthCode': '为保障账号安全，请输入发送到您手机的验证码后再修改。',
  },
  'zh-TW': {
    // --- API 錯誤碼 ------------------------------------------------------------------------------
    password_required: '請先設定登入密碼，以確保解除綁定後仍可登入。',
    reauth_required: '請先驗證身分，再進行此項變更。',

    // --- 欄位 ------------------------------------------------------------------------------------
    'label.newPassword': '新密碼',
    'label.currentPassword': '目前密碼',
    'label.securityPhone': '安全手機',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.unbind': '解除綁定',
    'action.setPassword': '設定登入密碼',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.unbindNeedsPassword': '解除綁定前，請先設定登入密碼，以確保仍可透過其他方式登入。',
    'flow.reauthPassword': '為保障帳號安全，請輸入目前密碼後再變更。',
    'flow.reauthCode': '為保障帳號安全，請輸入發送到您手機的驗證碼後再變更。',
  },
};
