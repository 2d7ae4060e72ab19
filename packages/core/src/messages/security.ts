/**
 * `<cloud-account-security>`'s messages: changing the password, unbinding a login.
 */
import type { Catalogue } from './format.ts';

const en = {
  // --- API error codes ---------------------------------------------------------------------------
  password_required: 'Set a login password first, so you can still log in after unbinding.',

  // --- Field labels ------------------------------------------------------------------------------
  'label.newPassword': 'New password',
  'label.currentPassword': 'Current password',
  'label.securityPhone': 'Security phone',

  // --- Actions -----------------------------------------------------------------------------------
  'action.unbind': 'Unbind',
  'action.setPassword': 'Set a login password',

  // --- Flow messages -----------------------------------------------------------------------------
  'flow.unbindNeedsPassword': 'Before unbinding, set a login password so you can still log in another way.',
} as const;

export const SECURITY_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    // --- 接口错误码 ------------------------------------------------------------------------------
    password_required: '请先设置登录密码，以确保解除绑定后仍可登录。',

    // --- 字段 ------------------------------------------------------------------------------------
    'label.newPassword': '新密码',
    'label.currentPassword': '当前密码',
    'label.securityPhone': '安全手机',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.unbind': '解除绑定',
    'action.setPassword': '设置登录密码',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.unbindNeedsPassword': '解除绑定前，请先设置登录密码，以确保仍可通过其他方式登录。',
  },
};
