/**
 * The demo site, as a newcomer meets it after `npm start`: the real CLI (dev mode, its own data
 * directory, a free port) serving `demo/` and the CDN bundle, driven in Chromium with
 * playwright-core.
 *
 * - every provider × locale page loads without a page error or a console error, with the demo's
 *   own strings, the element's attributes and the snippet in that provider and locale;
 * - a whole registration through the page (QingCloud on a desktop, JD Cloud in Chinese on a
 *   phone-sized screen) with the code taken from the outbox panel's "use this code", the
 *   account view after the success event, and sign-out revoking the token;
 * - the locale switch (live, and in the URL), the legacy-account helper, the phone layout, and
 *   the "mobile app" page;
 * - axe (WCAG A/AA, best practices) on the pages, signed out and signed in, light and dark.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { MESSAGES } from '@cloud-login/core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundleFile = join(root, 'packages/elements/cdn/cloud-login.js');
const PROVIDERS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'] as const;
const LOCALES = ['en', 'zh-CN'] as const;

/** A few of the demo's own strings (demo/js/strings.js), to see that the page speaks the locale. */
const DEMO_TEXT = {
  en: { outbox: 'Dev outbox', register: 'Register', signOut: 'Sign out', signedOut: 'Signed out.' },
  'zh-CN': { outbox: '开发发件箱', register: '注册', signOut: '退出登录', signedOut: '已退出登录' },
} as const;

// ---- the server -------------------------------------------------------------------------------

/**
 * A port nobody listens on. Not PORT=0: the CLI derives its public URL (email links, the QR's
 * mobile page, its own origin for cookie writes) from PORT, so it must be the real one.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function ensureBundle(): void {
  if (existsSync(bundleFile)) return;
  const build = spawnSync('npm', ['run', 'build:bundle', '--silent'], { cwd: root, stdio: 'inherit' });
  assert.equal(build.status, 0, 'npm run build:bundle failed');
}

interface Running {
  base: string;
  child: ChildProcess;
  output: () => string;
}

async function startServer(dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=cloud-login-source', '--import', 'tsx', 'packages/server/src/cli.ts'],
    {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEV_MODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 20 s:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
  assert.equal(base, `http://127.0.0.1:${port}`, 'the CLI prints the URL it listens on');
  return { base, child, output: () => output };
}

// ---- the browser ------------------------------------------------------------------------------

let server: Running;
let browser: Browser;
let dataDir: string;

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen so far. */
  problems: string[];
}

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function open(
  t: TestContext,
  path: string,
  viewport = DESKTOP,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Opened> {
  // A fresh context per page: no cookie, storage or popup leaks between tests. Closed when the
  // test ends: an open page keeps polling the outbox and would slow the others down.
  // Reduced motion: the outbox's new messages fade in, and axe would judge their contrast mid-fade.
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
  t.after(() => context.close().catch(() => {}));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  await page.goto(`${server.base}${path}`);
  return { page, context, problems };
}

/** The page is up: bundle loaded and the element rendered, outbox polled, config applied. */
async function settled({ page, problems }: Opened, tag = 'cloud-login'): Promise<void> {
  try {
    await waitUp(page, tag);
  } catch (error) {
    // Say what the page reported while we waited: a timeout alone explains nothing.
    throw new Error(
      `${(error as Error).message}\npage reported:\n${problems.join('\n') || '(nothing)'}${rebuiltNote()}`,
    );
  }
}

async function waitUp(page: Page, tag: string): Promise<void> {
  await page.waitForFunction(
    (name) =>
      Boolean(
        customElements.get(name) && document.querySelector(name)?.shadowRoot?.querySelector('[part~=base]'),
      ),
    tag,
  );
  await page.locator('section.outbox[data-state="ok"]').waitFor({ state: 'attached' });
  await page.locator('#guide li').first().waitFor();
  // A moment for anything late (lazy chunks, a second poll) to report an error. Not
  // 'networkidle': the outbox polls every 1.5 s, and on a busy machine idle may never come.
  await page.waitForTimeout(400);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe (WCAG 2.x A/AA and best practices) over the whole page, the elements' shadow roots
 * included. Injected through the DevTools protocol, so the page's CSP stays as it is.
 */
async function audit(page: Page, where: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    });
    return result.violations.map(
      (v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  });
  assert.deepEqual(violations, [], `axe, ${where}:\n${violations.join('\n')}`);
}

