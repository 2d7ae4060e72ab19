/** 组件自身的界面文案（简体中文）。键和占位符须与 `en.ts` 一致。 */
import type { UiMessages } from './en.ts';

export const zhCN = {
  'login.heading': '登录',
  'login.methods': '登录方式',
  'login.otherMethods': '其他登录方式',
  'login.signedIn': '已登录：{name}',
  'login.subaccountHint': '子账号登录页面也支持使用主账号的邮箱登录。',
  'login.noMethods': '当前没有可用的登录方式。',
  'login.back': '返回登录',
  'login.forgot': '忘记密码？',
  'login.registerNow': '立即注册',
  'login.connecting': '请在弹出的{method}窗口中完成登录，登录后本页将自动跳转。',

  'identifier.accountName': '账号名',
  'identifier.phone': '手机号',
  'identifier.email': '邮箱',
  'identifier.join': '/',

  'phone.loading': '正在加载号码格式…',
  'region.CN': '中国大陆',
  'region.HK': '中国香港',
  'region.MO': '中国澳门',
  'region.TW': '中国台湾',

  'code.sentTo': '验证码已发送至 {phone}。',
  'code.callingTo': '即将拨打 {phone}，请留意接听语音验证码来电。',

  'common.busy': '请稍候…',
  'common.required': '必填',
} as const satisfies UiMessages;
