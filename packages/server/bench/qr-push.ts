/**
 * App QR login, pushed vs polled: sign-in latency from the phone's confirm to the page signed in,
 * and the requests one QR login costs, with `<cloud-login provider="jdcloud">` in headless
 * Chromium against the real app (dev mode, in this process, on 127.0.0.1).
 *
 * - "push": the element as shipped — the status stream (`GET /qr/{id}/events`), one poll to
 *   claim the session;
 * - "poll": the same page with `EventSource` taken away, so the element polls every
 *   `pollInterval` (2 s), as it did before the stream.
 *
 * Each run: the QR appears; the "phone" (this script, through the API with its own session)
 * scans after 2–4 s (random, so the confirm falls anywhere in a poll interval) and confirms 2 s
 * later. Latency: the confirm request sent (Date.now() here) → `cloud-login-success` in the page
 * (Date.now() there; same machine, same clock). Requests: every request the page sent to
 * `/api/jdcloud/qr…` (create, image, stream, polls).
 *
 *   node --conditions=cloud-login-source --import tsx bench/qr-push.ts [--runs N]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { createAuthServer, createMemoryStore } from '../src/index.ts';
import { launchChromium } from '../../../test/support/chromium.mjs';
import { median } from './lib/stats.ts';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '8' } } });
const RUNS = Number(flags.runs);

const cdn = fileURLToPath(new URL('../../elements/cdn/', import.meta.url));
const store = await createMemoryStore();
const app = createAuthServer({
  store,
  devMode: true,
  staticFiles: {
    '/cloud-login.js': resolve(cdn, 'cloud-login.js'),
    '/chunks': resolve(cdn, 'chunks'),
  },
  limits: { registerPerAddress: { limit: 1000, windowMs: 3600_000 } },
  logError: (error) => console.error(error),
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((done) => server.once('listening', () => done()));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const API = `${origin}/api/jdcloud`;

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(API + path, {
    method,
    headers: {
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(token && { Authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The phone's session: a JD Cloud account registered through the dev outbox. */
async function phoneSession(): Promise<string> {
  const phone = '+8613700009999';
  await call('POST', '/codes', { phone, channel: 'sms', purpose: 'register' });
  const { messages } = await call<{ messages: { code?: string }[] }>(
    'GET',
    `/dev/outbox?to=${encodeURIComponent(phone)}`,
  );
  const answer = await call<{ session: { token: string } }>('POST', '/accounts', {
    accountName: 'bench_phone',
    password: 'Bench-qr-2024',
    phone,
    code: messages[0]!.code,
    agreements: true,
  });
  return answer.session.token;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>QR bench</title>
<script type="module" src="/cloud-login.js"></script></head>
<body><cloud-login provider="jdcloud" api="/api/jdcloud" locale="en"></cloud-login></body></html>`;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Run {
  latencyMs: number;
  requests: number;
  polls: number;
}

async function oneLogin(browser: Browser, mode: 'push' | 'poll', token: string): Promise<Run> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  try {
    await page.route(`${origin}/bench.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: PAGE }),
    );
    await page.addInitScript(
      `document.addEventListener('cloud-login-success', () => { window.__signedInAt = Date.now(); }, true);` +
        (mode === 'poll' ? 'window.EventSource = undefined;' : ''),
    );
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${API}/qr`)) requests.push(`${request.method()} ${request.url()}`);
    });
    await page.goto(`${origin}/bench.html`);
    const id = await page.waitForFunction(
      `(() => {
        const find = (root) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.matches('[part~=app-link]')) return el;
            const inner = el.shadowRoot && find(el.shadowRoot);
            if (inner) return inner;
          }
          return null;
        };
        const link = find(document);
        return link && new URL(link.href).searchParams.get('qr');
      })()`,
      undefined,
      { timeout: 15_000 },
    );
    const qr = (await id.jsonValue()) as string;
    await sleep(2000 + Math.random() * 2000);
    await call('POST', `/qr/${qr}/scan`, undefined, token);
    await sleep(2000);
    const confirmedAt = Date.now();
    await call('POST', `/qr/${qr}/confirm`, undefined, token);
    const signedIn = await page.waitForFunction('window.__signedInAt', undefined, { timeout: 15_000 });
    const signedInAt = (await signedIn.jsonValue()) as number;
    const polls = requests.filter((r) => r.startsWith(`GET ${API}/qr/${qr}?`) || r === `GET ${API}/qr/${qr}`);
    return { latencyMs: signedInAt - confirmedAt, requests: requests.length, polls: polls.length };
  } finally {
    await context.close();
  }
}

const browser: Browser = await launchChromium();
try {
  const token = await phoneSession();
  const results: Record<'push' | 'poll', Run[]> = { push: [], poll: [] };
  for (let i = 0; i < RUNS; i++)
    for (const mode of ['poll', 'push'] as const) results[mode].push(await oneLogin(browser, mode, token));
  console.log(
    `App QR login, ${RUNS} runs each (scan after 2–4 s, confirm 2 s later), Chromium ${browser.version()}`,
  );
  console.log('mode   latency confirm → signed in (ms)      requests per login (of which polls)');
  console.log('       median     min     max                median   min   max');
  for (const mode of ['poll', 'push'] as const) {
    const runs = results[mode];
    const latency = runs.map((r) => r.latencyMs);
    const requests = runs.map((r) => r.requests);
    const polls = runs.map((r) => r.polls);
    console.log(
      `${mode.padEnd(6)} ${String(Math.round(median(latency))).padStart(6)} ${String(Math.min(...latency)).padStart(7)} ${String(Math.max(...latency)).padStart(7)}` +
        `                ${String(median(requests)).padStart(6)} ${String(Math.min(...requests)).padStart(5)} ${String(Math.max(...requests)).padStart(5)}` +
        `   (polls ${median(polls)})`,
    );
  }
} finally {
  await browser.close();
  server.close();
  await store.close();
}
