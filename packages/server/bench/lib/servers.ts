/**
 * The processes a benchmark drives: the real server through its CLI (a child process, as an
 * operator runs it, request log included) and a bare Hono hello-world for the baseline. Each gets
 * a free loopback port and its own temporary data directory; every child is stopped when the
 * bench ends, however it ends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

export const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(SERVER_DIR, 'src/cli.ts');
const HELLO = join(SERVER_DIR, 'bench/hello.ts');

export const HOST = '127.0.0.1';

const children = new Set<ChildProcess>();
const scratch = new Set<string>();

/** Kills what is still running and removes the temporary directories (also on a crash). */
export function cleanUp(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  scratch.clear();
}
process.on('exit', cleanUp);

/** A temporary directory that the bench removes at the end. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cloud-login-bench-${label}-`));
  scratch.add(dir);
  return dir;
}

/**
 * A port nobody listens on right now. Chosen here rather than `PORT=0` so the CLI's public URL
 * (used in QR payloads and links) names the real port.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times. */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU seconds (user + system, all threads) a process has used so far, from /proc; `NaN` where
 * there is no /proc. The cost per request it gives holds on a busy machine, where requests per
 * second do not.
 */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds of a process and its children so far: its own time, the time of the children it
 * has reaped, and the time of those still running. For PostgreSQL's postmaster that is the
 * whole database server — every connection's backend, the WAL writer, autovacuum — including
 * backends that ended meanwhile.
 */
export function treeCpuSecondsOf(pid: number): number {
  const times = (of: number) => {
    try {
      const stat = readFileSync(`/proc/${of}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0) / TICKS;
    } catch {
      return 0; // ended between the listing and the read: its parent has counted it
    }
  };
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return Number.NaN;
  }
  return children.reduce((sum, child) => sum + times(child), times(pid));
}

export interface Running {
  name: string;
  url: string;
  pid: number;
  /** CPU seconds the process has used so far. */
  cpu(): number;
  /** The child's stdout and stderr (the request log, for the server). */
  logFile: string;
  stop(): Promise<void>;
}

async function waitReady(
  child: ChildProcess,
  name: string,
  url: string,
  logFile: string,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < until) {
    if (exited) break;
    try {
      const answer = await fetch(url);
      await answer.arrayBuffer();
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(
    `${name} did not answer ${url} ${exited ? '(it exited)' : `within ${timeoutMs / 1000} s`}:\n${tail}`,
  );
}

async function start(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPath: string,
  nodeArgs: readonly string[] = [],
): Promise<Running> {
  const port = await freePort();
  const logDir = tempDir(`${name}-log`);
  const logFile = join(logDir, 'output.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=cloud-login-source', '--import', 'tsx', script],
    {
      cwd: SERVER_DIR,
      // Eight source addresses register far past the default 20 an hour each, and 16 accounts sign
      // in thousands of times while their first sessions are read: measure the server, not its limits.
      env: {
        REGISTER_PER_ADDRESS: '1000000',
        SIGN_INS_PER_ACCOUNT: '1000000',
        MAX_SESSIONS_PER_ACCOUNT: '1000000',
        ...process.env,
        ...env,
        PORT: String(port),
        HOST,
      },
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  children.add(child);
  const url = `http://${HOST}:${port}`;
  await waitReady(child, name, url + readyPath, logFile);
  return {
    name,
    url,
    pid: child.pid!,
    cpu: () => cpuSecondsOf(child.pid!),
    logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM'); // the CLI flushes its store and exits 0
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
      children.delete(child);
    },
  };
}

/**
 * The real server: `src/cli.ts` with dev mode off (no outbox, no simulated identity providers,
 * as in production), its request log going to a file. `nodeArgs` go to Node (`--cpu-prof`);
 * `env` adds settings (`DATABASE_URL` for the PostgreSQL bench).
 */
export async function startServer(
  dataDir: string,
  nodeArgs: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<Running> {
  const smtp = await mailSink();
  return start(
    'cloud-login server',
    CLI,
    { DATA_DIR: dataDir, DEV_MODE: '0', SMTP_URL: smtp, ...env },
    '/api/default/config',
    nodeArgs,
  );
}

let sink: Promise<string> | undefined;

/**
 * A loopback SMTP server that accepts and drops every message: outside dev mode an email
 * registration (`default` verifies its address) needs a sender, as it does in production.
 */
function mailSink(): Promise<string> {
  sink ??= new Promise((resolve, reject) => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.server.address() as AddressInfo;
      server.server.unref();
      resolve(`smtp://${HOST}:${port}`);
    });
  });
  return sink;
}

/**
 * The server as `npm start` runs it: dev mode, the repository's demo folder at `/` (minified,
 * compressed), the built bundle. For the page measurements (lib/layout.ts, lib/lighthouse.ts).
 */
export function startDemoServer(dataDir: string): Promise<Running> {
  return start(
    'cloud-login demo server',
    CLI,
    { DATA_DIR: dataDir, DEV_MODE: '1', DEMO_DIR: join(REPO_ROOT, 'demo') },
    '/api/default/config',
  );
}

/** The baseline: Hono's hello-world on @hono/node-server, started the same way. */
export function startHello(): Promise<Running> {
  return start('Hono hello-world', HELLO, {}, '/');
}
