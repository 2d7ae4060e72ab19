/**
 * The QR panel's strings, core's `QR_MESSAGES` with them; they load with its chunk (see
 * `ChunkKeys`), so only a page that shows the panel downloads them.
 */
import { QR_MESSAGES } from '@cloud-login/core/messages/qr';
import { withCore, type ChunkMessages } from '../../i18n/index.ts';

const en = {
  'qrPanel.loading': 'Loading the QR code…',
  'qrPanel.alt': 'QR code to log in with the {app} app',
  'qrPanel.openApp': 'On your phone? Open the app instead',
  'qrPanel.newTab': '(opens in a new tab)',
  'qrPanel.noApp': 'No {app} app yet? Search for “{app}” in any app store.',
  'qrPanel.download': 'Download the app',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'qrPanel.loading': '正在加载二维码…',
  'qrPanel.alt': '使用{app} App 扫码登录的二维码',
  'qrPanel.openApp': '正在使用手机？直接打开 App',
  'qrPanel.newTab': '（在新标签页打开）',
  'qrPanel.noApp': '还没有{app} App？在各大应用商店搜索“{app}”即可下载。',
  'qrPanel.download': '下载 App',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'qrPanel.loading': '正在載入 QR 碼…',
  'qrPanel.alt': '使用{app} App 登入的 QR 碼',
  'qrPanel.openApp': '正在使用手機？直接開啟 App',
  'qrPanel.newTab': '（在新分頁開啟）',
  'qrPanel.noApp': '還沒有{app} App？在各大應用程式商店搜尋「{app}」即可下載。',
  'qrPanel.download': '下載 App',
};

export const qrPanelMessages = withCore(QR_MESSAGES, { en, 'zh-CN': zhCN, 'zh-TW': zhTW });

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
