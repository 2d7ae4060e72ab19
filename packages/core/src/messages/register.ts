/**
 * Registration's messages, and those of the profile steps that complete a new account after a
 * first sign-in (they are registration steps: `step.*`, the enable-service and industry fields,
 * the agreements). They load with `<cloud-register>` and the profile steps.
 */
import type { Catalogue } from './format.ts';

const en = {
  // --- API error codes ---------------------------------------------------------------------------
  agreements_required: 'Please read and accept the agreements to continue.',

  // --- Hints -------------------------------------------------------------------------------------
  'hint.phone_security':
    'This number becomes the security phone of your account. It can also be used to log in if no other account uses it.',
  'hint.phone_account_limit': 'Each phone number can be linked to at most {count} accounts.',

  // --- Field labels ------------------------------------------------------------------------------
  'label.contactPhone': 'Contact phone',
  'label.contactEmail': 'Contact email',
  'label.recommendationCode': 'Recommendation code (optional)',
  recommendation_code_format: 'A recommendation code is 1–32 letters, digits, “-” or “_”.',
  'label.industry': 'Industry',
  'label.agreementsPrefix': 'I have read and agree to',
  'label.optional': 'Optional',

  // --- Actions -----------------------------------------------------------------------------------
  'action.register': 'Sign up',
  'action.registerNow': 'Sign up now',
  'action.haveAccount': 'Already have an account? Log in',
  'action.next': 'Next',
  'action.resendEmail': 'Resend email',
  'action.enableService': 'Enable service',
  'action.completeRegistration': 'Complete registration',

  // --- Register methods (presets' `methods.register`) --------------------------------------------
  'registerMethod.account': 'Sign up with an account name',
  'registerMethod.phone': 'Sign up with a phone number',
  'registerMethod.email': 'Sign up with email',
  'registerMethod.wechat': 'Sign up with WeChat',
  'registerMethod.wechat-mp': 'Sign up with a WeChat Official Account',
  'registerMethod.qq': 'Sign up with QQ',

  // --- Register steps (presets' `registration.*.steps[].id`, plus the JD extra) ------------------
  'step.credentials': 'Set account name and password',
  /** The credentials step when it asks for an email rather than an account name (Tencent, default). */
  'step.credentials.email': 'Set email and password',
  'step.phone': 'Verify your phone',
  'step.password': 'Set a login password',
  'step.enable-service': 'Enable service',
  'step.industry': 'Choose your industry',
  'step.securityEmail': 'Add a security email',

  // --- Flow messages -----------------------------------------------------------------------------
  'flow.activationSent':
    'We have sent an activation email to {email}. Open the link in it to activate your account.',
  'flow.emailVerified': 'Your email has been verified.',
  'flow.registered': 'Your account has been created.',
  'flow.securityEmailWhy':
    'We send important notices, alerts and account information by email. Add one so you don’t miss them.',
} as const;

export const REGISTER_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    // --- 接口错误码 ------------------------------------------------------------------------------
    agreements_required: '请阅读并同意相关协议。',

    // --- 输入提示 --------------------------------------------------------------------------------
    'hint.phone_security': '该手机号将作为账号的安全手机；若未关联其他账号，也可用于登录。',
    'hint.phone_account_limit': '每个手机号最多可关联 {count} 个账号。',

    // --- 字段 ------------------------------------------------------------------------------------
    'label.contactPhone': '联系手机',
    'label.contactEmail': '联系邮箱',
    'label.recommendationCode': '推荐码（选填）',
    recommendation_code_format: '推荐码为 1–32 位字母、数字、“-”或“_”。',
    'label.industry': '所属行业',
    'label.agreementsPrefix': '我已阅读并同意',
    'label.optional': '选填',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.register': '注册',
    'action.registerNow': '立即注册',
    'action.haveAccount': '已有账号？立即登录',
    'action.next': '下一步',
    'action.resendEmail': '重新发送邮件',
    'action.enableService': '开通服务',
    'action.completeRegistration': '完成注册',

    // --- 注册方式 --------------------------------------------------------------------------------
    'registerMethod.account': '账号名注册',
    'registerMethod.phone': '手机号注册',
    'registerMethod.email': '邮箱注册',
    'registerMethod.wechat': '微信注册',
    'registerMethod.wechat-mp': '微信公众号注册',
    'registerMethod.qq': 'QQ 注册',

    // --- 注册步骤 --------------------------------------------------------------------------------
    'step.credentials': '设置账号名和密码',
    'step.credentials.email': '设置邮箱和密码',
    'step.phone': '验证手机号',
    'step.password': '设置登录密码',
    'step.enable-service': '开通服务',
    'step.industry': '选择所属行业',
    'step.securityEmail': '补充安全邮箱',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.activationSent': '激活邮件已发送至 {email}，请前往邮箱点击链接完成激活。',
    'flow.emailVerified': '邮箱验证成功。',
    'flow.registered': '注册成功。',
    'flow.securityEmailWhy':
      '邮箱是接收重要通知、监控告警和账户信息的主要方式之一，建议填写并验证，以免错过。',
  },
};
