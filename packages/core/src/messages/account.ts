/**
 * What registration, the profile steps of a first sign-in and account security share: a new
 * account name's rule codes and checklist, the email and account-name conflicts, the email link,
 * the legacy upgrade. Loads with whichever of those flows comes first; a login page's own screens
 * never show these.
 */
import type { Catalogue } from './format.ts';

const en = {
  // --- API error codes ---------------------------------------------------------------------------
  account_name_taken: 'This account name is already taken. Choose another one.',
  email_taken: 'This email is already in use.',
  link_expired: 'This link has expired or has already been used.',
  'code_cooldown.email': 'A verification email was just sent. You can send another in {seconds} s.',

  // --- Rule codes of an account name (validation_failed issues) ----------------------------------
  account_name_length: 'The account name must be {min}–{max} characters long.',
  account_name_chars: 'The account name can only contain Chinese characters, letters, digits, “-” and “_”.',
  account_name_digits_only: 'The account name cannot be digits only.',

  // --- Hints -------------------------------------------------------------------------------------
  'hint.account_name_length': '{min}–{max} characters',
  'hint.account_name_chars': 'Chinese characters, letters, digits, “-” or “_”',
  'hint.account_name_digits_only': 'Not digits only',
  'hint.email_login': 'Once verified, the email can also be used to log in if no other account uses it.',

  // --- Field labels ------------------------------------------------------------------------------
  'label.accountName': 'Account name',
  /** The account name where the preset calls it a user name (`accountNameLabel`, 001). */
  'label.userName': 'User name',
  'label.securityEmail': 'Security email',

  // --- Actions -----------------------------------------------------------------------------------
  'action.submit': 'Submit',
  'action.skip': 'Skip',
  'action.upgrade': 'Upgrade account',

  // --- Flow messages -----------------------------------------------------------------------------
  'flow.emailVerificationSent': 'We have sent a verification email. The link is valid for {hours} hours.',
  'flow.legacyUpgrade':
    'Your account is an older JD account. Choose an account name and password to upgrade it.',
} as const;

export const ACCOUNT_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    // --- 接口错误码 ------------------------------------------------------------------------------
    account_name_taken: '该账号名已被占用，请换一个。',
    email_taken: '该邮箱已被使用。',
    link_expired: '该链接已失效或已被使用。',
    'code_cooldown.email': '验证邮件刚刚发出，请 {seconds} 秒后再发送。',

    // --- 账号名的校验规则 ------------------------------------------------------------------------
    account_name_length: '账号名长度须为 {min}-{max} 位。',
    account_name_chars: '账号名只能包含汉字、英文字母、数字、“-”和“_”。',
    account_name_digits_only: '账号名不能为纯数字。',

    // --- 输入提示 --------------------------------------------------------------------------------
    'hint.account_name_length': '长度为 {min}-{max} 位',
    'hint.account_name_chars': '支持汉字、英文字母、数字、“-”和“_”',
    'hint.account_name_digits_only': '不能为纯数字',
    'hint.email_login': '邮箱验证成功后，若未关联其他账号，也可用于登录。',

    // --- 字段 ------------------------------------------------------------------------------------
    'label.accountName': '账号名',
    'label.userName': '用户名',
    'label.securityEmail': '安全邮箱',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.submit': '提交',
    'action.skip': '跳过',
    'action.upgrade': '升级账号',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.emailVerificationSent': '验证邮件已发送，请在 {hours} 小时内点击邮件中的链接完成验证。',
    'flow.legacyUpgrade': '您的账号是京东老账号，设置账号名和登录密码即可升级为京东云账号。',
  },
  'zh-TW': {
    // --- API 錯誤碼 ------------------------------------------------------------------------------
    account_name_taken: '此帳號名稱已被使用，請換一個。',
    email_taken: '此電子郵件已被使用。',
    link_expired: '此連結已失效或已使用過。',
    'code_cooldown.email': '驗證信剛剛寄出，請於 {seconds} 秒後再寄送。',

    // --- 帳號名稱的驗證規則 ------------------------------------------------------------------------
    account_name_length: '帳號名稱長度須為 {min}-{max} 位。',
    account_name_chars: '帳號名稱只能包含中文字、英文字母、數字、「-」和「_」。',
    account_name_digits_only: '帳號名稱不能全為數字。',

    // --- 輸入提示 --------------------------------------------------------------------------------
    'hint.account_name_length': '長度為 {min}-{max} 位',
    'hint.account_name_chars': '可使用中文字、英文字母、數字、「-」和「_」',
    'hint.account_name_digits_only': '不能全為數字',
    'hint.email_login': '電子郵件驗證成功後，若未關聯其他帳號，也可用於登入。',

    // --- 欄位 ------------------------------------------------------------------------------------
    'label.accountName': '帳號名稱',
    'label.userName': '使用者名稱',
    'label.securityEmail': '安全電子郵件',

    // --- 操作 ------------------------------------------------------------------------------------
    'action.submit': '送出',
    'action.skip': '略過',
    'action.upgrade': '升級帳號',

    // --- 流程提示 --------------------------------------------------------------------------------
    'flow.emailVerificationSent': '驗證信已寄出，請在 {hours} 小時內點選信中的連結完成驗證。',
    'flow.legacyUpgrade': '您的帳號是京東舊帳號，設定帳號名稱和登入密碼即可升級為京東雲帳號。',
  },
};
