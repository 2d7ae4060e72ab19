/// <reference types="node" />
/**
 * Size budgets of the CDN bundle (issue 7), measured as `npm run size` measures them: the bundle
 * is built into a temporary folder and headless Chromium lists what a page holding only the
 * script tag and the element loads until the element is complete (in each locale; the heaviest counts),
 * and what it fetches after that.
 *
 * - The budget for <cloud-login> (`BUDGETS`; the goal, `GOALS`, is 30 KB), every preset: a page over
 *   the budget fails the run.
 * - The ceilings of the other elements (today's heaviest page plus a little): a page may not grow
 *   unnoticed.
 * - Every tag a registration file defines is defined by the bundle once a page uses it, so the
 *   CDN entry (src/cdn.ts) cannot forget an element.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRESETS, PROVIDER_IDS } from '@cloud-login/core';
import {
  ACCOUNT_MESSAGES,
  EXTRA_MESSAGES,
  QR_MESSAGES,
  REGISTER_MESSAGES,
  SECURITY_MESSAGES,
} from '@cloud-login/core/messages/index';
import {
  BUDGETS,
  CEILINGS,
  PRESET_IDS,
  formatReport,
  measure,
  serve,
} from '../../packages/elements/scripts/size.mjs';
import { launchChromium } from '../support/chromium.mjs';

const src = fileURLToPath(new URL('../../packages/elements/src/', import.meta.url));
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

type Report = Awaited<ReturnType<typeof measure>>;

/** `cloud-*` tags that source files (tests aside) pass to `customElements.define`. */
function definedTags(dir = src): string[] {
  const tags = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) definedTags(path).forEach((t) => tags.add(t));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/\bdefine\(\s*'(cloud-[a-z-]+)'/g)) tags.add(m[1]!);
    }
  }
  return [...tags].sort();
}

describe('CDN bundle size (packages/elements/scripts/size.mjs)', { timeout: 300_000 }, () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cl-size-'));
  let report: Report;

  before(async () => {
    report = await measure({ outdir });
    console.log(formatReport(report));
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  test('measures every preset of core', () => {
    assert.deepEqual([...PRESET_IDS].sort(), [...PROVIDER_IDS].sort());
  });

  test('every measured page rendered its element without errors', () => {
    for (const page of report.pages) {
      assert.ok(page.rendered, `<${page.element}> ${page.preset} did not render`);
      assert.deepEqual(page.errors, [], `<${page.element}> ${page.preset}`);
      assert.ok(page.paths.includes('cloud-login.js'), `<${page.element}> ${page.preset} loaded the entry`);
    }
  });

  test('no page is heavier than its ceiling (today’s heaviest plus a little)', () => {
    for (const page of report.pages) {
      const ceiling = (CEILINGS as Record<string, number>)[page.element];
      if (ceiling === undefined) continue;
      assert.ok(
        page.gzip <= ceiling,
        `<${page.element}> ${page.preset}: ${kB(page.gzip)} gzip > ceiling ${kB(ceiling)}`,
      );
    }
  });

  test('<cloud-login> loads no more than its budget for every preset, in every locale', () => {
    const pages = report.pages.filter((p) => p.element === 'cloud-login');
    assert.equal(pages.length, PRESET_IDS.length);
    for (const page of pages) {
      assert.ok(
        page.gzip <= BUDGETS['cloud-login'],
        `${page.preset}: ${kB(page.gzip)} gzip > ${kB(BUDGETS['cloud-login'])}`,
      );
    }
  });

  test('what a page fetches once its element is complete is decoration only: the providers’ marks', () => {
    // Moving code past `:state(ready)` must not be a way around the budget: only the marks'
    // chunk (flows/login/logos.ts, fetched when idle) may load then. That they do appear on an
    // untouched card is flows/login/look.test.ts's.
    for (const page of report.pages) {
      for (const path of page.later.paths)
        assert.match(path, /^chunks\/logos-/, `<${page.element}> ${page.preset} fetched ${path} after ready`);
      assert.ok(
        page.later.gzip <= 1_000,
        `<${page.element}> ${page.preset}: ${page.later.gzip} B after ready`,
      );
    }
  });

  test('a login page does not load registration, phone handling, the common-password list or zod', () => {
    for (const page of report.pages.filter((p) => p.element === 'cloud-login')) {
      // `preset-schema` is core's zod schema, which validates a site's preset overrides.
      const unwanted = page.paths.filter((p) =>
        /chunks\/(cloud-register|phone|cn|phone-metadata|common-passwords|preset-schema)-/.test(p),
      );
      assert.deepEqual(unwanted, [], page.preset);
    }
  });

  test('a page loads its own preset’s data and no other preset’s', () => {
    // A preset's brand colour is in its data and nowhere else in the bundle, except default's,
    // which is also the styles' fallback.
    const brands = PROVIDER_IDS.filter((id) => id !== 'default').map(
      (id) => [id, PRESETS[id].theme.brand] as const,
    );
    for (const page of report.pages) {
      const text = page.paths.map((p) => readFileSync(join(outdir, p), 'utf8')).join('\n');
      const found = brands.filter(([, brand]) => text.includes(brand)).map(([id]) => id);
      assert.deepEqual(
        found,
        page.preset === 'default' ? [] : [page.preset],
        `<${page.element}> ${page.preset}`,
      );
    }
  });

  test('a login page does not load the strings of registration, account security or (unless it shows it) the QR panel', () => {
    // A browser import of core's messages/index.ts (which assembles every part) would bring them back.
    const parts = {
      register: REGISTER_MESSAGES,
      account: ACCOUNT_MESSAGES,
      security: SECURITY_MESSAGES,
      qr: QR_MESSAGES,
      extra: EXTRA_MESSAGES,
    };
    for (const page of report.pages.filter((p) => p.element === 'cloud-login')) {
      const code = page.paths.map((p) => readFileSync(join(outdir, p), 'utf8')).join('\n');
      for (const [name, part] of Object.entries(parts)) {
        // JD Cloud's first tab is the QR panel, which brings its strings.
        if (name === 'qr' && page.preset === 'jdcloud') continue;
        // Long plain-ASCII English texts: the bundle escapes other characters, and a short text
        // ("Skip") may be in the code for other reasons.
        const found = Object.values(part.en).filter(
          (text) => text.length > 20 && /^[ -~]+$/.test(text) && code.includes(text),
        );
        assert.deepEqual(found, [], `${page.preset}: ${name} strings`);
      }
    }
  });

  test('every tag a registration file defines is defined by the bundle once a page uses it', async () => {
    const tags = definedTags();
    assert.ok(tags.length >= 10, `found only ${tags.join(', ')}`);
    const server = await serve(outdir);
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(`${server.origin}/page?element=cloud-auth&preset=default&locale=en`);
      const missing = await tab.evaluate(async (list: string[]) => {
        const out: string[] = [];
        for (const tag of list) {
          document.body.append(document.createElement(tag));
          const defined = await Promise.race([
            customElements.whenDefined(tag).then(() => true),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
          ]);
          if (!defined) out.push(tag);
        }
        return out;
      }, tags);
      assert.deepEqual(missing, [], 'tags the bundle never defines (add them to src/cdn.ts)');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
