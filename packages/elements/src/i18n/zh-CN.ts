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
  'login.connecting': '请在打开的{method}窗口中继续，本页面会自动继续。',

  'identifier.accountName': '账号名',
  'identifier.phone': '手机号',
  'identifier.email': '邮箱',
  'identifier.join': '/',

  'register.heading': '注册',
  'register.methods': '注册方式',
  'register.progress': '第 {current} 步，共 {total} 步',
  'register.noMethods': '当前没有可用的注册方式。',
  'register.checkMailbox': '请查收激活邮件',
  'register.activationHelp': '没有收到？请检查垃圾邮件，或重新发送。',
  'register.activationResent': '激活邮件已重新发送。',
  'register.resendEmailIn': '{seconds} 秒后可重新发送邮件',
  'register.useAnotherEmail': '使用其他邮箱',
  'register.enableServiceIntro': '请补充以下信息，开通{name}服务。',
  'register.securityEmailSentHeading': '请验证邮箱',
  'register.done': '继续',
  'register.redirecting': '正在返回…',
  'register.selectIndustry': '请选择所属行业',
  'register.signedInAs': '已登录：{name}',
  'register.recommendationCodeFormat': '推荐码为 1–32 位字母、数字、“-”或“_”。',
  'register.emailSentTo': '已发送至 {email}。',

  'phone.regionOption': '{name} +{code}',
  'phone.loading': '正在加载号码格式…',
  'region.CN': '中国大陆',
  'region.HK': '中国香港',
  'region.MO': '中国澳门',
  'region.TW': '中国台湾',

  'code.sentTo': '验证码已发送至 {phone}。',
  'code.callingTo': '我们将致电 {phone} 播报验证码。',

  'password.requirements': '密码要求',
  'password.met': '已满足',
  'password.unmet': '未满足',
  'password.recommended': '建议',

  'agreements.link': '《{name}》',
  'agreements.comma': '、',
  'agreements.and': '和',
  'agreements.newTab': '（在新标签页打开）',

  'common.busy': '请稍候…',
  'common.required': '必填',
} as const satisfies UiMessages;
