/// <reference types="node" />
/**
 * Every rule of docs/presets.md per preset, each with accepted and rejected examples. The presets are
 * read from `PRESETS`, so a test fails when a preset drifts from the spec as well as when a
 * validator does.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { regexes } from 'zod/mini';
import { COMMON_PASSWORDS, isCommonPassword } from '../common-passwords.ts';
import { PRESETS, type AccountNamePolicy, type PasswordPolicy } from '../presets/index.ts';
import {
  checkAccountName,
  checkCode,
  checkEmail,
  checkPasswordWith,
  checkRecommendationCode,
  commonPasswordCheck,
  EMAIL_PATTERN,
  hintKey,
  issue,
  normalizeAccountName,
  looksLikePhone,
  normalizeEmail,
  passwordChecklistWith,
  loadCommonPasswords,
  toIssue,
  type PasswordRule,
} from './index.ts';
import * as rules from './index.ts';
import { checkPassword, passwordChecklist } from './password-checks.ts';
import { maskEmail, maskName } from '../masks.ts';
import { isRetryable } from '../errors.ts';

const jdName = PRESETS.jdcloud.accountName!;
const classicName = PRESETS['jdcloud-classic'].accountName!;
const pw = {
  jd: PRESETS.jdcloud.password,
  classic: PRESETS['jdcloud-classic'].password,
  qing: PRESETS.qingcloud.password,
  tencent: PRESETS.tencentcloud.password,
  default: PRESETS.default.password,
};

function nameCode(name: string, policy: AccountNamePolicy): string {
  const r = checkAccountName(name, policy);
  return r.ok ? 'ok' : r.code;
}
function pwCode(password: string, policy: PasswordPolicy, accountName?: string): string {
  const r = checkPassword(password, policy, { accountName });
  return r.ok ? 'ok' : r.code;
}
function entry(password: string, policy: PasswordPolicy, rule: PasswordRule, accountName?: string) {
  return passwordChecklist(password, policy, { accountName }).find((e) => e.rule === rule);
}

describe('account names: jdcloud (000/002)', () => {
  test('accepts 4–20 of CJK, letters, digits, - and _', () => {
    for (const name of [
      '京东云用户',
      'ab-c_1',
      'abcd',
      'a'.repeat(20),
      '用户_2024',
      'ABCD',
      '1a23',
      '京东云-jd_01',
    ]) {
      assert.equal(nameCode(name, jdName), 'ok', name);
    }
  });
  test('rejects lengths outside 4–20, counted in characters', () => {
    assert.equal(nameCode('abc', jdName), 'account_name_length');
    assert.equal(nameCode('京东云', jdName), 'account_name_length');
    assert.equal(nameCode('a'.repeat(21), jdName), 'account_name_length');
    assert.equal(nameCode('', jdName), 'account_name_length');
    assert.equal(nameCode('云'.repeat(20), jdName), 'ok');
  });
  test('rejects other characters: spaces, symbols, kana, full-width letters', () => {
    for (const name of [
      'a b c d',
      'abc!d',
      'abc.def',
      'user@jd',
      'ユーザー名前',
      'ａｂｃｄ',
      'abcd\n',
      ' abcd',
    ]) {
      assert.equal(nameCode(name, jdName), 'account_name_chars', JSON.stringify(name));
    }
  });
  test('rejects digits-only names, which would read as phone numbers', () => {
    assert.equal(nameCode('12345678', jdName), 'account_name_digits_only');
    assert.equal(nameCode('13800138000', jdName), 'account_name_digits_only');
    assert.equal(nameCode('1234-', jdName), 'ok');
  });
});

describe('account names: jdcloud-classic (001)', () => {
  test('allows digits-only names, still 4–20 of the same characters', () => {
    assert.equal(nameCode('12345678', classicName), 'ok');
    assert.equal(nameCode('京东云用户', classicName), 'ok');
    assert.equal(nameCode('abc', classicName), 'account_name_length');
    assert.equal(nameCode('a b c d', classicName), 'account_name_chars');
    assert.equal(nameCode('x'.repeat(21), classicName), 'account_name_length');
  });
});

describe('account names: presets without names', () => {
  test('qingcloud, tencentcloud and default have none', () => {
    assert.equal(PRESETS.qingcloud.accountName, null);
    assert.equal(PRESETS.tencentcloud.accountName, null);
    assert.equal(PRESETS.default.accountName, null);
  });
});

describe('normalizeAccountName', () => {
  test('NFKC + case-fold, so look-alike names collide', () => {
    assert.equal(normalizeAccountName('Alice'), normalizeAccountName('alice'));
    assert.equal(normalizeAccountName('ＡＬＩＣＥ'), 'alice');
    assert.equal(normalizeAccountName('京东云用户'), '京东云用户');
    assert.notEqual(normalizeAccountName('alice1'), normalizeAccountName('alice2'));
  });
});

describe('passwords: jdcloud (7–20, letter + digit + symbol, ASCII without space, ≠ name)', () => {
  test('accepts', () => {
    for (const p of ['abc123!', 'Abc_1234', 'p@ss-w0rd', 'a1!' + 'x'.repeat(17)])
      assert.equal(pwCode(p, pw.jd, 'jduser'), 'ok', p);
  });
  test('rejects each missing class', () => {
    assert.equal(pwCode('abc1234', pw.jd), 'password_symbol');
    assert.equal(pwCode('abcdef!', pw.jd), 'password_digit');
    assert.equal(pwCode('123456!', pw.jd), 'password_letter');
  });
  test('rejects length outside 7–20', () => {
    assert.equal(pwCode('ab1!', pw.jd), 'password_length');
    assert.equal(pwCode('ab1!' + 'x'.repeat(17), pw.jd), 'password_length');
  });
  test('rejects spaces and non-ASCII', () => {
    assert.equal(pwCode('Abc 12!x', pw.jd), 'password_chars');
    assert.equal(pwCode('abc123!密码', pw.jd), 'password_chars');
    assert.equal(pwCode('ａｂｃ123!', pw.jd), 'password_chars');
  });
  test('rejects a password equal to the account name, ignoring case', () => {
    assert.equal(pwCode('jd_user1', pw.jd, 'jd_user1'), 'password_account_name');
    assert.equal(pwCode('JD_user1', pw.jd, 'jd_user1'), 'password_account_name');
    assert.equal(pwCode('jd_user1', pw.jd, 'jd_user2'), 'ok');
    assert.equal(pwCode('jd_user1', pw.jd), 'ok');
  });
  test('the checklist lists each rule once and ticks them as they are met', () => {
    const list = passwordChecklist('abc', pw.jd, { accountName: 'someone' });
    assert.deepEqual(
      list.map((e) => e.rule),
      [
        'password_length',
        'password_chars',
        'password_letter',
        'password_digit',
        'password_symbol',
        'password_account_name',
      ],
    );
    assert.ok(list.every((e) => e.enforced));
    assert.deepEqual(
      list.filter((e) => e.met).map((e) => e.rule),
      ['password_chars', 'password_letter', 'password_account_name'],
    );
    assert.deepEqual(list[0]!.params, { min: 7, max: 20 });
  });
  test('nothing is ticked before the user types', () => {
    assert.ok(passwordChecklist('', pw.jd, { accountName: 'someone' }).every((e) => !e.met));
  });
});

describe('passwords: jdcloud-classic (6–20, two kinds recommended only)', () => {
  test('accepts a single kind, with the two-kinds line unmet but not enforced', () => {
    assert.equal(pwCode('abcdef', pw.classic), 'ok');
    assert.equal(pwCode('123456', pw.classic), 'ok');
    const kinds = entry('abcdef', pw.classic, 'password_kinds');
    assert.deepEqual(kinds, { rule: 'password_kinds', met: false, enforced: false, params: { count: 2 } });
    assert.equal(hintKey(kinds!), 'hint.password_kinds_recommended');
    assert.equal(entry('abc123', pw.classic, 'password_kinds')!.met, true);
  });
  test('rejects length outside 6–20 and spaces', () => {
    assert.equal(pwCode('abc12', pw.classic), 'password_length');
    assert.equal(pwCode('a'.repeat(21), pw.classic), 'password_length');
    assert.equal(pwCode('abc 123', pw.classic), 'password_chars');
  });
  test('has no account-name rule (001 states none)', () => {
    assert.equal(pwCode('user1234', pw.classic, 'user1234'), 'ok');
  });
});

describe('passwords: qingcloud (8–20, at least two kinds)', () => {
  test('accepts two kinds', () => {
    assert.equal(pwCode('abcdefg1', pw.qing), 'ok');
    assert.equal(pwCode('abcdefg!', pw.qing), 'ok');
    assert.equal(pwCode('1234567!', pw.qing), 'ok');
  });
  test('rejects one kind and short passwords', () => {
    assert.equal(pwCode('abcdefgh', pw.qing), 'password_kinds');
    assert.equal(pwCode('12345678', pw.qing), 'password_kinds');
    assert.equal(pwCode('abcdef1', pw.qing), 'password_length');
    assert.equal(hintKey(entry('abcdefgh', pw.qing, 'password_kinds')!), 'hint.password_kinds');
  });
});

describe('passwords: tencentcloud (6–20, at least two of letters/digits/symbols)', () => {
  test('accepts', () => {
    assert.equal(pwCode('abc123', pw.tencent), 'ok');
    assert.equal(pwCode('123!@#', pw.tencent), 'ok');
  });
  test('rejects', () => {
    assert.equal(pwCode('abcdef', pw.tencent), 'password_kinds');
    assert.equal(pwCode('!@#$%^', pw.tencent), 'password_kinds');
    assert.equal(pwCode('ab12', pw.tencent), 'password_length');
    assert.equal(pwCode('a1'.repeat(11), pw.tencent), 'password_length');
  });
});

describe('passwords: default (8–64, no composition rules, common ones rejected)', () => {
  test('accepts long passphrases, spaces and any script', () => {
    for (const p of ['correct horse battery', 'abcdefgh-is-fine?', '我的密码很长很长的', 'x'.repeat(64)])
      assert.equal(pwCode(p, pw.default), 'ok', p);
  });
  test('rejects common passwords whatever their case', () => {
    for (const p of [
      'password123',
      'Password123',
      'PASSWORD',
      '12345678',
      'qwertyuiop',
      'iloveyou',
      'woaini1314',
      '5201314520',
      '1qaz2wsx',
    ]) {
      assert.equal(pwCode(p, pw.default), 'password_common', p);
    }
  });
  test('rejects length outside 8–64', () => {
    assert.equal(pwCode('x'.repeat(65), pw.default), 'password_length');
    assert.equal(pwCode('short', pw.default), 'password_length');
  });
  test('has no composition lines in its checklist', () => {
    assert.deepEqual(
      passwordChecklist('anything', pw.default).map((e) => e.rule),
      ['password_length', 'password_common'],
    );
  });
});

describe('common passwords', () => {
  test('a few hundred entries, all lower case and at least 8 characters', () => {
    assert.ok(COMMON_PASSWORDS.size >= 300, `only ${COMMON_PASSWORDS.size}`);
    for (const p of COMMON_PASSWORDS) {
      assert.equal(p, p.toLowerCase(), p);
      assert.ok([...p].length >= 8, p);
    }
  });
  test('compared case-insensitively and after NFKC', () => {
    assert.ok(isCommonPassword('IloveYou'));
    assert.ok(isCommonPassword('ｐａｓｓｗｏｒｄ'));
    assert.ok(!isCommonPassword('correct horse battery'));
  });
});

describe('common passwords passed in (browser bundles load the list on demand)', () => {
  const unknown = () => undefined;
  test('while the list is unknown the line is pending: unticked, and it does not fail the check', () => {
    const line = passwordChecklistWith(unknown, 'password123', pw.default).find(
      (e) => e.rule === 'password_common',
    );
    assert.deepEqual(line, { rule: 'password_common', met: false, enforced: true, pending: true });
    assert.deepEqual(checkPasswordWith(unknown, 'password123', pw.default), { ok: true });
    // The other rules still apply.
    assert.equal(
      (checkPasswordWith(unknown, 'short', pw.default) as { code?: string }).code,
      'password_length',
    );
  });
  test('an empty password is unmet, not pending', () => {
    const line = passwordChecklistWith(unknown, '', pw.default).find((e) => e.rule === 'password_common');
    assert.deepEqual(line, { rule: 'password_common', met: false, enforced: true });
  });
  test('with the list they answer exactly as passwordChecklist / checkPassword do', () => {
    for (const p of ['password123', 'Password123', 'correct horse battery', '', 'x'.repeat(65)]) {
      for (const policy of Object.values(pw)) {
        assert.deepEqual(
          passwordChecklistWith(isCommonPassword, p, policy, { accountName: 'someone' }),
          passwordChecklist(p, policy, { accountName: 'someone' }),
          p,
        );
        assert.deepEqual(checkPasswordWith(isCommonPassword, p, policy), checkPassword(p, policy), p);
      }
    }
  });
  test('commonPasswordCheck answers once loadCommonPasswords() has resolved', async () => {
    await loadCommonPasswords();
    assert.equal(commonPasswordCheck('Password123'), true);
    assert.equal(commonPasswordCheck('correct horse battery'), false);
    assert.equal(checkPasswordWith(commonPasswordCheck, 'password123', pw.default).ok, false);
  });
});

describe('emails', () => {
  test('checkEmail', () => {
    for (const e of ['user@example.com', 'a.b+tag@sub.example.cn', '  user@example.com '])
      assert.deepEqual(checkEmail(e), { ok: true }, e);
    for (const e of [
      '',
      'user',
      'user@',
      '@example.com',
      'a b@example.com',
      'user@example',
      `${'a'.repeat(250)}@example.com`,
    ]) {
      assert.deepEqual(checkEmail(e), { ok: false, code: 'email_invalid' }, e);
    }
  });
  test('the pattern is zod’s own (z.email()), copied to keep zod out of browser bundles', () => {
    assert.equal(EMAIL_PATTERN.source, regexes.email.source);
    assert.equal(EMAIL_PATTERN.flags, regexes.email.flags);
  });
  test('normalizeEmail trims and lower-cases', () => {
    assert.equal(normalizeEmail('  User@Example.COM '), 'user@example.com');
  });
});

describe('verification codes', () => {
  test('exactly the preset length of ASCII digits', () => {
    assert.deepEqual(checkCode('123456', 6), { ok: true });
    assert.deepEqual(checkCode(' 123456 ', 6), { ok: true });
    for (const c of ['12345', '1234567', '12345a', '１２３４５６', '']) {
      assert.deepEqual(checkCode(c, 6), { ok: false, code: 'code_format', params: { count: 6 } }, c);
    }
  });
});

describe('issues', () => {
  test('issue() has the validation_failed shape with an English message', () => {
    assert.deepEqual(issue('password', 'password_length', { min: 7, max: 20 }), {
      path: 'password',
      code: 'password_length',
      message: 'The password must be 7–20 characters long.',
    });
  });
  test('toIssue() turns a failed check into an issue and a passed one into nothing', () => {
    assert.equal(toIssue('accountName', checkAccountName('abcd', jdName)), undefined);
    const found = toIssue('accountName', checkAccountName('abc', jdName));
    assert.equal(found?.code, 'account_name_length');
    assert.equal(found?.message, 'The account name must be 4–20 characters long.');
  });
});

describe('recommendation code', () => {
  test('1–32 ASCII letters, digits, - or _, judged trimmed', () => {
    for (const ok of ['SALES-01', 'a', ' ab_9 ', 'x'.repeat(32)])
      assert.equal(checkRecommendationCode(ok).ok, true, ok);
    for (const bad of ['', 'no spaces', '推荐', 'x'.repeat(33), 'a.b']) {
      assert.deepEqual(checkRecommendationCode(bad), { ok: false, code: 'recommendation_code_format' }, bad);
    }
  });
});

describe('looksLikePhone', () => {
  test('digits with the separators people type, at least 5 characters and one digit', () => {
    for (const yes of ['13800138000', '+86 138 0013 8000', '(010) 1234-5678', ' 12345 '])
      assert.equal(looksLikePhone(yes), true, yes);
    for (const no of [
      '1234',
      'alice',
      'alice@example.com',
      '-----',
      '((()))',
      '+',
      '138-abc-0000',
      '京东12345',
    ])
      assert.equal(looksLikePhone(no), false, no);
  });
});

describe('masks', () => {
  test('names keep their first and last character; short ones only the first', () => {
    assert.equal(maskName('alice-01'), 'a******1');
    assert.equal(maskName('京东用户'), '京**户');
    assert.equal(maskName('ab'), 'a*');
    assert.equal(maskName(''), '*');
  });
  test('emails mask the local part only', () => {
    assert.equal(maskEmail('alice@example.com'), 'a***e@example.com');
    assert.equal(maskEmail('al@example.com'), 'a***@example.com');
    assert.equal(maskEmail('@example.com'), '@**********m');
  });
});

describe('retryable refusals', () => {
  test('a wrong code or a taken name keeps the step; an expired ticket or a rate limit does not', () => {
    for (const code of ['validation_failed', 'invalid_code', 'account_name_taken', 'phone_account_limit'])
      assert.equal(isRetryable(code), true, code);
    for (const code of ['ticket_expired', 'rate_limited', 'invalid_credentials', 'constructor'])
      assert.equal(isRetryable(code), false, code);
  });
});

describe('module boundaries', () => {
  test('the rules index does not re-export the checks that carry the common-password list', () => {
    assert.equal('checkPassword' in rules, false);
    assert.equal('passwordChecklist' in rules, false);
    assert.equal('COMMON_PASSWORDS' in rules, false);
  });
});
