/**
 * Passkeys' strings (docs/flows.md#passkeys): the refusals of a passkey answer (the contract's
 * codes with `field: "passkey"`, shown through their `{code}.passkey` variants) and the passkey
 * section of account security. They load with the passkey code (`shared/passkeys.ts`), which
 * neither a login page without passkeys nor one whose visitor never uses them downloads.
 */
import type { ChunkMessages } from './index.ts';

const en = {
  'invalid_credentials.passkey':
    'This passkey cannot log in here. Try again with another passkey, or use another way to log in.',
  'origin_not_allowed.passkey': 'Passkeys cannot be used on this page.',
  'ticket_expired.passkey': 'The passkey request timed out. Please try again.',
  'already_bound.passkey': 'This passkey has already been added.',
  'unexpected_response.passkey': 'This browser or device could not use a passkey here.',
  'passkey.heading': 'Passkeys',
  'passkey.intro': 'Log in with your fingerprint, face or screen lock instead of a password.',
  'passkey.none': 'No passkeys yet.',
  'passkey.add': 'Add a passkey',
  'passkey.addText': 'Your device will ask you to create a passkey for this account.',
  'passkey.continue': 'Continue',
  'passkey.added': 'The passkey has been added.',
  'passkey.created': 'Added {date}',
  'passkey.lastUsed': 'last used {date}',
  'passkey.neverUsed': 'not used yet',
  'passkey.synced': 'synced',
  'passkey.rename': 'Rename',
  'passkey.renameLabel': 'Rename {name}',
  'passkey.name': 'Name',
  'passkey.save': 'Save',
  'passkey.renamed': 'The passkey has been renamed.',
  'passkey.delete': 'Delete',
  'passkey.deleteLabel': 'Delete {name}',
  'passkey.deleteTitle': 'Delete {name}?',
  'passkey.deleteText':
    'You will no longer be able to log in with this passkey. Remove it from your device or password manager too.',
  'passkey.deleted': 'The passkey has been deleted.',
} as const;

type Key = keyof typeof en;

const zhCN: ChunkMessages<Key>['zh-CN'] = {
  'invalid_credentials.passkey': '此通行密钥无法在这里登录。请换一个通行密钥重试，或使用其他方式登录。',
  'origin_not_allowed.passkey': '此页面不能使用通行密钥。',
  'ticket_expired.passkey': '通行密钥请求已超时，请重试。',
  'already_bound.passkey': '此通行密钥已添加过。',
  'unexpected_response.passkey': '此浏览器或设备无法在这里使用通行密钥。',
  'passkey.heading': '通行密钥',
  'passkey.intro': '使用指纹、面容或屏幕锁登录，无需输入密码。',
  'passkey.none': '尚未添加通行密钥。',
  'passkey.add': '添加通行密钥',
  'passkey.addText': '您的设备将为此账号创建一个通行密钥。',
  'passkey.continue': '继续',
  'passkey.added': '通行密钥已添加。',
  'passkey.created': '添加于 {date}',
  'passkey.lastUsed': '最近使用 {date}',
  'passkey.neverUsed': '尚未使用',
  'passkey.synced': '已同步',
  'passkey.rename': '重命名',
  'passkey.renameLabel': '重命名 {name}',
  'passkey.name': '名称',
  'passkey.save': '保存',
  'passkey.renamed': '通行密钥已重命名。',
  'passkey.delete': '删除',
  'passkey.deleteLabel': '删除 {name}',
  'passkey.deleteTitle': '删除 {name}？',
  'passkey.deleteText': '删除后将无法再用此通行密钥登录。请同时从您的设备或密码管理器中移除它。',
  'passkey.deleted': '通行密钥已删除。',
};

const zhTW: ChunkMessages<Key>['zh-TW'] = {
  'invalid_credentials.passkey': '此通行密鑰無法在這裡登入。請換一個通行密鑰再試一次，或使用其他方式登入。',
  'origin_not_allowed.passkey': '此頁面不能使用通行密鑰。',
  'ticket_expired.passkey': '通行密鑰要求已逾時，請再試一次。',
  'already_bound.passkey': '此通行密鑰已新增過。',
  'unexpected_response.passkey': '此瀏覽器或裝置無法在這裡使用通行密鑰。',
  'passkey.heading': '通行密鑰',
  'passkey.intro': '使用指紋、臉部或螢幕鎖定登入，不必輸入密碼。',
  'passkey.none': '尚未新增通行密鑰。',
  'passkey.add': '新增通行密鑰',
  'passkey.addText': '您的裝置將為此帳號建立一個通行密鑰。',
  'passkey.continue': '繼續',
  'passkey.added': '通行密鑰已新增。',
  'passkey.created': '新增於 {date}',
  'passkey.lastUsed': '最近使用 {date}',
  'passkey.neverUsed': '尚未使用',
  'passkey.synced': '已同步',
  'passkey.rename': '重新命名',
  'passkey.renameLabel': '重新命名 {name}',
  'passkey.name': '名稱',
  'passkey.save': '儲存',
  'passkey.renamed': '通行密鑰已重新命名。',
  'passkey.delete': '刪除',
  'passkey.deleteLabel': '刪除 {name}',
  'passkey.deleteTitle': '刪除 {name}？',
  'passkey.deleteText': '刪除後將無法再用此通行密鑰登入。請一併從您的裝置或密碼管理工具中移除。',
  'passkey.deleted': '通行密鑰已刪除。',
};

export const passkeyMessages: ChunkMessages<Key> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

declare module './index.ts' {
  interface ChunkKeys extends Record<Key, true> {}
}