let bundleStamp = 0;

function assertClean(problems: string[], where: string): void {
  // The CLI serves packages/elements/cdn as it is on disk: a build run meanwhile (another
  // terminal) replaces the chunks a loaded page still asks for. Say so, rather than blame the page.
  assert.deepEqual(problems, [], `${where}:\n${problems.join('\n')}${rebuiltNote()}`);
}

function rebuiltNote(): string {
  const rebuilt = existsSync(bundleFile) && statSync(bundleFile).mtimeMs !== bundleStamp;
  return rebuilt
    ? '\n(packages/elements/cdn was rebuilt while this test ran: chunk names changed under the page; run again)'
    : '';
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.base}${path}`, {
    ...init,
    headers: { Accept: 'application/json', ...init.headers },
  });
}

function newPhone(): { national: string; e164: string } {
  const national = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return { national, e164: `+86${national}` };
}

/**
 * Asks for a code on the card, then takes it from the outbox panel with "use this code", and
 * checks it is the code the server sent and that it landed in the element's code field.
 */
async function useCodeFromOutbox(page: Page, host: string, provider: string, phone: string): Promise<string> {
  await page.locator(`${host} cloud-code-input [part~=send]`).click();
  const item = page.locator(`#outbox li[data-to="${phone}"]`).first();
  await item.waitFor();
  const shown = (await item.locator('.code-value').textContent())?.trim() ?? '';
  const sent = (await (await api(`/api/${provider}/dev/outbox?to=${encodeURIComponent(phone)}`)).json()) as {
    messages: { code?: string }[];
  };
  assert.equal(shown, sent.messages[0]?.code, 'the panel shows the code the server sent');
  await item.locator('.use-code').click();
  const input = page.locator(`${host} cloud-code-input input`);
  await until(async () => (await input.inputValue()) === shown, '"use this code" fills the code field');
  return shown;
}

