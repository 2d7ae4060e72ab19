#!/usr/bin/env node
// `npm run size`: builds the CDN bundle (packages/elements/cdn) and prints, minified / gzip /
// brotli, the whole bundle and what a browser actually loads to show <cloud-login> and
// <cloud-register> for each preset.
//
// "What a browser loads" is measured, not inferred: headless Chromium (playwright-core, the Debian
// /usr/bin/chromium or $CHROME_PATH) opens a page holding only the bundle's script tag and the
// element, waits until the element is complete (`:state(ready)`: its first screen shown, nothing
// loading) and no script has been requested for a while, and lists every .js file it fetched
// until it was complete: the initial module graph plus whatever the first render imported (a lazy
// element, phone handling, the common-password list…). Files fetched after that (decoration the
// element loads when idle: the providers' marks) are listed apart. Each page is loaded in
// every locale in fresh browser contexts (empty cache); a page shows one locale, and each
// locale's strings are a chunk of their own, so a figure is the heaviest locale's load.
//
// Sizes are of the files as built (minified), gzip at zlib's default level 6 (what servers
// use), brotli at quality 11 (what CDNs precompress with). One kB is 1000 bytes.
//
//   node packages/elements/scripts/size.mjs [--outdir DIR] [--files] [--json]
//     --outdir  build there instead of packages/elements/cdn
//     --files   list the files behind each figure
//     --json    print the report as JSON
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { launchChromium } from '../../../test/support/chromium.mjs';
import { buildBundle } from './build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** Core's PROVIDER_IDS (test/size checks the two agree). */
export const PRESET_IDS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
export const ELEMENTS = ['cloud-login', 'cloud-register'];
export const LOCALES = ['en', 'zh-CN', 'zh-TW'];

/**
 * Gzip bytes a page may load to show the element, per preset. The goal (issue 7) is 30 KB, read
 * as 30,000 bytes, the stricter of the two readings; test/size enforces it as the budget.
 */
export const GOALS = { 'cloud-login': 30_000 };
export const BUDGETS = { 'cloud-login': GOALS['cloud-login'] };

/**
 * Ceilings test/size enforces for elements without a budget of their own, so a page cannot grow
 * unnoticed (a stray import of full zod or of phone handling is 7–35 kB): today's heaviest page —
 * JD classic's registration, 64.2 kB, which shows a phone field and so loads phone handling, and
 * loads the login panels' chunk for the fields they share (one file less for every login page) —
 * plus about 1.8 kB. A login page's ceiling is its budget. Lower them whenever a change makes the
 * pages lighter.
 */
export const CEILINGS = { 'cloud-login': BUDGETS['cloud-login'], 'cloud-register': 66_000 };

/** Minified, gzip and brotli bytes of a set of files. */
export function weigh(paths) {
  let min = 0;
  let gzip = 0;
  let brotli = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    min += bytes.length;
    gzip += gzipSync(bytes).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: paths.length, min, gzip, brotli };
}

function jsFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsFiles(path));
    else if (entry.name.endsWith('.js')) out.push(path);
  }
  return out.sort();
}

const pageHtml = ({ element, preset, locale }) => `<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8" />
    <script type="module" src="/cloud-login.js"></script>
  </head>
  <body>
    <${element} provider="${preset}" api="/api/${preset}"></${element}>
  </body>
</html>
`;

/**
 * What `GET /api/{preset}/config` answers for each preset, as the server builds it (core's
 * `publicConfig`, run from source): the element reads it on every page, and a page whose server
 * answers it loads nothing more for it.
 */
