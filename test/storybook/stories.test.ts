// Every story of the built Storybook (storybook-static/) renders in Chromium without a page
// error, a console error, a failed play function or a request leaving the machine, shows no
// catalogue key as text (a string whose catalogue had not loaded), and passes axe (WCAG 2.x A/AA
// rules, plus serious/critical best practices) on the story's root. Each story is checked in both
// locales, through the `locale` toolbar global in the URL.
//
// Builds nothing: `npm run test:storybook` builds first. Without a build the test is skipped.
// STORY_FILTER=<substring of story id> narrows the run; STORYBOOK_LOCALES=en limits locales.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { ALL_STRINGS } from '../../packages/elements/src/test/strings.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const staticDir = join(root, 'storybook-static');
const indexFile = join(staticDir, 'index.json');

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  importPath: string;
  tags?: string[];
}

const locales = (process.env.STORYBOOK_LOCALES ?? 'en,zh-CN')
  .split(',')
  .map((l) => l.trim())
  .filter(Boolean);
const filter = process.env.STORY_FILTER;
const timeout = Number(process.env.STORY_TIMEOUT ?? 20_000);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** A tiny static server for storybook-static/ (no directory listing, no path escape). */
function serve(dir: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      // Chromium asks for it on its own; Storybook ships none. Not a story's failure.
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      let file = normalize(join(dir, path));
      if (file !== dir && !file.startsWith(dir + sep)) throw new Error('outside');
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // Hashed assets never change within a build: let every page reuse them.
      const cache =
        path.startsWith('/assets/') || path.startsWith('/sb-')
          ? 'public, max-age=3600, immutable'
          : 'no-cache';
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cache,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch {
    throw new Error('playwright-core is missing: npm install -D playwright-core');
  }
}

// Records what the preview reports about each story, from its channel (set up before any script).
const HOOK = `(() => {
  const state = (window.__clStory = { finished: {}, docs: {}, errors: [] });
  const attach = () => {
    const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
    if (!channel) return void setTimeout(attach, 5);
    const fail = (kind) => (error) => state.errors.push(kind + ': ' + (error && (error.message || error.title || JSON.stringify(error))));
    channel.on('storyErrored', fail('story errored'));
    channel.on('storyThrewException', fail('story threw'));
    channel.on('playFunctionThrewException', fail('play function threw'));
    channel.on('unhandledErrorsWhilePlaying', (errors) => errors.forEach(fail('unhandled error while playing')));
    channel.on('storyMissing', fail('story missing'));
    channel.on('docsRendered', (id) => {
      state.docs[id] = true;
    });
    channel.on('storyFinished', (event) => {
      state.finished[event.storyId] = event.status;
    });
  };
  attach();
})();`;

/** Every catalogue key: one shown as text is a string whose catalogue had not loaded. */
const KEYS = Object.keys(ALL_STRINGS.en);

// Keys shown in the story's root: its text and the attributes people read, through shadow roots.
// A source string, like HOOK: tsx would wrap named functions in a helper the page does not have.
const RAW_KEYS = `(keys) => {
  const known = new Set(keys);
  const found = new Set();
  const check = (text) => {
    for (const [token] of (text || '').matchAll(/\\w[\\w.-]*/g)) {
      const word = token.replace(/[.-]+$/, '');
      if (known.has(word)) found.add(word);
    }
  };
  const visit = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return check(node.textContent);
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'label', 'heading', 'hint']) check(node.getAttribute(name));
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
    }
    node.childNodes.forEach(visit);
  };
  visit(document.querySelector('#storybook-root') || document.body);
  return [...found].sort();
}`;

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
// Landmarks and page headings are the embedding page's business, not the element's.
const AXE_DISABLED = ['region', 'landmark-one-main', 'page-has-heading-one'];

interface AxeViolation {
  id: string;
  impact: string | null;
  tags: string[];
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

interface StoryState {
  finished: Record<string, string>;
  docs: Record<string, boolean>;
  errors: string[];
}

/** One browser tab that renders stories one after another. */
interface Worker {
  page: Page;
  problems: string[];
  /** Locale and story the tab shows; `undefined` after a failure, to force a fresh load. */
  locale?: string;
  storyId?: string;
  /** Whether axe is in the page already. */
  axe: boolean;
}

const entries: IndexEntry[] = existsSync(indexFile)
  ? Object.values(
      (JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> }).entries,
    ).filter((entry) => !filter || entry.id.includes(filter))
  : [];
