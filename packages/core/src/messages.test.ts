/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIENT_ERROR_CODES, ERROR_CODES } from './errors.ts';
import { en as baseEn } from './messages/en.ts';
import { zhCN as baseZh } from './messages/zh-CN.ts';
import { zhTW as baseTw } from './messages/zh-TW.ts';
import { formatIn, messageForErrorIn, messageKeyIn } from './messages/format.ts';
import {
  MESSAGES,
  MESSAGE_PARTS,
  format,
  formatRetry,
  isMessageKey,
  matchLocale,
  messageForCode,
  messageForError,
  messageKeyFor,
  placeholdersOf,
  resolveLocale,
  t,
  type MessageKey,
} from './messages/index.ts';
import { LOCALES, LOGIN_METHODS, REGISTER_METHODS } from './presets/index.ts';
import { RULE_CODES } from './rules/index.ts';

const en = MESSAGES.en;
const zh = MESSAGES['zh-CN'];
const tw = MESSAGES['zh-TW'];
const CHINESE = ['zh-CN', 'zh-TW'] as const;

describe('catalogue parity (en, zh-CN, zh-TW)', () => {
  test('the three catalogues are the three locales', () => {
    assert.deepEqual([...LOCALES], ['en', 'zh-CN', 'zh-TW']);
  });
  test('every locale has exactly the same keys', () => {
    const enKeys = Object.keys(en).sort();
    for (const locale of CHINESE) {
      const keys = Object.keys(MESSAGES[locale]).sort();
      assert.deepEqual(
        enKeys.filter((k) => !keys.includes(k)),
        [],
        `missing in ${locale}`,
      );
      assert.deepEqual(
        keys.filter((k) => !enKeys.includes(k)),
        [],
        `in ${locale}, not in en`,
      );
    }
  });
  test('each key has the same placeholders in every locale', () => {
    for (const locale of CHINESE) {
      const differ = (Object.keys(en) as MessageKey[]).filter(
        (k) => placeholdersOf(en[k]).join() !== placeholdersOf(MESSAGES[locale][k]).join(),
      );
      assert.deepEqual(differ, [], locale);
    }
  });
  test('no message is empty, and the Chinese ones are Chinese where en is prose', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(MESSAGES[locale]))
        assert.ok(text.trim().length > 0, `${locale} ${key}`);
    }
    // Untranslated copies of the English text are the usual parity-test escape.
    for (const locale of CHINESE) {
      const copied = (Object.keys(en) as MessageKey[]).filter(
        (k) => en[k] === MESSAGES[locale][k] && /[a-z]{4,}/.test(en[k]),
      );
      assert.deepEqual(copied, [], locale);
    }
  });
  test('zh-TW is Traditional: no Simplified-only character, no mainland term the consoles of Taiwan and Hong Kong do not use', () => {
    // The Simplified forms of the words zh-TW uses most; a character-by-character conversion
    // also leaves the mainland terms (账号 → 賬號, not 帳號; 信息, 短信, 登录, 注册, 邮箱).
    const simplified = /[录册账号码设绑验证户请击选择务费权删创关联项载页显态应发这个们时过还们为]/;
    const mainland = /賬號|賬戶|繫結|郵箱|信息|短信|登錄|註冊碼|獲取|當前|默認|視頻|軟件|質量|鏈接|二維碼/;
    const bad = Object.entries(tw).filter(([, text]) => simplified.test(text) || mainland.test(text));
    assert.deepEqual(bad, []);
  });
});