function serverConfigs() {
  const script = `import { PRESETS } from '@cloud-login/core'; import { publicConfig } from '@cloud-login/core/config';
    console.log(JSON.stringify(Object.fromEntries(Object.values(PRESETS).map((p) => [p.id, publicConfig(p)]))));`;
  const out = execFileSync(
    process.execPath,
    ['--conditions=cloud-login-source', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: here,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

/**
 * Serves `dir` (the bundle) at `/`, the measurement page at `/page?element=…&preset=…&locale=…`,
 * each preset's `GET /api/{preset}/config`, and answers everything else under `/api/` with a
 * 503: no first render needs more of the server, and one that asks it anyway (a QR code) gets an
 * answer rather than a hanging request.
 */
export function serve(dir) {
  const configs = serverConfigs();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/page') {
      const page = Object.fromEntries(url.searchParams);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(page));
      return;
    }
    const config = /^\/api\/([\w-]+)\/config$/.exec(url.pathname);
    if (config && configs[config[1]]) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(configs[config[1]]));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'unavailable', message: 'size measurement: no server' } }));
      return;
    }
    const path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir + sep) || !path.endsWith('.js')) {
      res.writeHead(404).end();
      return;
    }
    try {
      statSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(readFileSync(path));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

/**
 * Opens one page in a fresh context and resolves with the bundle files it fetched (absolute
 * paths) and whether the element rendered. "Settled": the element is defined and has updated,
 * nothing is in flight, and no script was requested for `quietMs`.
 */
async function scriptsFor(browser, origin, dir, page, { quietMs = 500, timeoutMs = 20_000 } = {}) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const scripts = new Set();
  const errors = [];
  let inFlight = 0;
  let lastScript = Date.now();
  tab.on('request', (request) => {
    inFlight++;
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname.endsWith('.js')) {
      scripts.add(join(dir, decodeURIComponent(url.pathname)));
      lastScript = Date.now();
    }
  });
  const done = () => inFlight--;
  tab.on('requestfinished', done);
  tab.on('requestfailed', done);
  tab.on('pageerror', (error) => errors.push(String(error)));
  // When the element became complete (`:state(ready)`, controllers/ready.ts): what it fetches
  // after that is decoration (the providers' marks), not first load. Looked at from the start,
  // task after task (messages, which timers' clamping does not space out): the element fetches
  // its decoration in an idle callback, which runs only when no task is waiting, so the state is
  // seen before that fetch starts.
  await context.addInitScript((tag) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (document.querySelector(tag)?.matches(':state(ready)')) window.__readyAt = performance.now();
      else if (performance.now() < 30_000) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
  }, page.element);
  try {
    const query = new URLSearchParams(page).toString();
    await tab.goto(`${origin}/page?${query}`, { waitUntil: 'load', timeout: timeoutMs });
    const rendered = await tab.evaluate(async (tag) => {
      await customElements.whenDefined(tag);
      const el = /** @type {any} */ (document.querySelector(tag));
      // The element and every element its first render created (tab panels, blocks) have
      // updated: lazy imports their first render starts have been requested by then.
      const seen = new Set();
      const settle = async (node) => {
        if (seen.has(node)) return;
        seen.add(node);
        if (node.updateComplete) await node.updateComplete;
        for (const child of (node.shadowRoot ?? node).querySelectorAll('*')) {
          if (!child.localName.startsWith('cloud-')) continue;
          const defined = await Promise.race([
            customElements.whenDefined(child.localName).then(() => true),
            new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
          ]);
          if (defined) await settle(child);
        }
      };
      await settle(el);
      const until = Date.now() + 10_000;
      while (window.__readyAt === undefined && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        rendered: (el.shadowRoot?.childElementCount ?? 0) > 0,
        readyAt: window.__readyAt ?? Infinity,
      };
    }, page.element);
    const deadline = Date.now() + timeoutMs;
    while (inFlight > 0 || Date.now() - lastScript < quietMs) {
      if (Date.now() > deadline) throw new Error(`still loading after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // A resource's timing entry may land a moment after its request finished.
    const pathOf = (path) => `/${relative(dir, path).split(sep).join('/')}`;
    let started = new Map();
    for (let i = 0; i < 40 && [...scripts].some((path) => !started.has(pathOf(path))); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 50));
      started = new Map(
        await tab.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime]),
        ),
      );
    }
    const at = (path) => started.get(pathOf(path)) ?? 0;
    const all = [...scripts];
    return {
      scripts: all.filter((path) => at(path) <= rendered.readyAt),
      later: all.filter((path) => at(path) > rendered.readyAt),
      rendered: rendered.rendered,
      errors,
    };
  } finally {
    await context.close();
  }
}

/** Runs `work` over `items`, at most `limit` at a time; results in the items' order. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Builds the bundle into `outdir` and measures it. Resolves with
 * `{ total, pages: [{ element, preset, files, min, gzip, brotli, rendered, errors, paths }] }`.
 */
export async function measure({
  outdir = join(root, 'cdn'),
  presets = PRESET_IDS,
  elements = ELEMENTS,
} = {}) {
  await buildBundle({ outdir });
  const all = jsFiles(outdir);
  const total = weigh(all);
  const server = await serve(outdir);
  const browser = await launchChromium();
  const pages = [];
  try {
    const jobs = elements.flatMap((element) => presets.map((preset) => ({ element, preset })));
    const results = await pool(jobs, 4, async ({ element, preset }) => {
      const errors = [];
      let rendered = true;
      let heaviest;
      for (const locale of LOCALES) {
        const seen = await scriptsFor(browser, server.origin, outdir, { element, preset, locale });
        errors.push(...seen.errors);
        rendered &&= seen.rendered;
        const sorted = [...seen.scripts].sort();
        const later = [...seen.later].sort();
        const weight = {
          locale,
          ...weigh(sorted),
          paths: sorted.map((p) => relative(outdir, p)),
          later: { ...weigh(later), paths: later.map((p) => relative(outdir, p)) },
        };
        if (!heaviest || weight.gzip > heaviest.gzip) heaviest = weight;
      }
      return { element, preset, ...heaviest, rendered, errors };
    });
    pages.push(...results);
  } finally {
    await browser.close();
    await server.close();
  }
  return { total: { ...total, paths: all.map((p) => relative(outdir, p)) }, pages };
}

const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

export function formatReport({ total, pages }, { files = false } = {}) {
  const lines = [];
  const row = (cells, widths) =>
    cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const widths = [16, 16, 5, 10, 10, 10, 16, 6];
  lines.push('Sizes: minified, gzip (level 6), brotli (quality 11); 1 kB = 1000 B.');
  lines.push('');
  lines.push(
    `Whole bundle (every .js file in cdn/): ${total.files} files, ${kB(total.min)} min, ${kB(total.gzip)} gzip, ${kB(total.brotli)} brotli`,
  );
  if (files) for (const p of total.paths) lines.push(`    ${p}`);
  lines.push('');
  lines.push('What a browser loads to show the element: its initial module graph plus what its first render');
  lines.push('imports until the element is complete (`:state(ready)`), in its heaviest locale (measured in');
  lines.push('headless Chromium, empty cache); what it fetches after that is listed below the page:');
  lines.push('');
  lines.push(row(['element', 'preset', 'files', 'min', 'gzip', 'brotli', 'budget (gzip)', 'locale'], widths));
  for (const page of pages) {
    const budget = BUDGETS[page.element];
    const goal = GOALS[page.element];
    const verdict =
      budget === undefined
        ? '—'
        : `${page.gzip > budget ? 'over' : page.gzip > goal ? 'over goal' : 'ok'} (${bytes(goal)})`;
    lines.push(
      row(
        [
          `<${page.element}>`,
          page.preset,
          page.files,
          kB(page.min),
          kB(page.gzip),
          kB(page.brotli),
          verdict,
          page.locale,
        ],
        widths,
      ),
    );
    if (!page.rendered)
      lines.push(`    (did not render${page.errors.length ? `: ${page.errors.join('; ')}` : ''})`);
    if (files) for (const p of page.paths) lines.push(`    ${p}`);
    if (page.later.files > 0)
      lines.push(
        `    then, once ready: ${page.later.paths.join(', ')} (${bytes(page.later.gzip)} gzip${files ? '' : ', decoration'})`,
      );
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? resolve(args[at + 1]) : join(root, 'cdn');
  const report = await measure({ outdir });
  if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report, { files: args.includes('--files') }));
  // Fails on what test/size enforces: a page that did not render, or one above its ceiling.
  const broken = report.pages.filter(
    (p) => !p.rendered || p.errors.length > 0 || p.gzip > (CEILINGS[p.element] ?? Infinity),
  );
  process.exitCode = broken.length > 0 ? 1 : 0;
}
