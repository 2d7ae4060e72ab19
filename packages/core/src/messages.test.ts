/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIENT_ERROR_CODES, ERROR_CODES } from './errors.ts';
import {
  MESSAGES,
  format,
  isMessageKey,
  matchLocale,
  messageForCode,
  placeholdersOf,
  resolveLocale,
  t,
  type MessageKey,
} from './messages/index.ts';
import { LOCALES, LOGIN_METHODS, REGISTER_METHODS } from './presets.ts';
import { RULE_CODES } from './rules.ts';

const en = MESSAGES.en;
const zh = MESSAGES['zh-CN'];

describe('catalogue parity', () => {
  test('both locales have exactly the same keys', () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zh).sort();
    assert.deepEqual(enKeys.filter((k) => !zhKeys.includes(k)), [], 'missing in zh-CN');
    assert.deepEqual(zhKeys.filter((k) => !enKeys.includes(k)), [], 'missing in en');
  });
  test('each key has the same placeholders in both locales', () => {
    const differ = (Object.keys(en) as MessageKey[]).filter(
      (k) => placeholdersOf(en[k]).join() !== placeholdersOf(zh[k]).join(),
    );
    assert.deepEqual(differ, []);
  });
  test('no message is empty, and zh-CN is actually Chinese where en is prose', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) assert.ok(text.trim().length > 0, `${locale} ${key}`);
    }
    // Untranslated copies of the English text are the usual parity-test escape.
    const copied = (Object.keys(en) as MessageKey[]).filter((k) => en[k] === zh[k] && /[a-z]{4,}/.test(en[k]));
    assert.deepEqual(copied, []);
  });
});

describe('coverage', () => {
  test('every error code of errors.ts, client codes included, has a message', () => {
    for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) assert.ok(isMessageKey(code), code);
  });
  test('every rule code and checklist hint has a message', () => {
    for (const code of RULE_CODES) assert.ok(isMessageKey(code), code);
    for (const code of RULE_CODES.filter((c) => c.startsWith('account_name_') || c.startsWith('password_'))) {
      assert.ok(isMessageKey(`hint.${code}`), `hint.${code}`);
    }
    assert.ok(isMessageKey('hint.password_kinds_recommended'));
  });
  test('every login and register method has a label', () => {
    for (const m of LOGIN_METHODS) assert.ok(isMessageKey(`method.${m}`), m);
    for (const m of REGISTER_METHODS) assert.ok(isMessageKey(`registerMethod.${m}`), m);
  });
  test('placeholders the callers fill are where they expect them', () => {
    assert.deepEqual(placeholdersOf(en.password_length), ['max', 'min']);
    assert.deepEqual(placeholdersOf(en.account_name_length), ['max', 'min']);
    assert.deepEqual(placeholdersOf(en.code_cooldown), ['seconds']);
    assert.deepEqual(placeholdersOf(en.rate_limited), ['seconds']);
    assert.deepEqual(placeholdersOf(en.phone_account_limit), ['count']);
    assert.deepEqual(placeholdersOf(en.password_kinds), ['count']);
  });
});

describe('wording from the seeds', () => {
  test('identifier_not_loginable carries 000’s guidance in both locales', () => {
    assert.equal(
      en.identifier_not_loginable,
      'This phone number/email cannot be used to log in. Use your account name, or JD login if your account is an older JD account.',
    );
    assert.equal(zh.identifier_not_loginable, '该手机号/邮箱不能用于登录，请使用账号名登录；如果您的账号是京东老账号，请使用京东登录。');
  });
  test('Tencent’s five accounts per phone', () => {
    assert.equal(format('en', 'phone_account_limit', { count: 5 }), 'This phone number is already linked to 5 accounts, the most allowed.');
    assert.equal(format('zh-CN', 'phone_account_limit', { count: 5 }), '该手机号已关联 5 个账号，已达上限。');
  });
  test('console vocabulary in zh-CN', () => {
    assert.equal(zh['label.accountName'], '账号名');
    assert.equal(zh['label.password'], '登录密码');
    assert.equal(zh['action.getCode'], '获取验证码');
    assert.match(zh['action.voiceCode'], /语音验证码/);
    assert.equal(zh['label.securityPhone'], '安全手机');
    assert.equal(zh['label.securityEmail'], '安全邮箱');
  });
});

describe('format and t', () => {
  test('fills placeholders; leaves unknown ones visible', () => {
    assert.equal(format('en', 'code_cooldown', { seconds: 42 }), 'A code was just sent. You can get another one in 42 s.');
    assert.equal(format('zh-CN', 'action.resendIn', { seconds: 9 }), '9 秒后重新获取');
    assert.equal(format('en', 'code_cooldown'), 'A code was just sent. You can get another one in {seconds} s.');
  });
  test('site overrides win per locale and key, and only there', () => {
    const overrides = { 'zh-CN': { 'action.getCode': '发送验证码' }, en: { rate_limited: 'Slow down ({seconds}s).' } };
    assert.equal(format('zh-CN', 'action.getCode', undefined, overrides), '发送验证码');
    assert.equal(format('en', 'action.getCode', undefined, overrides), 'Get code');
    assert.equal(format('en', 'rate_limited', { seconds: 3 }, overrides), 'Slow down (3s).');
    const tr = t('zh-CN', overrides);
    assert.equal(tr('action.getCode'), '发送验证码');
    assert.equal(tr('label.code'), '验证码');
  });
  test('an override object cannot smuggle prototype keys in', () => {
    const overrides = JSON.parse('{"en": {"__proto__": {"invalid_code": "pwned"}}}');
    assert.equal(format('en', 'invalid_code', undefined, overrides), en.invalid_code);
  });
  test('messageForCode copes with codes newer than the catalogue', () => {
    assert.equal(messageForCode('en', 'invalid_code'), en.invalid_code);
    assert.equal(messageForCode('zh-CN', 'some_future_code'), zh.unexpected_response);
    assert.equal(messageForCode('en', 'constructor'), en.unexpected_response);
    assert.equal(messageForCode('en', '__proto__'), en.unexpected_response);
  });
});

describe('resolveLocale', () => {
  test('Simplified Chinese tags map to zh-CN', () => {
    for (const tag of ['zh', 'zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hans-CN', 'zh_CN', 'ZH-cn']) assert.equal(matchLocale(tag), 'zh-CN', tag);
  });
  test('English tags map to en; others are unsupported', () => {
    for (const tag of ['en', 'en-US', 'en-GB']) assert.equal(matchLocale(tag), 'en', tag);
    for (const tag of ['zh-TW', 'zh-HK', 'zh-Hant', 'zh-Hant-CN', 'fr', 'ja-JP', '']) assert.equal(matchLocale(tag), null, tag);
  });
  test('attribute, then <html lang>, then the browser; English when nothing matches', () => {
    assert.equal(resolveLocale('zh-CN', 'en', ['en-US']), 'zh-CN');
    assert.equal(resolveLocale(undefined, 'zh', ['en-US']), 'zh-CN');
    assert.equal(resolveLocale(null, '', ['fr-FR', 'zh-CN']), 'zh-CN');
    assert.equal(resolveLocale('en', 'zh-CN', ['zh-CN']), 'en');
    assert.equal(resolveLocale('fr', null, ['de']), 'en');
    assert.equal(resolveLocale('zh-TW'), 'en');
    assert.equal(resolveLocale(), 'en');
  });
});