describe('parts (what loads with which flow)', () => {
  const parts = [{ en: baseEn, 'zh-CN': baseZh, 'zh-TW': baseTw }, ...MESSAGE_PARTS];

  test('no key is in two parts, and together the parts are the catalogue', () => {
    const keys = parts.flatMap((part) => Object.keys(part.en));
    assert.deepEqual(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      [],
      'keys in two parts',
    );
    assert.deepEqual([...keys].sort(), Object.keys(en).sort());
    for (const part of parts) {
      for (const locale of LOCALES) {
        assert.deepEqual(Object.keys(part[locale]).sort(), Object.keys(part.en).sort(), locale);
        for (const [key, text] of Object.entries(part[locale]))
          assert.equal(MESSAGES[locale][key as MessageKey], text, `${locale} ${key}`);
      }
    }
  });

  test('the base has every code a sign-in can meet: only registration, account security, QR and challenge codes are elsewhere', () => {
    // A new error code goes to the base unless it is listed here, with the part that has it.
    const elsewhere: Record<string, string> = {
      agreements_required: 'register',
      account_name_taken: 'account',
      email_taken: 'account',
      link_expired: 'account',
      password_required: 'security',
      reauth_required: 'security',
      use_main_account: 'password',
      qr_expired: 'qr',
      // Shown only after the code field's challenge chunk has loaded (it brings the message).
      challenge_required: 'challenge',
    };
    for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      assert.equal(Object.hasOwn(baseEn, code), !(code in elsewhere), code);
    }
    // Rule codes: those of a new account name or password are registration's and security's;
    // the recommendation code is asked only by registration's enable-service step.
    for (const code of RULE_CODES) {
      const elsewhere =
        code.startsWith('account_name_') ||
        code.startsWith('password_') ||
        code === 'recommendation_code_format';
      assert.equal(Object.hasOwn(baseEn, code), !elsewhere, code);
    }
    for (const m of LOGIN_METHODS) assert.ok(Object.hasOwn(baseEn, `method.${m}`), m);
  });

  test('formatting over a part of the tables gives a missing key back as itself, and an unknown code the generic text', () => {
    const base = { en: baseEn, 'zh-CN': baseZh, 'zh-TW': baseTw };
    assert.equal(formatIn(base, 'en', 'registerMethod.email'), 'registerMethod.email');
    assert.equal(formatIn(base, 'zh-CN', 'invalid_code'), zh.invalid_code);
    assert.equal(messageKeyIn(base, 'account_name_taken'), 'unexpected_response');
    assert.equal(messageKeyIn(base, 'not_found', 'phone'), 'not_found.phone');
    assert.equal(
      messageForErrorIn(base, 'en', { code: 'rate_limited', retryAfter: 39_600 }),
      'Too many requests. Try again in 11 h.',
    );
    assert.equal(
      messageForErrorIn(base, 'en', { code: 'email_taken', field: 'email' }),
      en.unexpected_response,
    );
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
  test('seed 000/002: identifier_not_loginable says the seeds’ words and guidance', () => {
    assert.match(
      en.identifier_not_loginable,
      /^This mobile phone number\/email cannot log in\. Try your account name/,
    );
    assert.match(zh.identifier_not_loginable, /^当前手机\/邮箱不可用于登录，请尝试输入账号名；.*京东登录/);
    assert.match(
      baseTw.identifier_not_loginable,
      /^目前手機\/電子郵件不可用於登入，請嘗試輸入帳號名稱；.*京東登入/,
    );
  });
  test('Tencent’s five accounts per phone', () => {
    assert.equal(
      format('en', 'phone_account_limit', { count: 5 }),
      'This phone number is already linked to 5 accounts, the most allowed.',
    );
    assert.equal(format('zh-CN', 'phone_account_limit', { count: 5 }), '该手机号已关联 5 个账号，已达上限。');
  });
  test('the seeds’ own labels (001, 002, 003, 004)', () => {
    // 001: "Register Now", "Submit" on the enable-service step, "User Name and Password Setting".
    assert.equal(en['action.registerNow'], 'Register now');
    assert.equal(en['action.register'], 'Register');
    assert.equal(en['action.submit'], 'Submit');
    assert.equal(zh['action.submit'], '提交');
    assert.equal(en['label.userName'], 'User name');
    assert.equal(zh['label.userName'], '用户名');
    // 004: "Register with Email", "Register with WeChat"…; nothing says "Sign up".
    assert.equal(en['registerMethod.email'], 'Register with email');
    assert.deepEqual(
      Object.entries(en).filter(([, text]) => /sign up/i.test(text)),
      [],
    );
    // 002: 选择绑定并登录到该账号; 003: 点击确定，完成微信与账号的绑定.
    assert.equal(zh['action.bindAndLogin'], '绑定并登录');
    assert.equal(zh['action.confirm'], '确定');
    // 002: 账号名长度为4-20位; 登录密码长度为7-20位.
    assert.equal(format('zh-CN', 'hint.account_name_length', { min: 4, max: 20 }), '长度为 4-20 位');
    assert.equal(format('zh-CN', 'account_name_length', { min: 4, max: 20 }), '账号名长度须为 4-20 位。');
    assert.equal(format('zh-CN', 'hint.password_length', { min: 7, max: 20 }), '长度为 7-20 位');
  });
  test('zh-CN reads as the consoles write, not as a translation', () => {
    const all = Object.values(zh).join('\n');
    for (const phrase of ['同类账号', '播报', '没有账号使用', '自动继续', '关联登录', '对应一个账号'])
      assert.ok(!all.includes(phrase), phrase);
  });
  test('zh-TW in the words of the Taiwan and Hong Kong consoles', () => {
    assert.equal(tw['action.login'], '登入');
    assert.equal(tw['label.accountName'], '帳號名稱');
    assert.equal(tw['label.code'], '驗證碼');
    assert.equal(tw['method.sms'], '簡訊登入');
    assert.equal(tw['label.phone'], '手機號碼');
    assert.equal(tw['label.email'], '電子郵件');
    assert.equal(tw['action.register'], '註冊');
    assert.equal(tw['action.bindAndLogin'], '綁定並登入');
    assert.equal(tw['action.unbind'], '解除綁定');
    assert.equal(tw['action.setPassword'], '設定登入密碼');
    assert.equal(tw['action.confirm'], '確定');
    assert.equal(tw['action.submit'], '送出');
    assert.equal(format('zh-TW', 'hint.account_name_length', { min: 4, max: 20 }), '長度為 4-20 位');
    assert.equal(format('zh-TW', 'rate_limited', { seconds: 5 }), '操作過於頻繁，請於 5 秒後再試。');
    assert.equal(formatRetry('zh-TW', 900), '15 分鐘');
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
    assert.equal(
      format('en', 'code_cooldown', { seconds: 42 }),
      'A code was just sent. You can get another one in 42 s.',
    );
    assert.equal(format('zh-CN', 'action.resendIn', { seconds: 9 }), '9 秒后重新获取');
    assert.equal(
      format('en', 'code_cooldown'),
      'A code was just sent. You can get another one in {seconds} s.',
    );
  });
  test('site overrides win per locale and key, and only there', () => {
    const overrides = {
      'zh-CN': { 'action.getCode': '发送验证码' },
      en: { rate_limited: 'Slow down ({seconds}s).' },
    };
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

describe('waits in words (formatRetry, `{code}.wait`)', () => {
  test('seconds under 2 minutes, minutes under 2 hours, hours beyond; rounded up', () => {
    const cases: [number, string, string][] = [
      [1, '1 s', '1 秒'],
      [60, '60 s', '60 秒'],
      [119, '119 s', '119 秒'],
      [120, '2 min', '2 分钟'],
      [121, '3 min', '3 分钟'],
      [900, '15 min', '15 分钟'],
      [3600, '60 min', '60 分钟'],
      [7199, '120 min', '120 分钟'],
      [7200, '2 h', '2 小时'],
      [39_600, '11 h', '11 小时'],
      [40_000, '12 h', '12 小时'],
      [86_400, '24 h', '24 小时'],
    ];
    for (const [seconds, english, chinese] of cases) {
      assert.equal(formatRetry('en', seconds), english, String(seconds));
      assert.equal(formatRetry('zh-CN', seconds), chinese, String(seconds));
    }
    assert.equal(formatRetry('en', 0.2), '1 s', 'never "0 s"');
    assert.equal(formatRetry('en', Number.NaN), '1 s');
    assert.equal(formatRetry('en', 7200, { en: { 'retry.hours': '{hours} hours' } }), '2 hours');
  });
  test('a long rate limit reads in hours, a short one in seconds; the other keys keep their text', () => {
    assert.equal(
      messageForError('en', { code: 'rate_limited', retryAfter: 39_600 }),
      'Too many requests. Try again in 11 h.',
    );
    assert.equal(
      messageForError('zh-CN', { code: 'rate_limited', retryAfter: 39_600 }),
      '操作过于频繁，请 11 小时后再试。',
    );
    assert.equal(
      messageForError('en', { code: 'code_cooldown', field: 'phone', retryAfter: 42 }),
      format('en', 'code_cooldown', { seconds: 42 }),
    );
    assert.equal(
      messageForError('zh-CN', { code: 'rate_limited', retryAfter: 42 }),
      format('zh-CN', 'rate_limited', { seconds: 42 }),
    );
    assert.equal(
      messageForError('en', { code: 'code_cooldown', retryAfter: 7200 }),
      'A code was just sent. You can get another one in 2 h.',
    );
    assert.equal(en.rate_limited, 'Too many requests. Try again in {seconds} s.');
    assert.deepEqual(placeholdersOf(en['rate_limited.wait']), ['wait']);
    assert.deepEqual(placeholdersOf(en['code_cooldown.wait']), ['wait']);
    // Both {seconds} and {wait} are filled, so an override of the variant may use either; a site
    // that reworded only the plain key keeps its wording.
    assert.equal(
      messageForError('en', { code: 'rate_limited', retryAfter: 39_600 }, undefined, {
        en: { 'rate_limited.wait': 'Wait {seconds} s ({wait}).' },
      }),
      'Wait 39600 s (11 h).',
    );
    assert.equal(
      messageForError('en', { code: 'rate_limited', retryAfter: 39_600 }, undefined, {
        en: { rate_limited: 'Slow down ({seconds}s).' },
      }),
      'Slow down (39600s).',
    );
    assert.equal(
      messageForError('zh-CN', { code: 'rate_limited', retryAfter: 39_600 }, undefined, {
        en: { rate_limited: 'Slow down ({seconds}s).' },
      }),
      '操作过于频繁，请 11 小时后再试。',
      'per locale',
    );
    assert.equal(
      messageForError('en', { code: 'rate_limited' }),
      format('en', 'rate_limited'),
      'no retryAfter: the plain key',
    );
  });
});

describe('contextual variants by field (messageKeyFor)', () => {
  test('`{code}.{field}` when the catalogue has it, else the code, else the generic text', () => {
    assert.equal(messageKeyFor('not_found', 'phone'), 'not_found.phone');
    assert.equal(messageKeyFor('code_cooldown', 'email'), 'code_cooldown.email');
    assert.equal(messageKeyFor('not_found'), 'not_found');
    assert.equal(messageKeyFor('code_cooldown', 'phone'), 'code_cooldown');
    assert.equal(messageKeyFor('invalid_credentials', 'currentPassword'), 'invalid_credentials');
    assert.equal(messageKeyFor('some_future_code', 'phone'), 'unexpected_response');
    assert.equal(messageKeyFor('constructor', 'phone'), 'unexpected_response');
    assert.equal(messageKeyFor('not_found', '__proto__'), 'not_found');
  });
  test('SMS login for a phone without accounts, and the security email’s cooldown', () => {
    assert.equal(
      messageForError('en', { code: 'not_found', field: 'phone' }),
      'No account uses this phone number. Register first.',
    );
    assert.equal(
      messageForError('zh-CN', { code: 'not_found', field: 'phone' }),
      '该手机号未注册账号，请先注册。',
    );
    assert.equal(
      messageForError('en', { code: 'code_cooldown', field: 'email', retryAfter: 42 }),
      'A verification email was just sent. You can send another in 42 s.',
    );
    assert.equal(
      messageForError('zh-CN', { code: 'code_cooldown', field: 'email', retryAfter: 42 }),
      '验证邮件刚刚发出，请 42 秒后再发送。',
    );
  });
});

describe('resolveLocale', () => {
  test('Simplified Chinese tags map to zh-CN', () => {
    for (const tag of ['zh', 'zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hans-CN', 'zh_CN', 'ZH-cn'])
      assert.equal(matchLocale(tag), 'zh-CN', tag);
  });
  test('Traditional Chinese tags map to zh-TW: the script, else the regions that write it', () => {
    for (const tag of [
      'zh-TW',
      'zh-HK',
      'zh-MO',
      'zh-Hant',
      'zh-Hant-TW',
      'zh-Hant-HK',
      'zh-Hant-CN',
      'zh_TW',
      'ZH-hk',
    ])
      assert.equal(matchLocale(tag), 'zh-TW', tag);
    // An explicit script wins over the region.
    assert.equal(matchLocale('zh-Hans-HK'), 'zh-CN');
    assert.equal(matchLocale('zh-Hans-TW'), 'zh-CN');
  });
  test('English tags map to en; others are unsupported', () => {
    for (const tag of ['en', 'en-US', 'en-GB']) assert.equal(matchLocale(tag), 'en', tag);
    for (const tag of ['zh-US', 'fr', 'ja-JP', 'ko-KR', '']) assert.equal(matchLocale(tag), null, tag);
  });
  test('attribute, then <html lang>, then the browser; English when nothing matches', () => {
    assert.equal(resolveLocale('zh-CN', 'en', ['en-US']), 'zh-CN');
    assert.equal(resolveLocale(undefined, 'zh', ['en-US']), 'zh-CN');
    assert.equal(resolveLocale(null, '', ['fr-FR', 'zh-CN']), 'zh-CN');
    assert.equal(resolveLocale('en', 'zh-CN', ['zh-CN']), 'en');
    assert.equal(resolveLocale('fr', null, ['de']), 'en');
    assert.equal(resolveLocale('zh-TW'), 'zh-TW');
    assert.equal(resolveLocale(undefined, 'zh-HK', ['zh-CN']), 'zh-TW');
    assert.equal(resolveLocale(null, null, ['fr-FR', 'zh-MO', 'zh-CN']), 'zh-TW');
    assert.equal(resolveLocale(null, null, ['zh-Hant', 'en']), 'zh-TW');
    assert.equal(resolveLocale(null, null, ['zh-SG', 'zh-TW']), 'zh-CN');
    assert.equal(resolveLocale('ja', null, ['zh-US', 'en-US']), 'en');
    assert.equal(resolveLocale(), 'en');
  });
});
