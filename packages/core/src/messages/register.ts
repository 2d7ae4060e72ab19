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
  'label.agreementsPrefix': 'I have read and agree to the',
  'label.optional': 'Optional',

  // --- Actions -----------------------------------------------------------------------------------
  'action.register': 'Register',
  'action.registerNow': 'Register now',
  'action.haveAccount': 'Already have an account? Log in',
  'action.next': 'Next',
  'action.resendEmail': 'Resend email',
  'action.enableService': 'Enable service',
  'action.completeRegistration': 'Complete registration',
  /** 003: the WeChat bind step's button (phone and code, then 确定). */
  'action.confirm': 'Confirm',

  // --- Register methods (presets' `methods.register`) --------------------------------------------
  'registerMethod.account': 'Register with an account name',
  'registerMethod.phone': 'Register with a phone number',
  'registerMethod.email': 'Register with email',
  'registerMethod.wechat': 'Register with WeChat',
  'registerMethod.wechat-mp': 'Register with a WeChat Official Account',
  'registerMethod.qq': 'Register with QQ',

  // --- Register steps (presets' `registration.*.steps[].id`, plus the JD extra) ------------------
  'step.credentials': 'Set account name and password',
  /** The credentials step when it asks for an email rather than an account name (Tencent, default). */
  'step.credentials.email': 'Set email and password',
  /** The credentials step where the preset calls the account name a user name (001). */
  'step.credentials.userName': 'Set user name and password',
  'step.phone': 'Verify your phone',
  'step.password': 'Set a login password',
  'step.enable-service': 'Enable service',
  'step.industry': 'Choose your industry',
  /** The industry list left at its placeholder. */
  industry_required: 'Choose your industry.',
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
    'action.confirm': '确定',

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
    'step.credentials.userName': '设置用户名和密码',
    'step.phone': '验证手机号',
    'step.password': '设置登录密码',
    'step.enable-service': '开通服务',
    'step.industry': '选择所属行业',
    industry_required: '请选择所属行业。',
    'step.securityEmail': '补充安全邮箱',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.activationSent': '激活邮件已发送至 {email}，请前往邮箱点击链接完成激活。',
    'flow.emailVerified': '邮箱验证成功。',
    'flow.registered': '注册成功。',
    'flow.securityEmailWhy':
      '邮箱是接收重要通知、监控告警和账户信息的主要方式之一，建议填写并验证，以免错过。',
  },
  'zh-TW': {
    // --- API 錯誤碼 ------------------------------------------------------------------------------
    agreements_required: '請閱讀並同意相關條款。',

    // --- 輸入提示 --------------------------------------------------------------------------------
    'hint.phone_security': '此手機號碼將作為帳號的安全手機；若未關聯其他帳號，也可用於登入。',
    'hint.phone_account_limit': '每個手機號碼最多可關聯 {count} 個帳號。',

    // --- 欄位 ------------------------------------------------------------------------------------
    'label.contactPhone': '聯絡手機',
    'label.contactEmail': '聯絡電子郵件',
    'label.recommendationCode': '推薦碼（選填）',
    recommendation_code_format: '推薦碼為 1–32 位字母、數字、「-」或「_」。',
    'label.industry': '所屬產業',
    'label.agreementsPrefix': '我已閱讀並同意',
    'label.optional': '選填',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.register': '註冊',
    'action.registerNow': '立即註冊',
    'action.haveAccount': '已有帳號？立即登入',
    'action.next': '下一步',
    'action.resendEmail': '重新寄送郵件',
    'action.enableService': '啟用服務',
    'action.completeRegistration': '完成註冊',
    'action.confirm': '確定',

    // --- 註冊方式 --------------------------------------------------------------------------------
    'registerMethod.account': '帳號名稱註冊',
    'registerMethod.phone': '手機號碼註冊',
    'registerMethod.email': '電子郵件註冊',
    'registerMethod.wechat': '微信註冊',
    'registerMethod.wechat-mp': '微信公眾號註冊',
    'registerMethod.qq': 'QQ 註冊',

    // --- 註冊步驟 --------------------------------------------------------------------------------
    'step.credentials': '設定帳號名稱和密碼',
    'step.credentials.email': '設定電子郵件和密碼',
    'step.credentials.userName': '設定使用者名稱和密碼',
    'step.phone': '驗證手機號碼',
    'step.password': '設定登入密碼',
    'step.enable-service': '啟用服務',
    'step.industry': '選擇所屬產業',
    industry_required: '請選擇所屬產業。',
    'step.securityEmail': '補充安全電子郵件',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.activationSent': '啟用信已寄至 {email}，請至信箱點選連結完成啟用。',
    'flow.emailVerified': '電子郵件驗證成功。',
    'flow.registered': '註冊成功。',
    'flow.securityEmailWhy':
      '電子郵件是接收重要通知、監控告警和帳戶資訊的主要管道之一，建議填寫並驗證，以免錯過。',
  },
};