const stories = entries.filter((entry) => entry.type === 'story');
const docsPages = entries.filter((entry) => entry.type === 'docs');

const concurrency = Math.max(1, Number(process.env.STORY_CONCURRENCY ?? 4));

/** The newest source file the build is made from (stories, config, elements, core). */
function newestSource(): { file: string; mtime: number } {
  let newest = { file: '', mtime: 0 };
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ts|js|mjs|html|json|css)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const mtime = statSync(path).mtimeMs;
        if (mtime > newest.mtime) newest = { file: path, mtime };
      }
    }
  };
  for (const dir of ['stories', '.storybook', 'packages/elements/src', 'packages/core/src'])
    visit(join(root, dir));
  const manifest = join(root, 'packages/elements/custom-elements.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs > newest.mtime)
    newest = { file: manifest, mtime: statSync(manifest).mtimeMs };
  return newest;
}

if (!existsSync(indexFile)) {
  it(
    'storybook stories',
    { skip: 'storybook-static/index.json missing: run `npm run build-storybook` first' },
    () => {},
  );
} else {
  describe('storybook stories', { concurrency }, () => {
    let server: Server;
    let browser: Browser;
    let context: BrowserContext;
    let origin: string;
    let axeSource: string;
    let checked = 0;
    const idle: Worker[] = [];
    const waiting: ((worker: Worker) => void)[] = [];

    async function openWorker(): Promise<Worker> {
      const page = await context.newPage();
      const worker: Worker = { page, problems: [], axe: false };
      page.on('pageerror', (error) => worker.problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') worker.problems.push(`console error: ${message.text()}`);
      });
      // Offline: nothing may leave 127.0.0.1 (the fake backend never touches the network).
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
          return route.continue();
        worker.problems.push(`request outside the build: ${url}`);
        return route.abort();
      });
      return worker;
    }

    const acquire = () =>
      new Promise<Worker>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
    const release = (worker: Worker) => (waiting.length ? waiting.shift()!(worker) : idle.push(worker));

    /**
     * Shows `storyId` in the worker's tab: a full load when the tab is new, changes locale or
     * failed before; otherwise the preview switches story in place (as the Storybook UI does),
     * which skips parsing the whole preview bundle again.
     */
    async function show(worker: Worker, storyId: string, locale: string): Promise<void> {
      const { page } = worker;
      if (worker.locale !== locale || worker.storyId === storyId) {
        worker.locale = undefined;
        worker.axe = false;
        const globals = `locale:${locale};a11y.manual:!true`;
        await page.goto(
          `${origin}/iframe.html?id=${encodeURIComponent(storyId)}&viewMode=story&globals=${encodeURIComponent(globals)}`,
          {
            waitUntil: 'load',
          },
        );
      } else {
        await page.evaluate((id) => {
          const w = window as unknown as {
            __clStory: StoryState;
            __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, ...args: unknown[]): void };
          };
          w.__clStory.errors = [];
          delete w.__clStory.finished[id];
          w.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
        }, storyId);
      }
      worker.storyId = storyId;
      await page.waitForFunction(
        (id) => !!(window as unknown as { __clStory: StoryState }).__clStory.finished[id],
        storyId,
        { timeout },
      );
      worker.locale = locale;
    }

    before(async () => {
      assert.ok(entries.length > 0, 'the built Storybook has no stories');
      const require = createRequire(import.meta.url);
      axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      server = await serve(staticDir);
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { chromium } = await loadPlaywright();
      browser = await chromium.launch(chromiumLaunchOptions());
      context = await browser.newContext({ viewport: { width: 1024, height: 900 }, reducedMotion: 'reduce' });
      await context.addInitScript(HOOK);
      for (let i = 0; i < concurrency; i++) idle.push(await openWorker());
    });

    after(async () => {
      await context?.close();
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      console.log(
        `# storybook: ${checked} story renders checked (${stories.length} stories × ${locales.length} locales), ${docsPages.length} docs pages`,
      );
    });

    // A build older than its sources would test yesterday's elements and pass for the wrong
    // reason: `npm run test:storybook` rebuilds first.
    it('storybook-static is at least as new as its sources', () => {
      const built = statSync(indexFile).mtimeMs;
      const newest = newestSource();
      if (newest.mtime > built) {
        assert.fail(
          `storybook-static/ is older than ${newest.file.slice(root.length)}: run \`npm run build-storybook\` (or \`npm run test:storybook\`)`,
        );
      }
    });

    // Locale by locale, so each tab reloads only when the language changes.
    for (const locale of locales) {
      for (const story of stories) {
        it(`${story.id} [${locale}]`, { timeout: timeout + 15_000 }, async () => {
          const worker = await acquire();
          const { page } = worker;
          const problems: string[] = [];
          worker.problems = problems;
          try {
            await show(worker, story.id, locale);
            const state = await page.evaluate((id) => {
              const s = (window as unknown as { __clStory: StoryState }).__clStory;
              return { status: s.finished[id], errors: [...s.errors] };
            }, story.id);
            problems.push(...state.errors);
            if (state.status !== 'success') problems.push(`story finished with status "${state.status}"`);
            const lang = await page.evaluate(() => document.documentElement.lang);
            if (lang !== locale)
              problems.push(
                `the page language is "${lang}", not "${locale}": the locale global did not apply`,
              );
            const raw = (await page.evaluate(`(${RAW_KEYS})(${JSON.stringify(KEYS)})`)) as string[];
            if (raw.length)
              problems.push(`catalogue keys shown as text (their strings never loaded): ${raw.join(', ')}`);

            if (!worker.axe) {
              await page.addScriptTag({ content: axeSource });
              worker.axe = true;
            }
            const violations = await page.evaluate(
              async ({ tags, disabled }) => {
                const axe = (
                  window as unknown as {
                    axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
                  }
                ).axe;
                const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
                const result = await axe.run(document.querySelector('#storybook-root') ?? document.body, {
                  runOnly: { type: 'tag', values: tags },
                  rules,
                  resultTypes: ['violations'],
                });
                return result.violations.map((v) => ({
                  id: v.id,
                  impact: v.impact,
                  tags: v.tags,
                  help: v.help,
                  nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
                }));
              },
              { tags: AXE_TAGS, disabled: AXE_DISABLED },
            );
            const blocking = violations.filter(
              (v) =>
                v.tags.some((tag) => tag.startsWith('wcag')) ||
                v.impact === 'serious' ||
                v.impact === 'critical',
            );
            for (const v of blocking) {
              const where = v.nodes
                .slice(0, 3)
                .map((n) => JSON.stringify(n.target))
                .join(', ');
              const summary = v.nodes[0]?.failureSummary
                ? `\n      ${v.nodes[0].failureSummary.replace(/\n/g, '\n      ')}`
                : '';
              problems.push(`axe ${v.impact ?? ''} ${v.id}: ${v.help} — ${where}${summary}`);
            }
            checked += 1;
          } catch (error) {
            problems.push(
              `could not check the story: ${error instanceof Error ? error.message : String(error)}`,
            );
          } finally {
            if (problems.length) worker.locale = undefined; // start the next story from a clean load
            worker.problems = [];
            release(worker);
          }
          if (problems.length)
            assert.fail(`${story.title} › ${story.name} [${locale}]\n  ${problems.join('\n  ')}`);
        });
      }
    }

    // Docs pages (autodocs) render every story of a component inline, without play functions:
    // they must load without errors too. Axe is not run there: the page is Storybook's own UI.
    for (const docs of docsPages) {
      it(`${docs.id} [docs]`, { timeout: timeout + 15_000 }, async () => {
        const worker = await acquire();
        const problems: string[] = [];
        worker.problems = problems;
        try {
          worker.locale = undefined;
          worker.axe = false;
          await worker.page.goto(`${origin}/iframe.html?id=${encodeURIComponent(docs.id)}&viewMode=docs`, {
            waitUntil: 'load',
          });
          await worker.page.waitForFunction(
            (id) => !!(window as unknown as { __clStory: StoryState }).__clStory.docs[id],
            docs.id,
            { timeout },
          );
          // Let the inline stories' first renders (and their requests to the fake) settle.
          await worker.page.waitForTimeout(500);
          const state = await worker.page.evaluate(
            () => (window as unknown as { __clStory: StoryState }).__clStory.errors,
          );
          problems.push(...state);
        } catch (error) {
          problems.push(
            `could not render the docs page: ${error instanceof Error ? error.message : String(error)}`,
          );
        } finally {
          worker.problems = [];
          release(worker);
        }
        if (problems.length) assert.fail(`${docs.title} › docs\n  ${problems.join('\n  ')}`);
      });
    }
  });
}
