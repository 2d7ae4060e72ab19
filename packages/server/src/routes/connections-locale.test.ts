/**
 * The third-party popup's own pages in the element's locale (`locale` on `authorize`, kept in the
 * state), and the pages without a trustworthy state in the browser's (`Accept-Language`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../testing.ts';
import { browser, handoffOf, type Browser } from './connections.testing.ts';

/** Authorize in popup mode, then allow or deny at the simulated WeChat: the callback's page. */
async function popupCallback(b: Browser, query: Record<string, string>, decision: 'allow' | 'deny') {
  const start = await b.get(
    `/api/jdcloud/connections/wechat/authorize?${new URLSearchParams({ mode: 'popup', returnTo: '/console', ...query })}`,
  );
  assert.equal(start.status, 302, start.text);
  const authorize = start.location!;
  const back = await b.request('POST', authorize.pathname, {
    form: { ...Object.fromEntries(authorize.searchParams), nickname: '小明', decision },
  });
  assert.equal(back.status, 302, back.text);
  return b.get(back.location!);
}

describe('third-party popup pages speak the element’s language', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  test('zh-TW: the refusal page is in Traditional Chinese, and says so in <html lang>', async () => {
    const page = await popupCallback(browser(h), { locale: 'zh-TW' }, 'deny');
    assert.equal(page.status, 400);
    assert.match(page.text, /<html lang="zh-TW">/);
    assert.match(page.text, /<h1>登入失敗<\/h1><p>已取消登入。<\/p>/);
    assert.equal(handoffOf(page).message.error?.code, 'unauthenticated');
  });

  test('zh-CN: the hand-off page of a sign-in is in Simplified Chinese (it was English only)', async () => {
    const page = await popupCallback(browser(h), { locale: 'zh-CN' }, 'allow');
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="zh-CN">/);
    assert.match(page.text, /<title>正在登录…<\/title>/);
    assert.match(page.text, /此窗口将自动关闭。/);
    assert.ok(handoffOf(page).message.ticket);
  });

  test('a tag is matched (zh-HK gives zh-TW); English stays English', async () => {
    assert.match((await popupCallback(browser(h), { locale: 'zh-HK' }, 'allow')).text, /正在登入…/);
    const english = await popupCallback(browser(h), { locale: 'en' }, 'deny');
    assert.match(english.text, /<h1>Sign-in failed<\/h1><p>The sign-in was cancelled.<\/p>/);
  });

  test('a page without a trustworthy state follows Accept-Language', async () => {
    const b = browser(h);
    const expired = await b.request(
      'GET',
      `/api/jdcloud/connections/wechat/callback?code=x&state=${'A'.repeat(43)}`,
      {
        headers: { 'Accept-Language': 'zh-Hant-HK, en;q=0.5' },
      },
    );
    assert.equal(expired.status, 410);
    assert.match(expired.text, /<html lang="zh-TW">/);
    assert.match(expired.text, /<h1>登入已失效<\/h1>/);
    const english = await b.request(
      'GET',
      `/api/jdcloud/connections/wechat/callback?code=x&state=${'B'.repeat(43)}`,
      {
        headers: { 'Accept-Language': 'en-GB' },
      },
    );
    assert.match(english.text, /<h1>Sign-in expired<\/h1>/);
  });
});
