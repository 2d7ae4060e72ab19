/** 元件自身的介面文字（正體中文）。鍵和佔位符須與 `en.ts` 一致。 */
import type { UiMessages } from './en.ts';

export const zhTW = {
  'login.heading': '登入',
  'login.methods': '登入方式',
  'login.otherMethods': '其他登入方式',
  'login.signedIn': '已登入：{name}',
  'login.subaccountHint': '子帳號登入頁面也支援使用主帳號的電子郵件登入。',
  'login.noMethods': '目前沒有可用的登入方式。',
  'login.back': '返回登入',
  'login.forgot': '忘記密碼？',
  'login.registerNow': '立即註冊',
  'login.connecting': '請在彈出的{method}視窗中完成登入，完成後本頁將自動導向。',

  'identifier.accountName': '帳號名稱',
  'identifier.phone': '手機號碼',
  'identifier.email': '電子郵件',
  'identifier.join': '/',

  'phone.loading': '正在載入號碼格式…',
  'region.CN': '中國大陸',
  'region.HK': '中國香港',
  'region.MO': '中國澳門',
  'region.TW': '中國台灣',

  'code.sentTo': '驗證碼已發送至 {phone}。',
  'code.callingTo': '即將撥打 {phone}，請留意接聽語音驗證碼來電。',

  'common.busy': '請稍候…',
  'common.required': '必填',
} as const satisfies UiMessages;
