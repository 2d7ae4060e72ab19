/**
 * App QR login's messages (docs/flows.md#app-qr-login). They load with the QR panel's chunk: a login page whose preset
 * starts elsewhere never downloads them.
 */
import type { Catalogue } from './format.ts';

const en = {
  // --- App QR login ------------------------------------------------------------------------------
  qr_expired: 'The QR code has expired. Refresh it.',
  'action.refreshQr': 'Refresh',
  'qr.pending': 'Scan the QR code with the mobile app to log in.',
  'qr.scanned': 'Scanned. Confirm the login on your phone.',
  'qr.confirmed': 'Logged in.',
  'qr.denied': 'The login was cancelled on the phone.',
  'qr.expired': 'The QR code has expired.',
  'qr.expiresIn': 'Expires in {seconds} s',
} as const;

export const QR_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    // --- 扫码登录 --------------------------------------------------------------------------------
    qr_expired: '二维码已失效，请刷新。',
    'action.refreshQr': '刷新二维码',
    'qr.pending': '请使用手机 App 扫描二维码登录。',
    'qr.scanned': '扫码成功，请在手机上确认登录。',
    'qr.confirmed': '登录成功。',
    'qr.denied': '已在手机上取消登录。',
    'qr.expired': '二维码已失效。',
    'qr.expiresIn': '{seconds} 秒后失效',
  },
  'zh-TW': {
    // --- 掃描 QR 碼登入 -------------------------------------------------------------------------
    qr_expired: 'QR 碼已失效，請重新整理。',
    'action.refreshQr': '重新整理 QR 碼',
    'qr.pending': '請使用手機 App 掃描 QR 碼登入。',
    'qr.scanned': '掃描成功，請在手機上確認登入。',
    'qr.confirmed': '登入成功。',
    'qr.denied': '已在手機上取消登入。',
    'qr.expired': 'QR 碼已失效。',
    'qr.expiresIn': '{seconds} 秒後失效',
  },
};
