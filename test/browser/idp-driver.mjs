// web-test-runner plugin: the person at the identity provider's window.
//
// Third-party login opens the identity provider (the server's simulated WeChat, QQ, JD and
// WeChat Official Account pages under /idp/…) in a popup, or sends the whole page there when the
// popup is blocked. Those pages are on the API's origin, refuse to be framed (X-Frame-Options:
// DENY, frame-ancestors 'none', as the real ones do) and carry a `state` the test page cannot
// read, so a script in the test page can neither see nor click them. This plugin gives the tests
// one command, `idp-page`, that does through Chromium's DevTools protocol what a person does:
// find the window that shows the page, fill its fields and press its button.
//
//   await executeServerCommand('idp-page', {
//     url: '/idp/wechat/connect/qrconnect',   // a window of this test page whose URL contains this
//     fill: { '#nickname': 'Alice' },          // CSS selector → value typed in
//     click: 'button[value=allow]',            // then this is clicked
//     close: false,                            // close the window afterwards (the phone page)
//   }) → { url, title, text,                    // the page as found (before the click)
//          navigated, console }                // after the click: did it leave the page, what it logged
//
// Only windows opened by the calling test page (directly or through a window it opened) are
// considered, so test files running in parallel never touch each other's popups.

const DEFAULT_TIMEOUT = 15_000;

/** Whether `target` was opened by `root` (or by a window `root` opened). */
function openedBy(target, root) {
  for (let t = target.opener(); t; t = t.opener()) if (t === root) return true;
  return false;
}

export function idpDriverPlugin() {
  return {
    name: 'cloud-login-idp-driver',

    async executeCommand({ command, payload, session }) {
      if (command !== 'idp-page') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('idp-page needs Chromium through puppeteer');
      const { url, fill = {}, click, close = false, timeout = DEFAULT_TIMEOUT } = payload ?? {};
      if (typeof url !== 'string' || url === '')
        throw new Error('idp-page: `url` (a part of the window’s URL) is required');
      const testPage = session.browser.getPage(session.id);
      const root = testPage.target();
      const target = await testPage
        .browser()
        .waitForTarget((t) => t.type() === 'page' && t.url().includes(url) && openedBy(t, root), { timeout })
        .catch(() => {
          throw new Error(`idp-page: no window of this test showing "${url}" within ${timeout} ms`);
        });
      const page = await target.page();
      await page.waitForFunction(() => document.readyState === 'complete', { timeout });
      const seen = await page.evaluate(() => ({
        url: location.href,
        title: document.title,
        text: document.body?.innerText ?? '',
      }));
      for (const [selector, value] of Object.entries(fill)) {
        await page.waitForSelector(selector, { timeout });
        // Replace what the field holds (the pages prefill some), then type like a person.
        await page.$eval(selector, (el) => {
          el.value = '';
        });
        await page.type(selector, String(value));
      }
      if (click) {
        await page.waitForSelector(click, { timeout });
        // A form post navigates (or closes the popup when it hands off): wait for the navigation
        // to start, not for where it ends.
        // What the page logs (a blocked form post, say) goes back with the answer.
        const console = [];
        page.on('console', (m) => console.push(m.text()));
        const navigated = page.waitForNavigation({ timeout: 5_000 }).then(
          () => true,
          () => page.isClosed(),
        );
        await page.click(click);
        seen.navigated = await navigated;
        seen.console = console;
      }
      if (close) await page.close().catch(() => undefined);
      return seen;
    },
  };
}
