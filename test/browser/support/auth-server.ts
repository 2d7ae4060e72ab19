/**
 * The reference server as the browser tests meet it: a child process (started by
 * `server-plugin.mjs`) running the real app — `createAuthServer` over a lowdb store in a
 * temporary directory, dev mode on (outbox, legacy accounts), a real socket on 127.0.0.1 — the
 * way `packages/server/src/cli.ts` wires it, bundle included.
 *
 * Two differences from the CLI, and why:
 * - every request of the suite comes from 127.0.0.1, and the per-address daily cap on codes (50,
 *   shared by all providers) would be reached by the suite itself, so the cap per address is
 *   raised here. The per-phone caps, cooldowns and attempt limits stay as the presets say.
 * - the app and the store read a clock the tests can move forward (`POST /__e2e/clock?advance=61`
 *   → `{offset}` in seconds), the seam `createAuthServer({now})` offers, so time-bound answers
 *   (code cooldown over, code expired, ticket expired) are reached without waiting. This route
 *   lives in this launcher only; the app never has it.
 *
 * Environment: DATA_DIR (required), ALLOWED_ORIGINS (comma-separated). Prints one line
 * `cloud-login-e2e ready http://127.0.0.1:PORT` once listening.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { PROVIDER_IDS } from '@cloud-login/core';
import { createAuthServer, createLowdbStore } from '@cloud-login/server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('auth-server: DATA_DIR is required');
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dist = resolve(repoRoot, 'packages/elements/dist');

let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const store = await createLowdbStore({ dir: dataDir, now: () => now().getTime() });
const providers = Object.fromEntries(PROVIDER_IDS.map((id) => [id, { code: { dailyPerAddress: 10_000 } }]));

const app = createAuthServer({
  store,
  devMode: true,
  now,
  providers,
  allowedOrigins,
  staticFiles: {
    '/cloud-login.js': resolve(dist, 'cloud-login.js'),
    '/cloud-login.js.map': resolve(dist, 'cloud-login.js.map'),
    '/chunks': resolve(dist, 'chunks'),
  },
  logError: (error) => console.error('auth-server error:', error),
});

function clock(request: Request): Response {
  const headers = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (request.method === 'POST') {
    const advance = Number(new URL(request.url).searchParams.get('advance'));
    if (!Number.isFinite(advance) || advance < 0) return new Response('{"error":"advance must be seconds >= 0"}', { status: 400, headers });
    offsetMs += advance * 1000;
  }
  return new Response(JSON.stringify({ offset: offsetMs / 1000, now: now().toISOString() }), { headers });
}

// `env` carries the socket (the client's address): pass it through untouched.
const fetch = (request: Request, env: unknown) =>
  new URL(request.url).pathname === '/__e2e/clock' ? clock(request) : app.fetch(request, env);

const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`cloud-login-e2e ready http://127.0.0.1:${info.port}`);
});

async function stop() {
  await new Promise<void>((done) => server.close(() => done()));
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// The runner may die without a signal: don't outlive it.
process.stdin.on('end', () => void stop());
process.stdin.resume();
