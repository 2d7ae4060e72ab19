/**
 * Script load → interactive `<cloud-login>` in headless Chromium, with the CDN bundle served by
 * the real server.
 *
 * The page is the smallest embedding a site would write: the bundle as a module script and one
 * `<cloud-login provider=… api=…>`. It is answered by Playwright on the server's own origin (so the
 * bundle, its chunks and the API are all the server's), in a fresh browser context each run (a
 * cold HTTP cache).
 *
 * Start: the moment the browser starts requesting `/cloud-login.js` (its resource-timing
 * `startTime`). Interactive: every Lit element in the page, shadow roots included, has finished
 * updating and the element shows what its first method needs: an enabled input with a layout box
 * (a person could type), or for app QR login (JD Cloud) the QR image loaded from the server (a
 * phone could scan it); a button where the first method has neither. The probe is injected before any page script and reads
 * `performance.now()` in the page, so the figures carry no DevTools-protocol latency.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../../../test/support/chromium.mjs';
import { median } from './stats.ts';

export const CHROMIUM = CHROMIUM_PATH;

export interface BrowserPresetResult {
  preset: string;
  runs: number;
  /** Script request start → interactive, ms. */
  median: number;
  min: number;
  max: number;
  /** Of which: the bundle's download (request start → last byte), median ms. */
  download: number;
  /** The control found, e.g. `input` in `cloud-password-login`. */
  control: string;
  /** Why a run failed (the preset's figures then cover the runs before it). */
  error?: string;
}

export interface BrowserResult {
  chromium: string;
  presets: BrowserPresetResult[];
}

/**
 * Runs in the page before any of its scripts; sets `window.__bench` when interactive. Plain
 * JavaScript in a string: a function passed through tsx would carry esbuild's `__name` helper,
 * which does not exist in the page.
 */
const PROBE = `(() => {
  const all = (root, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) all(el.shadowRoot, out);
    }
    return out;
  };
  const owner = (el) => {
    const root = el.getRootNode();
    return root instanceof ShadowRoot ? root.host.localName : 'document';
  };
  const usable = (el) => {
    if (el.disabled || (el instanceof HTMLInputElement && el.type === 'hidden')) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  // The QR code once its image has loaded where the first method is app QR login; else a field
  // to type in; a button only where the first method has neither (a link, a third party).
  const control = () => {
    const elements = all(document);
    const qr = elements.find((el) => el.localName === 'cloud-qr-panel' && el.getBoundingClientRect().width > 0);
    if (qr) return qr.shadowRoot && [...qr.shadowRoot.querySelectorAll('img')].find((img) => img.complete && img.naturalWidth > 0 && usable(img));
    const shown = (el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    // Inputs of hidden tab panels do not count; a shown but disabled one is waited for.
    const inputs = elements.filter((el) => el instanceof HTMLInputElement && el.type !== 'hidden' && shown(el));
    if (inputs.length > 0) return inputs.find(usable);
    return elements.find((el) => el instanceof HTMLButtonElement && usable(el));
  };
  const watch = async () => {
    await customElements.whenDefined('cloud-login');
    for (;;) {
      const before = all(document);
      const lit = before.filter((el) => el.updateComplete instanceof Promise);
      // A shown element whose definition is still loading (a lazy method panel) is not there yet.
      const loading = before.some((el) => el.localName.includes('-') && !customElements.get(el.localName) && el.checkVisibility());
      // <cloud-login> shows a placeholder marked aria-busy until the first tab's panel has loaded.
      const busy = before.some((el) => el.getAttribute('aria-busy') === 'true' && el.checkVisibility());
      // Settled: no update pending anywhere, and no element added while waiting for them.
      const settled = !loading && !busy && (await Promise.all(lit.map((el) => el.updateComplete))).every(Boolean) && all(document).length === before.length;
      const found = settled && control();
      if (found) {
        const at = performance.now();
        const script = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/cloud-login.js'));
        window.__bench = {
          interactive: at - (script ? script.startTime : 0),
          download: script ? script.responseEnd - script.startTime : 0,
          control: found.localName + (found instanceof HTMLInputElement ? '[type=' + found.type + ']' : '') + ' in ' + owner(found),
          scriptSeen: Boolean(script),
        };
        return;
      }
      await new Promise((done) => setTimeout(done, 1));
    }
  };
  watch();
})();`;

function page(preset: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cloud-login bench</title>
<script type="module" src="/cloud-login.js"></script>
</head><body>
<cloud-login provider="${preset}" api="/api/${preset}"></cloud-login>
</body></html>`;
}

interface Figures {
  interactive: number;
  download: number;
  control: string;
}

/** One cold load of the page for `preset`; throws with what went wrong (page errors, failed requests). */
async function loadOnce(browser: Browser, baseUrl: string, preset: string): Promise<Figures> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('response', (response) => {
      if (response.status() >= 400)
        problems.push(
          `${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`,
        );
    });
    tab.on('requestfailed', (request) =>
      problems.push(`${request.method()} ${new URL(request.url()).pathname} failed`),
    );
    await tab.addInitScript({ content: PROBE });
    const url = `${baseUrl}/__bench/${preset}.html`;
    await tab.route(url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: page(preset) }),
    );
    await tab.goto(url);
    const handle = await tab.waitForFunction('window.__bench', undefined, { timeout: 15_000 }).catch(() => {
      throw new Error(`not interactive within 15 s${problems.length ? ` (${problems.join('; ')})` : ''}`);
    });
    const figures = (await handle.jsonValue()) as Figures & { scriptSeen: boolean };
    if (!figures.scriptSeen) throw new Error('no resource-timing entry for /cloud-login.js');
    if (problems.length > 0) throw new Error(problems.join('; '));
    return figures;
  } finally {
    await context.close();
  }
}

export async function measureBrowser(
  baseUrl: string,
  presets: readonly string[],
  runs: number,
): Promise<BrowserResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROME_PATH)`);
  const browser: Browser = await launchChromium();
  try {
    const results: BrowserPresetResult[] = [];
    for (const preset of presets) {
      const runsOf: Figures[] = [];
      let error: string | undefined;
      for (let run = 0; run < runs && error === undefined; run++) {
        // One retry: the bundle may be rebuilt by someone else's `npm run build:bundle` meanwhile.
        const figures = await loadOnce(browser, baseUrl, preset)
          .catch(() => loadOnce(browser, baseUrl, preset))
          .catch((e: Error) => {
            error = e.message;
            return undefined;
          });
        if (figures) runsOf.push(figures);
      }
      const totals = runsOf.map((f) => f.interactive);
      results.push({
        preset,
        runs: runsOf.length,
        median: median(totals),
        min: Math.min(...totals),
        max: Math.max(...totals),
        download: median(runsOf.map((f) => f.download)),
        control: runsOf.at(-1)?.control ?? '',
        ...(error !== undefined && { error }),
      });
    }
    return { chromium: browser.version(), presets: results };
  } finally {
    await browser.close();
  }
}
