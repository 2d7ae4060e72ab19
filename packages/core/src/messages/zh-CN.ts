/**
 * 简体中文消息（基础部分：登录页首屏可能显示的文字）。键与 `en.ts` 完全一致（类型检查保证），
 * 占位符 `{…}` 也须一致（由测试保证）。其余部分按流程拆分在 `password.ts`、`account.ts`、
 * `register.ts`、`security.ts`、`qr.ts`、`extra.ts` 中，每个文件同时包含中英文。
 * 用词遵循国内云控制台的习惯：账号名、登录密码、验证码、安全手机、安全邮箱……
 */
import type { BaseMessages } from './en.ts';

export const zhCN = {
  // --- 登录时可能遇到的接口错误码 ----------------------------------------------------------------
  validation_failed: '部分信息填写有误，请检查后重试。',
  invalid_code: '验证码错误，请重新输入。',
  code_expired: '验证码已过期，请重新获取。',
  invalid_credentials: '账号或密码错误。',
  unauthenticated: '请先登录。',
  // 002 原文：“当前手机/邮箱不可用于登录”，并给出改用账号名或“京东登录”的指引。
  identifier_not_loginable:
    '该手机号/邮箱不能用于登录，请使用账号名登录；如果您的账号是京东老账号，请使用京东登录。',
  use_parent_login: '您的账号是尚未升级的京东老账号，请使用“京东登录”。',
  origin_not_allowed: '当前网站未获授权使用此登录服务。',
  method_disabled: '该登录方式暂不可用。',
  not_found: '请求的内容不存在。',
  phone_account_limit: '该手机号已关联 {count} 个账号，已达上限。',
  already_bound: '该账号已绑定另一个第三方账号（如另一个微信账号），请先解除绑定后再试。',
  legacy_account_cannot_bind:
    '您的账号是京东老账号，只能通过“京东登录”访问；升级为京东云账号后才能绑定微信。',
  ticket_expired: '操作已超时，请重新开始。',
  unsupported_media_type: '不支持的请求格式。',
  rate_limited: '操作过于频繁，请 {seconds} 秒后再试。',
  code_cooldown: '验证码已发送，请 {seconds} 秒后再重新获取。',
  too_many_attempts: '错误次数过多，请重新获取验证码或稍后再试。',
  server_busy: '服务器繁忙，请稍后再试。',
  host_not_allowed: '此地址不能使用本服务器。',

  // --- 按字段细化的变体：`{code}.{field}`（messageKeyFor） ---------------------------------------
  'not_found.phone': '该手机号未注册账号，请先注册。',

  // --- 等待时间：`{code}.wait` 的 {wait} 由 formatRetry() 给出（“45 秒”“15 分钟”“11 小时”） ------
  'rate_limited.wait': '操作过于频繁，请 {wait}后再试。',
  'code_cooldown.wait': '验证码已发送，请 {wait}后再重新获取。',
  'retry.seconds': '{seconds} 秒',
  'retry.minutes': '{minutes} 分钟',
  'retry.hours': '{hours} 小时',

  // --- 客户端错误码 ------------------------------------------------------------------------------
  network_error: '网络连接失败，请检查网络后重试。',
  unexpected_response: '服务暂时不可用，请稍后重试。',

  // --- 登录字段的校验规则 ------------------------------------------------------------------------
  phone_invalid: '请输入正确的手机号。',
  phone_region_not_allowed: '暂不支持该国家/地区的手机号。',
  email_invalid: '请输入正确的邮箱地址。',
  code_format: '请输入 {count} 位数字验证码。',
  field_required: '此项为必填项。',

  // --- 输入提示 ----------------------------------------------------------------------------------
  'hint.phone_steer_email': '非中国大陆用户建议使用邮箱注册。',

  // --- 字段 --------------------------------------------------------------------------------------
  'label.password': '登录密码',
  'label.phone': '手机号',
  'label.region': '国家/地区',
  'label.code': '验证码',
  'label.email': '邮箱',

  // --- 操作 --------------------------------------------------------------------------------------
  'action.login': '登录',
  'action.back': '返回',
  'action.cancel': '取消',
  'action.getCode': '获取验证码',
  'action.resend': '重新获取',
  'action.resendIn': '{seconds} 秒后重新获取',
  'action.voiceCode': '收不到短信？获取语音验证码',
  'action.showPassword': '显示密码',
  'action.hidePassword': '隐藏密码',
  'action.createAccount': '创建新账号',
  'action.bindAndLogin': '绑定并登录',

  // --- 登录方式 ----------------------------------------------------------------------------------
  'method.qr': '扫码登录',
  'method.password': '密码登录',
  'method.sms': '短信登录',
  'method.subaccount': '子账号登录',
  'method.iam': 'IAM 用户登录',
  'method.jd': '京东登录',
  'method.wechat': '微信登录',
  'method.wechat-mp': '微信公众号登录',
  'method.qq': 'QQ 登录',
  'method.passkeys': '通行密钥登录',

  // --- 流程提示 ----------------------------------------------------------------------------------
  'flow.chooseAccount': '请选择要登录的账号',
  'flow.bindOrCreate': '请选择要绑定的账号，或创建新账号。',
} as const satisfies BaseMessages;
