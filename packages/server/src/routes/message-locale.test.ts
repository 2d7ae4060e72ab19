/**
 * The language of what the server writes: `locale` on `POST /codes` and `POST /password-resets`
 * (`en`, `zh-CN`, `zh-TW`, and the tags that map to them), else `Accept-Language`, else the
 * preset's default (packages/server/README.md). JD Cloud classic serves Hong Kong, Macao and
 * Taiwan numbers (001): their people read Traditional Chinese.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, registerJd, type Harness } from '../testing.ts';

const HK_PHONE = '+85251234567';
const CN_PHONE = '+8613800138000';

async function lastText(h: Harness, provider: string, to: string): Promise<string> {
  const messages = await h.outbox(provider as 'jdcloud', to);
  return messages.at(-1)!.text;
}

describe('messages in the locale asked for', () => {
  test('001: an SMS code asked in zh-TW is written in Traditional Chinese, with the Taiwan and Hong Kong words', async () => {
    const h = await createHarness();
    try {
      const sent = await h.post('/api/jdcloud-classic/codes', {
        phone: HK_PHONE,
        channel: 'sms',
        purpose: 'register',
        locale: 'zh-TW',
      });
      assert.equal(sent.status, 202, sent.text);
      const [message] = await h.outbox('jdcloud-classic', HK_PHONE);
      assert.equal(
        message!.text,
        `【京東雲（經典）】您的註冊驗證碼為 ${message!.code}，5 分鐘內有效。請勿將驗證碼告訴他人。`,
      );
    } finally {
      await h.close();
    }
  });

  test('zh-HK, zh-MO and zh-Hant give zh-TW; zh, zh-Hans and zh-SG give zh-CN', async () => {
    const h = await createHarness();
    try {
      const cases: [string, RegExp][] = [
        ['zh-HK', /驗證碼為/],
        ['zh-MO', /驗證碼為/],
        ['zh-Hant', /驗證碼為/],
        ['zh-Hans', /验证码是/],
        ['zh-SG', /验证码是/],
        ['zh', /验证码是/],
        ['en', /^\[JD Cloud\] Your registration code is/],
      ];
      for (const [i, [locale, expected]] of cases.entries()) {
        const phone = `+861380013800${i}`;
        const sent = await h.post('/api/jdcloud/codes', {
          phone,
          channel: 'sms',
          purpose: 'register',
          locale,
        });
        assert.equal(sent.status, 202, sent.text);
        assert.match(await lastText(h, 'jdcloud', phone), expected, locale);
      }
    } finally {
      await h.close();
    }
  });

  test('without `locale`, Accept-Language decides: zh-TW for a Traditional reader', async () => {
    const h = await createHarness();
    try {
      const sent = await h.post(
        '/api/jdcloud/codes',
        { phone: CN_PHONE, channel: 'voice', purpose: 'register' },
        { headers: { 'Accept-Language': 'fr-FR, zh-Hant-TW;q=0.8, zh-CN;q=0.5' } },
      );
      assert.equal(sent.status, 202, sent.text);
      const text = await lastText(h, 'jdcloud', CN_PHONE);
      // A voice code is read digit by digit.
      assert.match(text, /^【京東雲】您的註冊驗證碼為 \d \d \d \d \d \d，/);
    } finally {
      await h.close();
    }
  });

  test('a password reset asked in zh-TW sends its code, and its notice, in zh-TW', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'alice-01', CN_PHONE, 'Secret-123');
      h.clock.advance(61);
      const sent = await h.post('/api/jdcloud/password-resets', { identifier: 'alice-01', locale: 'zh-TW' });
      assert.equal(sent.status, 202, sent.text);
      const code = (await h.outbox('jdcloud', CN_PHONE)).find((m) => m.purpose === 'reset');
      assert.match(code!.text, /^【京東雲】您的重設密碼驗證碼為 [0-9]{6}，5 分鐘內有效。/);
      const verified = await h.post('/api/jdcloud/password-resets/verify', {
        identifier: 'alice-01',
        code: code!.code,
        locale: 'zh-TW',
      });
      assert.equal(verified.status, 200, verified.text);
      const done = await h.post('/api/jdcloud/continue', {
        ticket: verified.body.ticket,
        newPassword: 'Newer-456',
      });
      assert.equal(done.status, 200, done.text);
      const notice = (await h.outbox('jdcloud', CN_PHONE)).find((m) => m.purpose === 'security_notice');
      assert.match(notice!.text, /^【京東雲】您的帳號 .* 的登入密碼已於 .* 透過驗證碼重設/);
    } finally {
      await h.close();
    }
  });
  test('the activation email follows `locale` on POST /accounts, not Accept-Language', async () => {
    const h = await createHarness();
    try {
      for (const [locale, language, email, pattern] of [
        ['zh-TW', 'en-US', 'tw@example.com', /帳號/],
        ['en', 'zh-CN', 'en@example.com', /^[^\u4e00-\u9fff]*$/],
      ] as const) {
        const answer = await h.post(
          '/api/tencentcloud/accounts',
          { email, password: 'Secret-123', agreements: true, locale },
          { headers: { 'Accept-Language': language } },
        );
        assert.equal(answer.status, 202, answer.text);
        const [message] = await h.outbox('tencentcloud', email);
        assert.match(message!.text, pattern);
      }
    } finally {
      await h.close();
    }
  });

  test('a password change writes its notice in the `locale` it was sent with', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-02', CN_PHONE, 'Secret-123');
      const changed = await h.call('PUT', '/api/jdcloud/account/password', {
        body: { currentPassword: 'Secret-123', newPassword: 'Newer-456', locale: 'zh-TW' },
        token: session.token,
        headers: { 'Accept-Language': 'en' },
      });
      assert.equal(changed.status, 204, changed.text);
      const notice = (await h.outbox('jdcloud', CN_PHONE)).find((m) => m.purpose === 'security_notice');
      assert.match(notice!.text, /^【京東雲】/);
    } finally {
      await h.close();
    }
  });
});
