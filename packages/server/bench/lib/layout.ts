/**
 * Cumulative layout shift in headless Chromium: the demo's page per preset, and a plain page that
 * follows the embed snippet of packages/elements/README.md ("No layout shift") — the reserving
 * rule, the script, one `<cloud-login>` and text below it.
 *
 * CLS as Core Web Vitals define it: `layout-shift` entries without recent input, grouped in
 * session windows (gaps under 1 s, at most 5 s), the largest window's sum. Each page is loaded
 * in a fresh context (cold cache) and watched until its `<cloud-login>` / `<cloud-register>` has
 * the `ready` state and the network has been idle, then one more second for late shifts.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../../test/support/chromium.mjs';
import { median } from './stats.ts';

/** Reserved heights of `<cloud-login>` at 390 px, en (packages/elements/README.md). */
const LOGIN_HEIGHT: Record<string, number> = {
  jdcloud: 554,
  'jdcloud-classic': 369,
  qingcloud: 424,
  tencentcloud: 461,
  default: 424,
};

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

export const VIEWPORTS: readonly Viewport[] = [
  { name: 'mobile 390', width: 390, height: 844 },
  { name: 'desktop 1280', width: 1280, height: 800 },
];

export interface ClsFigure {
  page: string;
  viewport: string;
  /** Median over the runs. */
  cls: number;
  max: number;
  runs: number;
}

const OBSERVER = `(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push([e.startTime, e.value]);
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

/** The largest session window's sum (gaps under 1 s, windows of at most 5 s). */
export function sessionCls(shifts: readonly [number, number][]): number {
  let best = 0;
  let sum = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const [at, value] of shifts) {
    if (at - last >= 1000 || at - start >= 5000) {
      start = at;
      sum = 0;
    }
    sum += value;
    last = at;
    best = Math.max(best, sum);
  }
  return best;
}

/** The plain page an integrator writes from the README: the rule, the script, the element, text. */
export function plainEmbedPage(preset: string): string {
  const paragraph =
    'Your console’s own page goes on below the sign-in: text, links, a footer. None of it may move while the element loads. ';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in</title>
<style>
  cloud-login:not(:state(ready)) { display: block; min-height: ${LOGIN_HEIGHT[preset] ?? 443}px; }
  body { margin: 0 auto; max-width: 26rem; font: 16px/1.5 system-ui, sans-serif; }
</style>
<script type="module" src="/cloud-login.js"></script>
</head><body>
<h1>Example console</h1>
<cloud-login provider="${preset}" api="/api/${preset}"></cloud-login>
${Array.from({ length: 6 }, () => `<p>${paragraph.repeat(3)}</p>`).join('\n')}
</body></html>`;
}

async function once(browser: Browser, url: string, viewport: Viewport, html?: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: OBSERVER });
    if (html)
      await page.route(url, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
      );
    await page.goto(url, { waitUntil: 'networkidle' });
    await page
      .waitForFunction(
        () => document.querySelector('cloud-login, cloud-register')?.matches(':state(ready)'),
        undefined,
        {
          timeout: 15_000,
        },
      )
      .catch(() => undefined);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    const shifts = (await page.evaluate('window.__shifts')) as [number, number][];
    return sessionCls(shifts);
  } finally {
    await context.close();
  }
}

/** CLS of each page (`[name, path]`, or a path with its own HTML) at each viewport, median of `runs`. */
export async function measureCls(
  baseUrl: string,
  pages: readonly { name: string; path: string; html?: string }[],
  runs: number,
  viewports: readonly Viewport[] = VIEWPORTS,
): Promise<ClsFigure[]> {
  const browser = await launchChromium();
  try {
    const out: ClsFigure[] = [];
    for (const page of pages)
      for (const viewport of viewports) {
        const values: number[] = [];
        for (let i = 0; i < runs; i++)
          values.push(await once(browser, baseUrl + page.path, viewport, page.html));
        out.push({
          page: page.name,
          viewport: viewport.name,
          cls: median(values),
          max: Math.max(...values),
          runs,
        });
      }
    return out;
  } finally {
    await browser.close();
  }
}
