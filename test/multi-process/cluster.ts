/**
 * Test support for the multi-process suite: server processes (the CLI from the sources, dev mode
 * for the outbox) on one PostgreSQL database, and a small HTTP client that spreads requests over
 * them. Every request carries its own client address (X-Forwarded-For from a trusted loopback
 * proxy), so per-address limits do not mix into what a test measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../packages/server/src/store/postgres/testing.ts';

const cli = fileURLToPath(new URL('../../packages/server/src/cli.ts', import.meta.url));

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

let nextAddress = 1;
/** A new client address per request: 10.x.y.z. */
export const address = () => {
  const n = nextAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** Starts a server on `databaseUrl`; resolves once it listens. */
export async function startServer(
  name: string,
  databaseUrl: string,
  dataDir: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=cloud-login-source', '--import', 'tsx', cli, '--dev'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PORT: String(port),
        TRUSTED_PROXIES: '127.0.0.1',
        REGISTER_PER_ADDRESS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let output = '';
  await new Promise<void>((ready, failed) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('cloud-login server')) ready();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then(() => failed(new Error(`server ${name} exited: ${output}`)));
  });
  return { name, url: `http://127.0.0.1:${port}`, child, exited };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A JSON request to one server, from a fresh client address unless one is given. */
export async function call(
  server: ServerProcess,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Forwarded-For': options.from ?? address(),
    ...options.headers,
  };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** A temporary data directory the processes share (the secret file) and that goes afterwards. */
export async function sharedDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cloud-login-multi-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A JD Cloud phone number, distinct per `n`. */
export const phone = (n: number) => `+8613${String(700_000_000 + n).padStart(9, '0')}`;