/** Polls `check` until it holds (5 s), for state no event announces. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  ensureBundle();
  bundleStamp = statSync(bundleFile).mtimeMs;
  dataDir = mkdtempSync(join(tmpdir(), 'cl-demo-'));
  server = await startServer(dataDir);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('playwright-core is missing: npm install -D playwright-core');
  }
  browser = await chromium.launch(chromiumLaunchOptions());
});

after(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// ---- tests ------------------------------------------------------------------------------------

// The pages are independent: check a few at once (most of the time is spent waiting).
describe('demo pages (provider × locale)', { concurrency: 4 }, () => {
  for (const provider of PROVIDERS) {
    for (const locale of LOCALES) {
      it(`/?provider=${provider}&locale=${locale} loads clean, in that provider and locale`, async (t) => {
        const opened = await open(t, `/?provider=${provider}&locale=${locale}`);
        const { page, problems } = opened;
        await settled(opened);
        assert.equal(await page.getAttribute('html', 'lang'), locale);
        const login = page.locator('#slot > cloud-login');
        assert.equal(await login.getAttribute('provider'), provider);
        assert.equal(await login.getAttribute('locale'), locale);
        assert.equal(await login.getAttribute('api'), `${server.base}/api/${provider}`);
        assert.equal(
          await page.locator('#slot > .bundle-missing').count(),
          0,
          'no "bundle did not load" note',
        );
        // The demo's own strings follow the locale too.
        assert.equal(await page.locator('#outbox-title').textContent(), DEMO_TEXT[locale].outbox);
        assert.equal(await page.locator('#show-register').textContent(), DEMO_TEXT[locale].register);
        assert.equal(
          await page.locator(`#providers a[aria-current="page"]`).getAttribute('data-provider'),
          provider,
        );
        const snippet = (await page.locator('#snippet-html').textContent()) ?? '';
        assert.match(
          snippet,
          new RegExp(`<script type="module" src="${server.base}/cloud-login.js"></script>`),
        );
        assert.match(
          snippet,
          new RegExp(
            `provider="${provider}"[\\s\\S]*api="${server.base}/api/${provider}"[\\s\\S]*locale="${locale}"`,
          ),
        );
        // Provider-specific helpers appear only where they apply.
        assert.equal(await page.locator('#legacy-card').isVisible(), provider === 'jdcloud');
        // The phone tip is a number of the region the picker opens on (the default preset: +1).
        const tip = (await page.locator('#phone-tip').textContent()) ?? '';
        assert.match(tip, provider === 'default' ? /^\+1 \d{3} 555 01\d{2}$/ : /^1\d{2} \d{4} \d{4}$/);
        assertClean(problems, `${provider} ${locale}`);
        if (locale === 'en') await audit(page, `${provider} ${locale}`);
      });
    }
  }
});

describe('registration through the demo page', () => {
  it('QingCloud: code from the outbox panel, account view, sign-out revokes the token', async (t) => {
    const opened = await open(t, '/?provider=qingcloud&locale=en&mode=register');
    const { page, problems } = opened;
    await settled(opened, 'cloud-register');
    const phone = newPhone();
    await page.locator('cloud-register cloud-phone-input input').fill(phone.national);
    await useCodeFromOutbox(page, 'cloud-register', 'qingcloud', phone.e164);
    // A code for another number is not filled in silently: the toast says why, "anyway" fills.
    const code = page.locator('cloud-register cloud-code-input input');
    await code.fill('');
    await page.locator('cloud-register cloud-phone-input input').fill(newPhone().national);
    await page.locator(`#outbox li[data-to="${phone.e164}"] .use-code`).first().click();
    await until(
      async () => /but the form asks about/.test((await page.locator('#toast').textContent()) ?? ''),
      'the warning',
    );
    assert.equal(await code.inputValue(), '', 'the code of another number is not filled in');
    await page.locator('#toast-use').click();
    await until(async () => (await code.inputValue()).length === 6, '"fill in anyway" fills it');
    await page.locator('cloud-register cloud-phone-input input').fill(phone.national);
    await page.locator('cloud-register [part~=submit]').click();
    await page.locator('cloud-register cloud-password-field input').first().fill('demo-pass-123');
    await page.locator('cloud-register cloud-agreements input[type=checkbox]').check();
    await page.locator('cloud-register [part~=submit]').click();

    await page.locator('#account').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#slot').isVisible(), false, 'the card gives way to the account');
    const payload = JSON.parse((await page.locator('#payload').textContent()) ?? '{}');
    assert.equal(payload.account.provider, 'qingcloud');
    assert.match(payload.account.phone, /^\+86 139\*{4}\d{4}$/, 'the payload carries the masked phone');
    assert.equal(typeof payload.session.token, 'string');
    assert.match((await page.locator('#account-facts').textContent()) ?? '', /\+86 139\*{4}/);
    assert.match((await page.locator('#events').textContent()) ?? '', /cloud-register-success/);
    // QingCloud main accounts get the sub-account helper.
    assert.equal(await page.locator('#subaccount').isVisible(), true);
    await audit(page, 'signed in (QingCloud)');

    const before = await api('/api/qingcloud/session', {
      headers: { Authorization: `Bearer ${payload.session.token}` },
    });
    assert.equal(before.status, 200, 'the session from the payload works');
    await page.locator('#sign-out').click();
    await page.locator('#toast-label', { hasText: DEMO_TEXT.en.signedOut }).waitFor();
    assert.equal(await page.locator('#account').isVisible(), false);
    await page.locator('#slot > cloud-login').waitFor();
    const afterSignOut = await api('/api/qingcloud/session', {
      headers: { Authorization: `Bearer ${payload.session.token}` },
    });
    assert.equal(afterSignOut.status, 401, 'sign-out revoked the token on the server');
    assertClean(problems, 'QingCloud registration');
  });

  it('JD Cloud in Chinese on a 390×844 screen: name + password → phone + code → skip the security email', async (t) => {
    const zh = MESSAGES['zh-CN'];
    const opened = await open(t, '/?provider=jdcloud&locale=zh-CN&mode=register', PHONE);
    const { page, problems } = opened;
    await settled(opened, 'cloud-register');
    const register = page.locator('cloud-register');
    const name = `demo_${Math.random().toString(36).slice(2, 10)}`;
    await register.getByRole('textbox', { name: zh['label.accountName'], exact: true }).fill(name);
    await register.locator('cloud-password-field input').first().fill('Jd@2024cloud');
    await register.getByRole('button', { name: zh['action.next'], exact: true }).click();
    const phone = newPhone();
    await register.locator('cloud-phone-input input').fill(phone.national);
    await useCodeFromOutbox(page, 'cloud-register', 'jdcloud', phone.e164);
    await register.locator('cloud-agreements input[type=checkbox]').check();
    await register.getByRole('button', { name: zh['action.register'], exact: true }).click();
    await register.getByRole('button', { name: zh['action.skip'], exact: true }).click();

    await page.locator('#account').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#account-greet').textContent(), '欢迎');
    assert.equal(await page.locator('#account-title').textContent(), name);
    assert.equal(await page.locator('#sign-out').textContent(), DEMO_TEXT['zh-CN'].signOut);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone after sign-in (page is ${width}px wide)`);
    await audit(page, 'signed in (JD, phone, zh-CN)');
    assertClean(problems, 'JD registration');
  });
});

describe('demo helpers', () => {
  it('switches locale live and keeps it in the URL; the snippet follows and copies', async (t) => {
    const opened = await open(t, '/?provider=tencentcloud&locale=en');
    const { page, problems } = opened;
    await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await settled(opened);
    await page.locator('#locale-zh').click();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(
      await page.locator('#slot > cloud-login').getAttribute('locale'),
      'zh-CN',
      'the element follows, in place',
    );
    assert.equal(await page.locator('#outbox-title').textContent(), DEMO_TEXT['zh-CN'].outbox);
    let url = new URL(page.url());
    assert.equal(url.searchParams.get('locale'), 'zh-CN');
    assert.equal(url.searchParams.get('provider'), 'tencentcloud');

    await page.locator('#show-register').click();
    url = new URL(page.url());
    assert.equal(url.searchParams.get('mode'), 'register');
    await page.locator('#copy-html').click();
    await page.locator('#copy-html.is-done').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /<script type="module" src="[^"]+\/cloud-login\.js"><\/script>/);
    assert.match(
      copied,
      /<cloud-register\s+provider="tencentcloud"\s+api="[^"]+\/api\/tencentcloud"\s+locale="zh-CN">/,
    );
    assertClean(problems, 'locale switch');
  });

  it('creates a legacy JD account that password login then sends to JD login (legacy JD accounts)', async (t) => {
    const opened = await open(t, '/?provider=jdcloud&locale=en');
    const { page, problems } = opened;
    await settled(opened);
    const phone = newPhone();
    await page.locator('#legacy-phone').fill(phone.national);
    await page.locator('#legacy-password').fill('old-pass-2018');
    await page.locator('#legacy-form button[type=submit]').click();
    await page.locator('#legacy-result', { hasText: phone.national }).waitFor();
    const answer = await api('/api/jdcloud/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: phone.e164, password: 'old-pass-2018' }),
    });
    assert.equal(answer.status, 403);
    assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'use_parent_login');
    assertClean(problems, 'legacy helper');
  });

  it('fits a 390×844 screen with the card first and the outbox right after it (dark)', async (t) => {
    const opened = await open(t, '/?provider=tencentcloud&locale=zh-CN', PHONE, 'dark');
    const { page, problems } = opened;
    await settled(opened);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling (page is ${width}px wide)`);
    const card = await page.locator('#slot > cloud-login').boundingBox();
    const outbox = await page.locator('section.outbox').boundingBox();
    assert.ok(card && outbox && card.x >= 0 && card.x + card.width <= 390, 'the card fits the screen');
    assert.ok(card && outbox && outbox.y > card.y, 'the outbox comes after the card');
    await audit(page, 'phone, dark, zh-CN');
    assertClean(problems, 'phone layout');
  });

  it('links the mobile app page, which loads clean in the chosen locale', async (t) => {
    const openedDemo = await open(t, '/?provider=jdcloud&locale=zh-CN');
    const { page: demo, problems: demoProblems } = openedDemo;
    await settled(openedDemo);
    const href = await demo.locator('#qr-mobile-link').getAttribute('href');
    assert.ok(href, 'the QR card links the mobile app page');
    assertClean(demoProblems, 'demo page');

    const opened = await open(t, href!, PHONE);

    const { page, problems } = opened;
    await page.locator('#sign-in-form').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('#sign-in-title').textContent(), '登录 App');
    await page.waitForTimeout(400);
    await audit(page, 'mobile page');
    assertClean(problems, 'mobile page');
  });
});
