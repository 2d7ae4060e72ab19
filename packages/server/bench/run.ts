/**
 * `npm run bench`: the server benchmarks of issue 7 and the browser measurement, in one bounded
 * run (about two minutes; it stops itself after four) on loopback only.
 *
 * - password logins/s against this machine's raw argon2id verify rate, measured in the same run,
 *   divided by the verifies an email login costs (`SHARED_IDENTIFIER_WORK`, flows/login.ts)
 *   (goal ≥ 0.9: the server adds nothing but the hashes);
 * - `GET /session` and QR polls/s against a bare Hono hello-world (goal ≥ 0.5);
 * - registrations/s with 100,000 accounts in the store against an empty store (goal ≥ 0.8), plus
 *   what one group commit of the lowdb store (a journal append) and one compaction cost at each size;
 * - script load → interactive `<cloud-login>` in headless Chromium, per preset;
 * - the pages (lib/web.ts): layout shift of the demo and of a plain embed page, and Lighthouse's
 *   mobile performance and accessibility scores of the demo's page per preset.
 *
 * The server is the real CLI in a child process (dev mode off, request log to a file), driven by
 * autocannon from 8 loopback source addresses. Options: `--quick` (short runs, 10,000 accounts:
 * a smoke test of the bench itself), `--accounts N`, `--no-browser`, `--no-lighthouse` (about a
 * minute and a half per page on two cores), `--markdown` (the tables for the README), `--json FILE`,
 * `--store postgres` (the server rows on PostgreSQL instead: bench/postgres.ts; `--socket` connects
 * to it through its Unix socket).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PROVIDER_IDS } from '@cloud-login/core';
import { SHARED_IDENTIFIER_WORK } from '../src/flows/login.ts';
import { hashPassword } from '../src/passwords.ts';
import { argon2VerifyRate, type Argon2Result } from './lib/argon2.ts';
import type { BrowserResult } from './lib/browser.ts';
import { measureWeb, webLines, type WebResult } from './lib/web.ts';
import { load, loopbackSources, type LoadOptions, type LoadResult } from './lib/load.ts';
import { currentLoad, describeMachine, type Machine } from './lib/machine.ts';
import { markdownTable, textTable } from './lib/table.ts';
import { cleanUp, REPO_ROOT, startHello, startServer, tempDir, type Running } from './lib/servers.ts';
import { measureCommits, seedAccounts, type CommitResult, type SeedResult } from './lib/store.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    accounts: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    json: { type: 'string' },
    store: { type: 'string', default: 'lowdb' },
    // bench/postgres.ts's own.
    socket: { type: 'boolean', default: false },
  },
});

const QUICK = flags.quick;
/** Seconds per measurement: argon2-bound and write-bound runs need longer to settle. */
const SECONDS = {
  heavy: QUICK ? 2 : 8,
  light: QUICK ? 2 : 5,
  warmup: QUICK ? 0.5 : 1,
  readWarmup: QUICK ? 0.5 : 2,
  argon2: QUICK ? 2 : 5,
};
const ACCOUNTS = Number(flags.accounts ?? (QUICK ? 10_000 : 100_000));
const SOURCES = loopbackSources(8);
const CONNECTIONS = { login: 8, read: 32, register: 8 };
const BROWSER_RUNS = QUICK ? 2 : 5;
// Lighthouse takes about 90 s a page here.
const BUDGET_S = flags['no-browser'] ? 240 : flags['no-lighthouse'] ? 360 : 1200;
const PASSWORD = 'Bench-login-pass-7';

const AUTOCANNON = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;

const budget = setTimeout(() => {
  console.error(`\nbench: still running after ${BUDGET_S} s; stopping.`);
  cleanUp();
  process.exit(1);
}, BUDGET_S * 1000);
budget.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const step = (text: string) => process.stderr.write(`· ${text}\n`);

