/**
 * A new password's messages: the rule codes its check gives (`checkPassword`) and the checklist
 * lines (`hint.*`, see `hintKey`). Only a password being chosen shows them — registration, the
 * profile steps, account security, a password reset, `<cloud-password-field mode="new">` — never
 * a sign-in. The reset's own refusals are here too, since the reset steps load this part.
 */
import type { Catalogue } from './format.ts';

const en = {
  // --- Rule codes of a new password (validation_failed issues) -----------------------------------
  password_length: 'The password must be {min}–{max} characters long.',
  password_chars: 'The password can only contain English letters, digits and symbols, without spaces.',
  password_letter: 'The password must contain a letter.',
  password_digit: 'The password must contain a digit.',
  password_symbol: 'The password must contain a symbol.',
  password_kinds: 'The password must contain at least {count} of these: letters, digits, symbols.',
  password_account_name: 'The password cannot be the same as the account name.',
  password_common: 'This password is too common and easy to guess. Choose another one.',
  password_reused: 'The new password cannot be the same as the current one.',

  // --- API error codes of a password reset -------------------------------------------------------
  use_main_account: 'This is a sub-account. Ask the administrator of its main account to reset its password.',

  // --- Checklist hints (tick as they are met) ----------------------------------------------------
  'hint.password_length': '{min}–{max} characters',
  'hint.password_chars': 'English letters, digits and symbols only, no spaces',
  'hint.password_letter': 'Contains a letter',
  'hint.password_digit': 'Contains a digit',
  'hint.password_symbol': 'Contains a symbol, such as ! @ # _',
  'hint.password_kinds': 'At least {count} of: letters, digits, symbols',
  'hint.password_kinds_recommended': 'Recommended: at least {count} of letters, digits, symbols',
  'hint.password_account_name': 'Not the same as the account name',
  'hint.password_common': 'Not a commonly used password',
  'hint.password_reused': 'Not the same as the current password',
} as const;

export const PASSWORD_MESSAGES: Catalogue<keyof typeof en> = {
  en,
  'zh-CN': {
    // --- 新密码的校验规则 ------------------------------------------------------------------------
    password_length: '密码长度须为 {min}-{max} 位。',
    password_chars: '密码只能包含英文字母、数字和英文符号，不能包含空格。',
    password_letter: '密码须包含英文字母。',
    password_digit: '密码须包含数字。',
    password_symbol: '密码须包含符号。',
    password_kinds: '密码须包含字母、数字、符号中的至少 {count} 种。',
    password_account_name: '密码不能与账号名相同。',
    password_common: '该密码过于常见，容易被猜中，请换一个。',
    password_reused: '新密码不能与当前密码相同。',

    // --- 重置密码的接口错误码 --------------------------------------------------------------------
    use_main_account: '该账号为子账号，请联系主账号管理员重置密码。',

    // --- 输入提示（满足时打勾） ------------------------------------------------------------------
    'hint.password_length': '长度为 {min}-{max} 位',
    'hint.password_chars': '仅限英文字母、数字和英文符号，不含空格',
    'hint.password_letter': '包含英文字母',
    'hint.password_digit': '包含数字',
    'hint.password_symbol': '包含符号，如 ! @ # _',
    'hint.password_kinds': '至少包含字母、数字、符号中的 {count} 种',
    'hint.password_kinds_recommended': '建议包含字母、数字、符号中的 {count} 种及以上',
    'hint.password_account_name': '不能与账号名相同',
    'hint.password_common': '不能是常见的弱密码',
    'hint.password_reused': '不能与当前密码相同',
  },
  'zh-TW': {
    // --- 新密碼的驗證規則 ------------------------------------------------------------------------
    password_length: '密碼長度須為 {min}-{max} 位。',
    password_chars: '密碼只能包含英文字母、數字和英文符號，不能包含空格。',
    password_letter: '密碼須包含英文字母。',
    password_digit: '密碼須包含數字。',
    password_symbol: '密碼須包含符號。',
    password_kinds: '密碼須包含字母、數字、符號中的至少 {count} 種。',
    password_account_name: '密碼不能與帳號名稱相同。',
    password_common: '此密碼過於常見，容易被猜中，請換一個。',
    password_reused: '新密碼不能與目前密碼相同。',

    // --- 重設密碼的 API 錯誤碼 --------------------------------------------------------------------
    use_main_account: '此帳號為子帳號，請聯絡主帳號管理員重設密碼。',

    // --- 輸入提示（滿足時打勾） ------------------------------------------------------------------
    'hint.password_length': '長度為 {min}-{max} 位',
    'hint.password_chars': '僅限英文字母、數字和英文符號，不含空格',
    'hint.password_letter': '包含英文字母',
    'hint.password_digit': '包含數字',
    'hint.password_symbol': '包含符號，如 ! @ # _',
    'hint.password_kinds': '至少包含字母、數字、符號中的 {count} 種',
    'hint.password_kinds_recommended': '建議包含字母、數字、符號中的 {count} 種以上',
    'hint.password_account_name': '不能與帳號名稱相同',
    'hint.password_common': '不能是常見的弱密碼',
    'hint.password_reused': '不能與目前密碼相同',
  },
};
