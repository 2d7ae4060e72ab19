/**
 * The contact details section's strings (001: 联系手机 / 联系邮箱); they load with its chunk (see
 * `ChunkKeys`).
 */
import type { ChunkMessages } from '../../i18n/index.ts';

const en = {
  'contact.title': 'Contact details',
  'contact.intro': 'Where we reach you about your services. They are not used to log in.',
  'contact.phone': 'Contact phone',
  'contact.email': 'Contact email',
  'contact.edit': 'Edit',
  'contact.editLabel': 'Edit contact details',
  'contact.phoneHint': 'Now {phone}. Leave it empty to keep it.',
  'contact.emailHint': 'Leave it empty to remove it.',
  'contact.save': 'Save',
  'contact.saved': 'Your contact details have been saved.',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'contact.title': '联系信息',
  'contact.intro': '用于接收服务相关的通知，不可用于登录。',
  'contact.phone': '联系手机',
  'contact.email': '联系邮箱',
  'contact.edit': '修改',
  'contact.editLabel': '修改联系信息',
  'contact.phoneHint': '当前为 {phone}，不修改请留空。',
  'contact.emailHint': '留空即删除联系邮箱。',
  'contact.save': '保存',
  'contact.saved': '联系信息已保存。',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'contact.title': '聯絡資訊',
  'contact.intro': '用於接收服務相關的通知，不可用於登入。',
  'contact.phone': '聯絡手機',
  'contact.email': '聯絡電子郵件',
  'contact.edit': '修改',
  'contact.editLabel': '修改聯絡資訊',
  'contact.phoneHint': '目前為 {phone}，不修改請留空。',
  'contact.emailHint': '留空即刪除聯絡電子郵件。',
  'contact.save': '儲存',
  'contact.saved': '聯絡資訊已儲存。',
};

export const contactMessages: ChunkMessages<Key> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

declare module '../../i18n/index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
