/**
 * Open redirects through `returnTo` (issue 6 "Abuse"; ASVS 5.0 V3 / OWASP unvalidated
 * redirects). Everywhere a `returnTo` is taken — registration (the Tencent activation link
 * redirects to it), the security-email link page, third-party login — hostile values are refused
 * with `validation_failed` / `return_to_not_allowed`, and every value that is accepted ends as a
 * `Location` (or link) that a browser resolves to this server or an allowed origin.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browser, FLOW_HASH, followEmailLink, toCallback } from '../support/browser.ts';
import { address, figure, phone, type AppServer } from '../support/server.ts';
import { appForSuite } from '../support/suite.ts';

const SITE = 'https://console.example.com';

const HOSTILE = [
  'https://evil.example/',
  'HTTPS://EVIL.EXAMPLE/',
  '//evil.example/',
  '///evil.example/',
  '/\\evil.example/',
  '\\\\evil.example/',
  '/\t/evil.example/',
  '/\n/evil.example/',
  'http:evil.example',
  'https:/evil.example',
  ' https://evil.example/',
  'evil.example',
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  `${SITE}@evil.example/`,
  `${SITE}.evil.example/`,
  'https://evil.example\\@console.example.com/',
  'https://evil.example#https://console.example.com',
  SITE.replace('https:', 'http:'),
  `${SITE}:8443/`,
  'ftp://console.example.com/',
];

/** Accepted, and must still resolve to us or the allowed site. */
const ACCEPTED = [
  '/console',
  '/%2F%2Fevil.example/',
  '/%5Cevil.example',
  `${SITE}/welcome?next=https://evil.example#old`,
];

describe('open redirects through returnTo', () => {
  let s: AppServer;
  let allowedOrigins: Set<string>;
  appForSuite({ allowedOrigins: [SITE], trustedProxies: ['127.0.0.1'] }, (app) => {
    s = app;
    allowedOrigins = new Set([new URL(s.base).origin, SITE]);
  });

  function assertRefused(answer: { status: number; body: any; text: string }, value: string) {
    assert.equal(answer.status, 400, `${JSON.stringify(value)}: ${answer.status} ${answer.text}`);
    assert.equal(answer.body.error.code, 'validation_failed');
    assert.ok(
      answer.body.error.issues.some(
        (issue: { path: string; code: string }) =>
          issue.path === 'returnTo' && issue.code === 'return_to_not_allowed',
      ),
      `${JSON.stringify(value)}: ${answer.text}`,
    );
  }

  test('registration refuses every hostile returnTo before doing anything', async () => {
    for (const [i, value] of HOSTILE.entries()) {
      assertRefused(
        await s.api.post('/api/tencentcloud/accounts', {
          email: `hostile-${i}@example.com`,
          password: 'Hostile-pass-1',
          agreements: true,
          returnTo: value,
        }),
        value,
      );
      assertRefused(
        await s.api.post('/api/default/accounts', {
          email: `hostile-${i}@example.com`,
          password: 'hostile-pass-1',
          returnTo: value,
        }),
        value,
      );
    }
    assert.equal(await s.store.accounts.count(), 0, 'no account was created');
    figure(`redirects: ${HOSTILE.length} hostile returnTo values × 2 registration flows refused`);
  });

  test('an accepted returnTo ends as a Location on this server or the allowed site (Tencent activation)', async () => {
    const seen: string[] = [];
    for (const [i, value] of ACCEPTED.entries()) {
      const email = `accepted-${i}@example.com`;
      const registered = await s.api.post('/api/tencentcloud/accounts', {
        email,
        password: 'Accepted-pass-1',
        agreements: true,
        returnTo: value,
        flowHash: FLOW_HASH,
      });
      assert.equal(registered.status, 202, registered.text);
      const { link } = await s.api.message('tencentcloud', email);
      const followed = await followEmailLink(browser(s.base), link!);
      assert.equal(followed.status, 303);
      const location = followed.location!;
      assert.ok(allowedOrigins.has(location.origin), `${value} → ${location.href}`);
      assert.match(
        location.hash,
        /^#cl_ticket=[A-Za-z0-9_-]{43}$/,
        'the ticket travels in the fragment only',
      );
      assert.ok(!location.search.includes('cl_ticket'));
      seen.push(`${value} → ${location.origin}${location.pathname}`);
    }
    figure(`redirects: accepted returnTo values resolve to allowed origins: ${seen.join('; ')}`);
  });

  test('the security-email page and its link', async () => {
    const p = phone(50);
    assert.equal(
      (
        await s.api.post(
          '/api/jdcloud/codes',
          { phone: p, channel: 'sms', purpose: 'register' },
          { forwardedFor: address(50) },
        )
      ).status,
      202,
    );
    const registered = await s.api.post('/api/jdcloud/accounts', {
      accountName: 'redirect-me1',
      password: 'Secret-123',
      phone: p,
      code: await s.api.code('jdcloud', p),
      agreements: true,
    });
    const token = registered.body.session.token;
    for (const value of HOSTILE)
      assertRefused(
        await s.api.post(
          '/api/jdcloud/account/email',
          { email: 'redirect@example.com', returnTo: value, currentPassword: 'Secret-123' },
          { token },
        ),
        value,
      );

    const returnTo = `${SITE}/settings?a=1&b="><script>alert(1)</script>`;
    const sent = await s.api.post(
      '/api/jdcloud/account/email',
      { email: 'redirect@example.com', returnTo, currentPassword: 'Secret-123' },
      { token },
    );
    assert.equal(sent.status, 202, sent.text);
    const { link } = await s.api.message('jdcloud', 'redirect@example.com');
    // Showing the link spends nothing (mail scanners fetch links): its one form posts back here.
    const shown = await browser(s.base).get(link!, { Accept: 'text/html' });
    assert.equal(shown.status, 200);
    const shownCsp = shown.headers.get('content-security-policy') ?? '';
    assert.match(shownCsp, /default-src 'none'/);
    assert.match(shownCsp, /form-action 'self'/);
    assert.doesNotMatch(shown.text, /<script/i);
    const page = await followEmailLink(browser(s.base), link!);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.doesNotMatch(page.text, /<script/i);
    const href = /<a href="([^"]*)"/.exec(page.text)?.[1];
    assert.ok(href, page.text);
    const target = new URL(
      href.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))),
    );
    assert.equal(target.origin, SITE);
    assert.ok(
      !page.text.includes(new URL(link!).searchParams.get('token')!),
      'the link token is not echoed into the page',
    );
  });

  test('third-party login: hostile returnTo refused at authorize; the hand-off goes to the allowed origin only', async () => {
    for (const value of HOSTILE) {
      const answer = await s.api.get(
        `/api/jdcloud/connections/wechat/authorize?${new URLSearchParams({ mode: 'redirect', returnTo: value })}`,
      );
      assertRefused(answer, value);
    }
    const b = browser(s.base);
    const callback = await toCallback(b, 'jdcloud', 'wechat', 'Redirect', {
      mode: 'redirect',
      returnTo: `${SITE}/console`,
      flowHash: FLOW_HASH,
    });
    const done = await b.get(callback);
    assert.equal(done.status, 302);
    assert.equal(done.location!.origin, SITE);
    assert.match(done.location!.hash, /^#cl_ticket=/);
  });
});
