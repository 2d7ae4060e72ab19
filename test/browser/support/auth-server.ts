/**
 * The reference server as the browser tests meet it: a child process (started by
 * `server-plugin.mjs`) running the real app — `createAuthServer` over lowdb stores in a
 * temporary directory, dev mode on (outbox, legacy accounts), a real socket on 127.0.0.1 — wired
 * the way `packages/server/src/cli.ts` wires it, bundle included (`/cloud-login.js`, `/chunks/`).
 *
 * What differs from the CLI, and why:
 * - Lanes. Test files run in parallel pages and some move the server's clock, so each page gets
 *   its own app instance, store and clock under `/lanes/{lane}/api/{provider}/…` (created on
 *   first use; `/api/…` is the lane "main"). The lane prefix is taken off before the app sees
 *   the request, and the lane's `publicUrl` carries it, so links in emails come back to it.
 * - A clock the tests move forward: `POST /__e2e/clock?lane=…&advance=61` → `{offset, now}`,
 *   through the `now` seam `createAuthServer` and the store offer, so time-bound answers (code
 *   cooldown over, code expired, ticket expired) are reached without waiting. This route exists
 *   in this launcher only; the app never has it.
 * - A switch for the QR status stream (`GET …/qr/{id}/events`), as a reverse proxy in front
 *   might break it: `POST /__e2e/streams?lane=…&mode=buffer` holds each stream's answer back
 *   until it ends (a proxy that buffers whole responses), `mode=refuse` answers 502 instead,
 *   `mode=pass` (the default) lets it through.
 * - QR status streams send a heartbeat every second (not 15 s): each heartbeat also looks at the
 *   clock, and the tests move it past a QR's expiry.
 * - Every request comes from 127.0.0.1, so the per-address daily caps on codes (50, shared by all
 *   providers; 3 per phone) and the per-address registration window (20 an hour, shared by all providers;
 *   one test file's lane comes close to it) are raised; per-phone caps, cooldowns and attempt
 *   limits stay as the presets and the server's defaults say.
 *
 * Environment: DATA_DIR (required), ALLOWED_ORIGINS (comma-separated), BUNDLE_DIR (the built
 * bundle, default packages/elements/cdn). Prints one line `cloud-login-e2e ready
 * http://127.0.0.1:PORT` once listening.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { PROVIDER_IDS } from '@cloud-login/core';
import { createAuthServer, createDevChallenge, createLowdbStore, type Store } from '@cloud-login/server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('auth-server: DATA_DIR is required');
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// The plugin's copy of packages/elements/cdn, taken at start (see server-plugin.mjs).
const dist = process.env.BUNDLE_DIR ?? resolve(repoRoot, 'packages/elements/cdn');
const providers = Object.fromEntries(
  PROVIDER_IDS.map((id) => [id, { code: { dailyPerAddress: 10_000, dailyPerPhonePerAddress: 10 } }]),
);
/**
 * Lanes for the throttles' element tests (`throttles.test.ts`): in an `attack-…` lane 3 failed
 * passwords put an account under attack and the one address may fail often, so this page meets
 * the code step; a `challenge-…` lane asks for dev mode's slider from the first code on.
 */
const special = (name: string) =>
  name.startsWith('attack-')
    ? {
        limits: {
          registerPerAddress: { limit: 10_000, windowMs: 3600_000 },
          loginPerAccount: { limit: 3, windowMs: 15 * 60_000 },
          loginPerAccountAddress: { limit: 1000, windowMs: 15 * 60_000 },
        },
      }
    : name.startsWith('challenge-')
      ? { challenge: createDevChallenge({ after: { phone: 0 } }) }
      : {};
/**
 * Lanes for the elements following the server (`follow-server.test.ts`): a `narrow-…` lane's
 * QingCloud offers password and sub-account login only (no SMS, no WeChat); a `closed-…`
 * lane allows no other origin, so the test page's requests are refused by CORS.
 */
const narrowed = {
  ...providers,
  qingcloud: {
    ...providers.qingcloud,
    methods: { login: ['password', 'subaccount'] as ('password' | 'subaccount')[] },
  },
};

interface Lane {
  app: ReturnType<typeof createAuthServer>;
  store: Store;
  offsetMs: number;
  streams: 'pass' | 'buffer' | 'refuse';
}

let origin = '';
const lanes = new Map<string, Promise<Lane>>();

