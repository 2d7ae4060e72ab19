/**
 * The words of the pages a third-party login shows in its popup (docs/flows.md#third-party-login):
 * the hand-off, the failures, the Official Account's QR page. In the locale the element asked for
 * when it opened the popup (`locale` on `authorize`, kept in the state); a page without a
 * trustworthy state follows `Accept-Language`.
 */
import type { Locale } from '@cloud-login/core';

export interface ConnectionText {
  signingIn: string;
  closesItself: string;
  failed: string;
  cancelled: string;
  notScanned: string;
  idpFailed: string;
  qrFailed: string;
  /** Title and sentence of a page that cannot hand anything back. */
  qrExpired: readonly [string, string];
  expired: readonly [string, string];
  foreign: readonly [string, string];
  scanTitle: string;
  scanHelp: string;
  scanAlt: string;
  scanDev: string;
}

export const CONNECTION_TEXT: Readonly<Record<Locale, ConnectionText>> = {
  en: {
    signingIn: 'Signing you in…',
    closesItself: 'This window closes by itself.',
    failed: 'Sign-in failed',
    cancelled: 'The sign-in was cancelled.',
    notScanned: 'The QR code was not scanned.',
    idpFailed: 'The identity provider did not confirm the sign-in; try again.',
    qrFailed: 'WeChat could not create the QR code; try again.',
    qrExpired: ['QR code expired', 'This QR code has expired. Close this window and start again.'],
    expired: [
      'Sign-in expired',
      'This sign-in has expired or was already used. Close this window and start again.',
    ],
    foreign: [
      'Sign-in refused',
      'This sign-in was not started in this browser. Close this window and start again.',
    ],
    scanTitle: 'WeChat Official Account login',
    scanHelp: 'Scan the QR code with the WeChat that manages your Official Account.',
    scanAlt: 'QR code to log in with a WeChat Official Account',
    scanDev: 'Dev: open the simulated WeChat phone',
  },
  'zh-CN': {
    signingIn: '正在登录…',
    closesItself: '此窗口将自动关闭。',
    failed: '登录失败',
    cancelled: '已取消登录。',
    notScanned: '二维码未被扫描。',
    idpFailed: '第三方平台未确认本次登录，请重试。',
    qrFailed: '微信二维码生成失败，请重试。',
    qrExpired: ['二维码已失效', '二维码已失效，请关闭此窗口后重新登录。'],
    expired: ['登录已失效', '本次登录已过期或已完成，请关闭此窗口后重新登录。'],
    foreign: ['无法完成登录', '本次登录不是在此浏览器中发起的，请关闭此窗口后重新登录。'],
    scanTitle: '微信公众号登录',
    scanHelp: '请使用绑定了公众号的微信扫描二维码登录。',
    scanAlt: '微信公众号登录二维码',
    scanDev: '开发模式：打开模拟的微信手机',
  },
  'zh-TW': {
    signingIn: '正在登入…',
    closesItself: '此視窗將自動關閉。',
    failed: '登入失敗',
    cancelled: '已取消登入。',
    notScanned: 'QR 碼尚未掃描。',
    idpFailed: '第三方平台未確認此次登入，請再試一次。',
    qrFailed: '微信 QR 碼產生失敗，請再試一次。',
    qrExpired: ['QR 碼已失效', '此 QR 碼已失效，請關閉此視窗後重新登入。'],
    expired: ['登入已失效', '此次登入已逾時或已完成，請關閉此視窗後重新登入。'],
    foreign: ['無法完成登入', '此次登入並非在此瀏覽器中發起，請關閉此視窗後重新登入。'],
    scanTitle: '微信公眾號登入',
    scanHelp: '請使用已綁定公眾號的微信掃描 QR 碼登入。',
    scanAlt: '微信公眾號登入 QR 碼',
    scanDev: '開發模式：開啟模擬的微信手機',
  },
};
