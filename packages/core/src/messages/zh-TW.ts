/**
 * 正體中文訊息（基礎部分：登入頁首屏可能顯示的文字）。鍵與 `en.ts` 完全一致（型別檢查保證），
 * 佔位符 `{…}` 也須一致（由測試保證）。其餘部分依流程分在 `password.ts`、`account.ts`、
 * `register.ts`、`security.ts`、`qr.ts`、`extra.ts` 中。
 * 用詞依台灣、香港雲端主控台的習慣：帳號、登入、驗證碼、簡訊、手機號碼、電子郵件、綁定、設定……
 * 是翻譯，不是逐字轉換。
 */
import type { BaseMessages } from './en.ts';

export const zhTW = {
  // --- 登入時可能遇到的 API 錯誤碼 ---------------------------------------------------------------
  validation_failed: '部分資料填寫有誤，請檢查後再試一次。',
  invalid_code: '驗證碼錯誤，請重新輸入。',
  code_expired: '驗證碼已過期，請重新取得。',
  invalid_credentials: '帳號或密碼錯誤。',
  unauthenticated: '請先登入。',
  // 002：「目前手機/電子郵件不可用於登入」，並指引改用帳號名稱或「京東登入」。
  identifier_not_loginable:
    '此手機號碼/電子郵件無法用於登入，請使用帳號名稱登入；如果您的帳號是京東舊帳號，請使用京東登入。',
  use_parent_login: '您的帳號是尚未升級的京東舊帳號，請使用「京東登入」。',
  origin_not_allowed: '此網站未獲授權使用本登入服務。',
  method_disabled: '此登入方式目前無法使用。',
  not_found: '找不到要求的內容。',
  phone_account_limit: '此手機號碼已關聯 {count} 個帳號，已達上限。',
  already_bound: '此帳號已綁定另一個第三方帳號（例如另一個微信帳號），請先解除綁定後再試。',
  legacy_account_cannot_bind:
    '您的帳號是京東舊帳號，只能透過「京東登入」使用；升級為京東雲帳號後才能綁定微信。',
  ticket_expired: '操作逾時，請重新開始。',
  unsupported_media_type: '不支援此要求格式。',
  rate_limited: '操作過於頻繁，請於 {seconds} 秒後再試。',
  code_cooldown: '驗證碼已發送，請於 {seconds} 秒後再重新取得。',
  too_many_attempts: '錯誤次數過多，請重新取得驗證碼或稍後再試。',
  server_busy: '伺服器忙碌中，請稍後再試。',
  host_not_allowed: '此網址無法使用本伺服器。',

  // --- 依欄位細分的變體：`{code}.{field}`（messageKeyFor） ---------------------------------------
  'not_found.phone': '此手機號碼尚未註冊帳號，請先註冊。',

  // --- 等待時間：`{code}.wait` 的 {wait} 由 formatRetry() 提供（「45 秒」「15 分鐘」「11 小時」） --
  'rate_limited.wait': '操作過於頻繁，請於 {wait}後再試。',
  'code_cooldown.wait': '驗證碼已發送，請於 {wait}後再重新取得。',
  'retry.seconds': '{seconds} 秒',
  'retry.minutes': '{minutes} 分鐘',
  'retry.hours': '{hours} 小時',

  // --- 用戶端錯誤碼 ------------------------------------------------------------------------------
  network_error: '網路連線失敗，請檢查網路後再試一次。',
  unexpected_response: '服務暫時無法使用，請稍後再試。',

  // --- 登入欄位的驗證規則 ------------------------------------------------------------------------
  phone_invalid: '請輸入正確的手機號碼。',
  phone_region_not_allowed: '目前不支援此國家/地區的手機號碼。',
  email_invalid: '請輸入正確的電子郵件地址。',
  code_format: '請輸入 {count} 位數字驗證碼。',
  field_required: '此欄位為必填。',

  // --- 輸入提示 ----------------------------------------------------------------------------------
  'hint.phone_steer_email': '非中國大陸使用者建議使用電子郵件註冊。',

  // --- 欄位 --------------------------------------------------------------------------------------
  'label.password': '登入密碼',
  'label.phone': '手機號碼',
  'label.region': '國家/地區',
  'label.code': '驗證碼',
  'label.email': '電子郵件',

  // --- 操作 --------------------------------------------------------------------------------------
  'action.login': '登入',
  'action.back': '返回',
  'action.cancel': '取消',
  'action.getCode': '取得驗證碼',
  'action.resend': '重新取得',
  'action.resendIn': '{seconds} 秒後重新取得',
  'action.voiceCode': '收不到簡訊？改用語音驗證碼',
  'action.showPassword': '顯示密碼',
  'action.hidePassword': '隱藏密碼',
  'action.createAccount': '建立新帳號',
  'action.bindAndLogin': '綁定並登入',

  // --- 登入方式 ----------------------------------------------------------------------------------
  'method.qr': '掃描 QR 碼登入',
  'method.password': '密碼登入',
  'method.sms': '簡訊登入',
  'method.subaccount': '子帳號登入',
  'method.iam': 'IAM 使用者登入',
  'method.jd': '京東登入',
  'method.wechat': '微信登入',
  'method.wechat-mp': '微信公眾號登入',
  'method.qq': 'QQ 登入',
  'method.passkeys': '通行密鑰登入',

  // --- 流程提示 ----------------------------------------------------------------------------------
  'flow.chooseAccount': '請選擇要登入的帳號',
  'flow.bindOrCreate': '請選擇要綁定的帳號，或建立新帳號。',
} as const satisfies BaseMessages;