function lane(name: string): Promise<Lane> {
  let created = lanes.get(name);
  if (!created) {
    created = (async () => {
      const state = { offsetMs: 0, streams: 'pass' } as Lane;
      const now = () => new Date(Date.now() + state.offsetMs);
      state.store = await createLowdbStore({
        dir: join(dataDir!, 'lanes', name),
        now: () => now().getTime(),
      });
      state.app = createAuthServer({
        store: state.store,
        devMode: true,
        // A stable secret, as the CLI keeps one: two-step verification is offered only with it.
        secret: 'cloud-login-e2e-secret-0123456789',
        now,
        providers: name.startsWith('narrow-') ? narrowed : providers,
        limits: { registerPerAddress: { limit: 10_000, windowMs: 3600_000 } },
        allowedOrigins: name.startsWith('closed-') ? [] : allowedOrigins,
        ...special(name),
        publicUrl: name === 'main' ? origin : `${origin}/lanes/${name}`,
        staticFiles: {
          '/cloud-login.js': resolve(dist, 'cloud-login.js'),
          '/cloud-login.js.map': resolve(dist, 'cloud-login.js.map'),
          '/chunks': resolve(dist, 'chunks'),
        },
        logError: (error) => console.error(`auth-server error (lane ${name}):`, error),
        // The tests jump the clock past a QR's expiry; a stream notices at its next heartbeat.
        qrStream: { heartbeatMs: 1000 },
      });
      return state;
    })();
    lanes.set(name, created);
  }
  return created;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
    },
  });

async function clock(request: Request, url: URL): Promise<Response> {
  const name = url.searchParams.get('lane') ?? 'main';
  if (!/^[\w-]{1,40}$/.test(name)) return json({ error: 'bad lane' }, 400);
  const state = await lane(name);
  if (request.method === 'POST') {
    const advance = Number(url.searchParams.get('advance'));
    if (!Number.isFinite(advance) || advance < 0) return json({ error: 'advance must be seconds >= 0' }, 400);
    state.offsetMs += advance * 1000;
  }
  return json({ offset: state.offsetMs / 1000, now: new Date(Date.now() + state.offsetMs).toISOString() });
}

async function streams(url: URL): Promise<Response> {
  const name = url.searchParams.get('lane') ?? 'main';
  const mode = url.searchParams.get('mode');
  if (!/^[\w-]{1,40}$/.test(name)) return json({ error: 'bad lane' }, 400);
  if (mode !== 'pass' && mode !== 'buffer' && mode !== 'refuse')
    return json({ error: 'mode must be pass, buffer or refuse' }, 400);
  (await lane(name)).streams = mode;
  return json({ mode });
}

const LANE_PATH = /^\/lanes\/([\w-]{1,40})(\/.*)$/;
const QR_EVENTS = /\/qr\/[^/]+\/events$/;

/** The lane's app, with its QR status streams passed, held back or refused (see above). */
async function laneFetch(state: Lane, request: Request, env: unknown): Promise<Response> {
  if (state.streams === 'pass' || !QR_EVENTS.test(new URL(request.url).pathname))
    return state.app.fetch(request, env);
  if (state.streams === 'refuse') return new Response('Bad Gateway', { status: 502 });
  const answer = await state.app.fetch(request, env);
  const headers = new Headers(answer.headers);
  headers.delete('Transfer-Encoding');
  headers.delete('Connection');
  return new Response(await answer.arrayBuffer(), { status: answer.status, headers });
}

// `env` carries the socket (the client's address): passed through untouched.
async function route(request: Request, env: unknown): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/__e2e/clock') return clock(request, url);
  if (url.pathname === '/__e2e/streams' && request.method === 'POST') return streams(url);
  const match = LANE_PATH.exec(url.pathname);
  if (!match) return laneFetch(await lane('main'), request, env);
  const inner = new URL(match[2]! + url.search, url.origin);
  const body =
    request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  const rewritten = new Request(inner, {
    method: request.method,
    headers: request.headers,
    body,
    redirect: 'manual',
  });
  return laneFetch(await lane(match[1]!), rewritten, env);
}

const server = serve({ fetch: route, port: 0, hostname: '127.0.0.1' }, (info) => {
  origin = `http://127.0.0.1:${info.port}`;
  console.log(`cloud-login-e2e ready ${origin}`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await new Promise<void>((done) => server.close(() => done()));
  for (const created of lanes.values()) await (await created).store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// The runner may die without a signal: don't outlive it.
process.stdin.on('end', () => void stop());
process.stdin.resume();