async function call(
  url: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<{ status: number; body: any }> {
  const answer = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
      ...(init.token && { Authorization: `Bearer ${init.token}` }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : undefined };
}

/** Registers a `default` account by email (the flow that needs no SMS code) and returns its session token. */
async function register(server: Running, email: string): Promise<string> {
  const { status, body } = await call(`${server.url}/api/default/accounts`, {
    body: { email, password: PASSWORD },
  });
  if (status !== 201)
    throw new Error(`bench: registering ${email} answered ${status} ${JSON.stringify(body)}`);
  return body.session.token as string;
}

let counter = 0;
const runId = Date.now().toString(36);
const rotate = <T>(items: readonly T[]) => items[counter++ % items.length]!;

interface Row {
  name: string;
  result?: LoadResult | Argon2Result;
  /** What the row is compared with, and the ratio's goal. */
  against?: { name: string; rate: number; cpuMs: number; goal: number };
  pending?: string;
}

function registrationLoad(server: Running): LoadOptions {
  return {
    url: `${server.url}/api/default/accounts`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    vary: () => ({
      body: JSON.stringify({ email: `r-${runId}-${counter++}@bench.invalid`, password: PASSWORD }),
    }),
    connections: CONNECTIONS.register,
    duration: SECONDS.heavy,
    warmup: SECONDS.warmup,
    sources: SOURCES,
    cpu: server.cpu,
  };
}

const notes: string[] = [];

function checked(name: string, result: LoadResult): LoadResult {
  if (result.ok === 0 && result.failed > 0)
    throw new Error(`bench: ${name}: no successful answer (${result.failed} failed)`);
  if (result.failed > 0)
    notes.push(`${name}: ${result.failed} answers were not 2xx or failed (counted out of the rate)`);
  // autocannon drops what is still in flight when the window closes: few answers, rough figures.
  if (result.ok < 20)
    notes.push(`${name}: only ${result.ok} answers completed in ${result.seconds} s; its figures are rough`);
  return result;
}

async function main() {
  const machine: Machine = await describeMachine();
  const began = performance.now();
  const rows: Row[] = [];
  step(
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAtStart.toFixed(2)}`,
  );

  // The bundle first, so its build does not run beside a measurement.
  let bundle: { ok: true } | { ok: false; reason: string } = { ok: false, reason: 'skipped (--no-browser)' };
  if (!flags['no-browser']) {
    step('building the CDN bundle (npm run build:bundle)');
    const build = spawnSync('npm', ['run', 'build:bundle', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
    bundle =
      build.status === 0
        ? { ok: true }
        : {
            ok: false,
            reason: `the bundle does not build yet: ${(build.stderr || build.stdout).trim().split('\n').find(Boolean) ?? `exit ${build.status}`}`,
          };
  }

  // 1. The ceilings, measured first on an idle machine.
  step(`raw argon2id verify rate (${SECONDS.argon2} s)`);
  const argon2 = await argon2VerifyRate(SECONDS.argon2);

  step(`Hono hello-world (${SECONDS.light} s)`);
  const hello = await startHello();
  const helloResult = checked(
    'hello-world',
    await load({
      url: `${hello.url}/`,
      connections: CONNECTIONS.read,
      duration: SECONDS.light,
      warmup: SECONDS.readWarmup,
      sources: SOURCES,
      cpu: hello.cpu,
    }),
  );
  await hello.stop();

  // 2. Sign-in, session and QR on one server with a few accounts.
  const server = await startServer(tempDir('main'));
  const emails = Array.from({ length: 16 }, (_, i) => `login-${i}-${runId}@bench.invalid`);
  const tokens = await Promise.all(emails.map((email) => register(server, email)));

  step(`password logins (${SECONDS.heavy} s, ${CONNECTIONS.login} connections)`);
  const logins = checked(
    'password login',
    await load({
      url: `${server.url}/api/default/sessions`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      vary: () => ({ body: JSON.stringify({ identifier: rotate(emails), password: PASSWORD }) }),
      connections: CONNECTIONS.login,
      duration: SECONDS.heavy,
      warmup: SECONDS.warmup,
      sources: SOURCES,
      cpu: server.cpu,
    }),
  );
  rows.push({
    name: 'password login `POST /sessions`',
    result: logins,
    // An email login on a first-owner preset costs this many verifies whatever the account.
    against: {
      name: `argon2id verify ÷ ${SHARED_IDENTIFIER_WORK}`,
      rate: argon2.rate / SHARED_IDENTIFIER_WORK,
      cpuMs: argon2.cpuMs * SHARED_IDENTIFIER_WORK,
      goal: 0.9,
    },
  });
  rows.push({ name: 'raw argon2id verify (same run)', result: argon2 });

  step(`GET /session (${SECONDS.light} s)`);
  const session = checked(
    'GET /session',
    await load({
      url: `${server.url}/api/default/session`,
      // As a browser asks: the answer is below the compression threshold, and must not pay for it.
      vary: () => ({
        headers: { Authorization: `Bearer ${rotate(tokens)}`, 'Accept-Encoding': 'gzip, deflate, br' },
      }),
      connections: CONNECTIONS.read,
      duration: SECONDS.light,
      warmup: SECONDS.readWarmup,
      sources: SOURCES,
      cpu: server.cpu,
    }),
  );
  const helloBase = { name: 'hello-world', rate: helloResult.rate, cpuMs: helloResult.cpuMs, goal: 0.5 };
  rows.push({ name: '`GET /session`', result: session, against: helloBase });

  const qrProbe = await call(`${server.url}/api/jdcloud/qr`, { method: 'POST' });
  if (qrProbe.status === 201) {
    step(`QR polling (${SECONDS.light} s)`);
    const tickets = [
      qrProbe.body,
      ...(await Promise.all(
        Array.from({ length: 7 }, () => call(`${server.url}/api/jdcloud/qr`, { method: 'POST' })),
      ).then((answers) => answers.map((a) => a.body))),
    ] as {
      id: string;
      secret: string;
    }[];
    const qr = checked(
      'QR poll',
      await load({
        url: `${server.url}/api/jdcloud/qr/${tickets[0]!.id}`,
        vary: () => {
          const ticket = rotate(tickets);
          return { path: `/api/jdcloud/qr/${ticket.id}`, headers: { 'X-QR-Secret': ticket.secret } };
        },
        connections: CONNECTIONS.read,
        duration: SECONDS.light,
        warmup: SECONDS.readWarmup,
        sources: SOURCES,
        cpu: server.cpu,
      }),
    );
    rows.push({ name: 'QR poll `GET /qr/{id}` (pending)', result: qr, against: helloBase });
  } else {
    rows.push({ name: 'QR poll `GET /qr/{id}`', pending: `POST /api/jdcloud/qr answered ${qrProbe.status}` });
  }
  rows.push({ name: 'Hono hello-world (same run)', result: helloResult });

  // 3. The browser, against the same server (idle now).
  let browser: BrowserResult | { pending: string };
  if (bundle.ok) {
    step(`browser: script load → interactive <cloud-login>, ${BROWSER_RUNS} cold runs per preset`);
    // Loaded here, so `--no-browser` runs without playwright-core.
    const { measureBrowser } = await import('./lib/browser.ts');
    browser = await measureBrowser(server.url, PROVIDER_IDS, BROWSER_RUNS).catch((error: Error) => ({
      pending: error.message,
    }));
  } else {
    browser = { pending: bundle.reason };
  }
  await server.stop();

  let web: WebResult | { pending: string } = { pending: bundle.ok ? 'skipped' : bundle.reason };
  if (bundle.ok) {
    step(`pages: layout shift${flags['no-lighthouse'] ? '' : ' and Lighthouse'} (demo server, dev mode)`);
    web = await measureWeb({ runs: QUICK ? 1 : 3, lighthouse: !flags['no-lighthouse'] }).catch(
      (error: Error) => ({ pending: error.message }),
    );
  }

  // 4. Registrations: an empty store, then one with ACCOUNTS accounts.
  step(`registrations, empty store (${SECONDS.heavy} s, ${CONNECTIONS.register} connections)`);
  const emptyServer = await startServer(tempDir('empty'));
  const regEmpty = checked('registration (0)', await load(registrationLoad(emptyServer)));
  await emptyServer.stop();

  const passwordHash = await hashPassword(PASSWORD);
  step(`seeding ${ACCOUNTS.toLocaleString('en')} accounts through the store API`);
  const seededDir = tempDir('seeded');
  const seed: SeedResult = await seedAccounts(seededDir, ACCOUNTS, passwordHash);
  step('one group commit: empty store vs seeded store');
  const commitEmpty: CommitResult = await measureCommits(tempDir('commit'), 6, passwordHash);
  const commitFull: CommitResult = await measureCommits(seededDir, 6, passwordHash);

  step(`registrations, ${ACCOUNTS.toLocaleString('en')} accounts (${SECONDS.heavy} s)`);
  const fullServer = await startServer(seededDir);
  const regFull = checked(`registration (${ACCOUNTS})`, await load(registrationLoad(fullServer)));
  await fullServer.stop();
  rows.push({ name: 'registration `POST /accounts`, empty store', result: regEmpty });
  rows.push({
    name: `registration, ${ACCOUNTS.toLocaleString('en')} accounts`,
    result: regFull,
    against: { name: 'empty store', rate: regEmpty.rate, cpuMs: regEmpty.cpuMs, goal: 0.8 },
  });

  const seconds = (performance.now() - began) / 1000;
  const report = {
    machine,
    loadAtEnd: currentLoad(),
    seconds,
    rows,
    argon2,
    seed,
    commitEmpty,
    commitFull,
    browser,
    web,
    quick: QUICK,
  };
  print(report);
  if (flags.markdown) printMarkdown(report);
  if (flags.json)
    writeFileSync(
      flags.json,
      JSON.stringify(report, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2),
    );
}

type Report = {
  machine: Machine;
  loadAtEnd: number;
  seconds: number;
  rows: Row[];
  argon2: Argon2Result;
  seed: SeedResult;
  commitEmpty: CommitResult;
  commitFull: CommitResult;
  browser: BrowserResult | { pending: string };
  web: WebResult | { pending: string };
  quick: boolean;
};

const fixed = (n: number, digits = 0) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/**
 * The machine had other work to do: per-second figures then depend on who else ran when (a
 * baseline and its row are measured seconds apart), so the verdict goes by CPU per operation.
 */
function wasBusy(report: Pick<Report, 'machine' | 'loadAtEnd'>): boolean {
  return Math.max(report.machine.loadAtStart, report.loadAtEnd) > report.machine.cores * 0.5;
}

function cells(row: Row, busy: boolean): string[] {
  if (row.pending) return [row.name, '—', '—', '—', '—', `pending: ${row.pending}`, '', '', ''];
  const r = row.result!;
  const num = (n: number) => (!Number.isFinite(n) ? '?' : fixed(n, n >= 100 ? 0 : n >= 10 ? 1 : 2));
  // Reads cost tens of microseconds: a third decimal keeps their CPU column readable.
  const cpu = Number.isFinite(r.cpuMs) && r.cpuMs < 1 ? fixed(r.cpuMs, 3) : num(r.cpuMs);
  const base = [row.name, num(r.rate), num(r.p50), num(r.p99), cpu];
  if (!row.against) return [...base, '', '', '', ''];
  const ratio = r.rate / row.against.rate;
  const cpuRatio = row.against.cpuMs / r.cpuMs;
  return [
    ...base,
    `${row.against.name} ${num(row.against.rate)}/s`,
    ratio.toFixed(2),
    Number.isFinite(cpuRatio) ? cpuRatio.toFixed(2) : '?',
    busy
      ? `≥ ${row.against.goal} ${cpuRatio >= row.against.goal ? 'met' : 'MISSED'} (by CPU: busy machine)`
      : `≥ ${row.against.goal} ${ratio >= row.against.goal ? 'met' : 'MISSED'}`,
  ];
}

const HEADER = [
  'measurement',
  'per s',
  'p50 ms',
  'p99 ms',
  'CPU ms/op',
  'against',
  'ratio',
  'CPU ratio',
  'goal',
];
/** Right-aligned (numeric) columns. */
const NUMERIC = new Set([1, 2, 3, 4, 6, 7]);

function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, libuv pool ${m.threadPool}, data on ${m.dataFs}`;
}

function browserLines(browser: Report['browser']): string[] {
  if ('pending' in browser) return [`browser: pending — ${browser.pending}`];
  return [
    `browser: script load → interactive <cloud-login>, Chromium ${browser.chromium}, headless, cold cache, median of ${browser.presets[0]?.runs ?? 0} runs`,
    ...browser.presets.map(
      (p) =>
        `  ${p.preset.padEnd(16)} ` +
        (p.runs > 0
          ? `${fixed(p.median)} ms  (min ${fixed(p.min)}, max ${fixed(p.max)}; bundle download ${fixed(p.download, 1)} ms; first control: ${p.control})`
          : '') +
        (p.error ? `${p.runs > 0 ? '; ' : ''}failed: ${p.error}` : ''),
    ),
  ];
}

function print(report: Report): void {
  const table = [HEADER, ...report.rows.map((r) => cells(r, wasBusy(report)))];
  const { machine, commitEmpty: e, commitFull: f, seed } = report;
  const out = [
    '',
    `cloud-login server benchmarks${report.quick ? ' (--quick: smoke test, not for the README)' : ''}`,
    `machine: ${machineLine(machine)}`,
    `load: autocannon ${AUTOCANNON} from ${SOURCES[0]}–${SOURCES.at(-1)} (${SOURCES.length} source addresses) to the CLI on 127.0.0.1, dev mode off; ` +
      `${SECONDS.heavy} s (logins, registrations) / ${SECONDS.light} s (reads) after ${SECONDS.warmup} s warm-up; ` +
      `connections: ${CONNECTIONS.login} login, ${CONNECTIONS.read} reads, ${CONNECTIONS.register} registrations`,
    `load average (1 min): ${machine.loadAtStart.toFixed(2)} at start, ${report.loadAtEnd.toFixed(2)} at end` +
      (wasBusy(report)
        ? '  ← busy with other work: per-second figures wobble, the verdicts go by CPU per operation'
        : ''),
    '',
    ...textTable(table, NUMERIC),
    "ratio: per s against the baseline (the goal as written); CPU ratio: the baseline's CPU per operation over this row's",
    '  (whole server process, all threads), which holds on a busy machine where per-second figures do not.',
    ...notes.map((note) => `note: ${note}`),
    '',
    `lowdb group commit (one createAccount awaited alone = one journal append + fdatasync), median of ${f.commits}:`,
    `  ${fixed(e.accounts)} accounts: ${fixed(e.commitMs, 1)} ms, snapshot ${mb(e.bytes)}, longest event-loop stall ${fixed(e.stallMs)} ms`,
    `  ${fixed(f.accounts)} accounts: ${fixed(f.commitMs, 1)} ms, snapshot ${mb(f.bytes)}, longest event-loop stall ${fixed(f.stallMs)} ms; ` +
      `writing + fsyncing ${mb(f.bytes)} without the store: ${fixed(f.rawWriteMs)} ms; opening the store: ${fixed(f.openMs)} ms`,
    `lowdb compaction (snapshot rewritten in the background once the journal passes half its size; forced here):`,
    ...[e, f].map(
      (c) =>
        `  ${fixed(c.accounts)} accounts: ${fixed(c.compaction.ms)} ms, longest event-loop stall ${fixed(c.compaction.stallMs)} ms ` +
        `(at most ${fixed(c.compaction.stallCpuMs)} ms of CPU between two turns); ` +
        `${c.compaction.commits} commits meanwhile, median ${fixed(c.compaction.commitMs, 1)} ms`,
    ),
    `  seeding ${fixed(seed.accounts)} accounts through createAccount (one group commit): ${seed.seconds.toFixed(1)} s`,
    '',
    ...browserLines(report.browser),
    '',
    ...webLines(report.web),
    '',
    `total ${report.seconds.toFixed(0)} s`,
  ];
  console.log(out.join('\n'));
}

function printMarkdown(report: Report): void {
  const out = [
    '',
    '<!-- npm run bench -- --markdown -->',
    `Machine: ${machineLine(report.machine)}; load average ${report.machine.loadAtStart.toFixed(2)} → ${report.loadAtEnd.toFixed(2)}; autocannon ${AUTOCANNON}.`,
    '',
    ...markdownTable([HEADER, ...report.rows.map((r) => cells(r, wasBusy(report)))], NUMERIC),
    ...(notes.length > 0 ? ['', ...notes.map((note) => `Note: ${note}.`)] : []),
    '',
    ...browserLines(report.browser).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)),
    '',
    ...webLines(report.web).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)),
  ];
  console.log(out.join('\n'));
}

try {
  // The PostgreSQL store's table (bench/postgres.ts) runs on its own.
  if (flags.store === 'postgres') await import('./postgres.ts');
  else await main();
} catch (error) {
  console.error(`\nbench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
