/**
 * The real server for the cross-cutting suites (security, durability, fuzz), two ways:
 *
 * - `startCli()` — the CLI `npm start` runs, as its own process with a temporary `DATA_DIR` on a
 *   free port (`PORT=0`): env parsing, the lock file, fsync and signals are the real ones, and
 *   the process can be SIGKILLed.
 * - `startApp()` — `createAuthServer` on a lowdb store in a temporary directory, in this
 *   process but behind a real socket, with a clock the test moves (limits measured in minutes
 *   and days), and every unexpected error the app logged kept in `errors`.
 *
 * Both are driven with `client(base)`, a fetch wrapper that never throws on a status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createAuthServer, createLowdbStore, type AuthServerOptions, type Store } from '@cloud-login/server';
import type { ProviderId } from '@cloud-login/core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cliPath = join(root, 'packages/server/src/cli.ts');
const tsxPath = fileURLToPath(import.meta.resolve('tsx'));

export const TEST_SECRET = 'security-suite-secret-0123456789';

// ---- HTTP -----------------------------------------------------------------------------------

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` when the body is not JSON. */
  body: T;
  text: string;
  /** Wall time of the call, ms. */
  ms: number;
}

export interface CallOptions {
  /** Sent as JSON (with `Content-Type: application/json` unless `headers` say otherwise). */
  body?: unknown;
  /** Sent as-is. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** `Authorization: Bearer …` */
  token?: string;
  /** `Cookie: …` */
  cookie?: string;
  /** `X-Forwarded-For: …` */
  forwardedFor?: string;
}

export interface Client {
  base: string;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Answer<T>>;
  get<T = any>(path: string, options?: CallOptions): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, options?: Omit<CallOptions, 'body'>): Promise<Answer<T>>;
  /** The newest code sent to `phone` (dev outbox). */
  code(provider: ProviderId, phone: string): Promise<string>;
  /** The newest message sent to `to` (dev outbox). */
  message(provider: ProviderId, to: string): Promise<{ code?: string; link?: string; channel: string }>;
}

export function client(base: string): Client {
  const api: Client = {
    base,
    async call(method, path, { body, raw, headers = {}, token, cookie, forwardedFor } = {}) {
      const h: Record<string, string> = { Accept: 'application/json', ...headers };
      if (token) h.Authorization = `Bearer ${token}`;
      if (cookie) h.Cookie = cookie;
      if (forwardedFor) h['X-Forwarded-For'] = forwardedFor;
      const init: RequestInit = { method, headers: h, redirect: 'manual' };
      if (body !== undefined) {
        if (!Object.keys(h).some((name) => name.toLowerCase() === 'content-type'))
          h['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      } else if (raw !== undefined) {
        init.body = raw as BodyInit;
      }
      const start = performance.now();
      const response = await fetch(`${base}${path}`, init);
      const text = await response.text();
      const ms = performance.now() - start;
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed as any, text, ms };
    },
    get: (path, options) => api.call('GET', path, options),
    post: (path, body, options) => api.call('POST', path, { ...options, body }),
    async message(provider, to) {
      const answer = await api.get(`/api/${provider}/dev/outbox?to=${encodeURIComponent(to)}`);
      const message = answer.body?.messages?.[0];
      if (answer.status !== 200 || !message)
        throw new Error(`outbox for ${to}: ${answer.status} ${answer.text}`);
      return message;
    },
    async code(provider, phone) {
      const { code } = await api.message(provider, phone);
      if (!code) throw new Error(`no code in the outbox for ${phone}`);
      return code;
    },
  };
  return api;
}

/** `name=value` of a session cookie from a `Set-Cookie` answer. */
export function cookieOf(answer: Answer): string {
  const header = answer.headers.get('set-cookie');
  if (!header) throw new Error(`no Set-Cookie (${answer.status} ${answer.text})`);
  return header.split(';')[0]!;
}

// ---- the CLI process ------------------------------------------------------------------------

export interface CliServer {
  base: string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM (clean shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no cleanup, no lock release — a crash as far as the process can tell. */
  kill(): Promise<void>;
}

export type CliLaunch =
  { listening: true; server: CliServer } | { listening: false; code: number | null; output: string };

/**
 * Starts `packages/server/src/cli.ts` and resolves when it listens, or when it exits on its
 * own (a refused start).
 */
export function launchCli({
  dataDir,
  env = {},
  timeoutMs = 30_000,
}: {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<CliLaunch> {
  const child = spawn(process.execPath, ['--conditions=cloud-login-source', '--import', tsxPath, cliPath], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEV_MODE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI neither listened nor exited within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const server = (base: string): CliServer => ({
      base,
      pid: child.pid!,
      dataDir,
      child,
      output: () => output,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return (await exited).code;
      },
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    });
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ listening: true, server: server(match[1]!) });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      // Resolves only if it never listened; a later exit is the caller's business.
      resolve({ listening: false, code, output });
    });
  });
}

export async function startCli(options: {
  dataDir: string;
  env?: Record<string, string>;
}): Promise<CliServer> {
  const launch = await launchCli(options);
  if (!launch.listening)
    throw new Error(`the CLI exited (${launch.code}) instead of listening:\n${launch.output}`);
  return launch.server;
}

export async function tempDir(prefix = 'cl-suite-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

// ---- the app in this process, on a real socket ---------------------------------------------

export interface Clock {
  now(): Date;
  /** Moves time forward by `seconds`. */
  advance(seconds: number): void;
}

export interface AppServer {
  base: string;
  api: Client;
  store: Store;
  clock: Clock;
  dir: string;
  /** Unexpected errors the app logged (each one was a 500 for somebody). */
  errors: unknown[];
  close(): Promise<void>;
}

/** 10:00 UTC: a day's caps can be exhausted in simulated minutes without crossing midnight. */
export const MORNING = Date.UTC(2030, 0, 15, 10, 0, 0);

export async function startApp(
  options: Partial<AuthServerOptions> & { startAt?: number } = {},
): Promise<AppServer> {
  const { startAt = MORNING, ...appOptions } = options;
  const dir = await mkdtemp(join(tmpdir(), 'cl-suite-app-'));
  let time = startAt;
  const clock: Clock = {
    now: () => new Date(time),
    advance: (seconds) => {
      time += seconds * 1000;
    },
  };
  const store = await createLowdbStore({ dir, now: () => time });
  const errors: unknown[] = [];
  const app = createAuthServer({
    devMode: true,
    secret: TEST_SECRET,
    now: clock.now,
    logError: (error) => errors.push(error),
    ...appOptions,
    store,
  });
  const { server, base } = await new Promise<{ server: ServerType; base: string }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, base: `http://127.0.0.1:${info.port}` }),
    );
  });
  return {
    base,
    api: client(base),
    store,
    clock,
    dir,
    errors,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---- data -----------------------------------------------------------------------------------

/** A valid mainland mobile number, distinct per `n` (< 10^8). */
export function phone(n: number): string {
  return `+86138${String(n).padStart(8, '0')}`;
}

/** A made-up client address, distinct per `n` (from TEST-NET-3 and beyond; never routed). */
export function address(n: number): string {
  return `203.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Counts of each status in a batch of answers: `{201: 1, 409: 7}`. */
export function tally(answers: readonly Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const answer of answers) {
    const key =
      answer.status >= 400 ? `${answer.status} ${answer.body?.error?.code ?? '?'}` : String(answer.status);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/**
 * A figure for the run's output: the suites "print their figures" (requests fuzzed, kills
 * survived, races run, guesses before throttling). Printed inline, above the test's result.
 */
export function figure(text: string): void {
  console.log(`[figure] ${text}`);
}
