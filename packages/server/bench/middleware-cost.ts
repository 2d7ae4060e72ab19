/**
 * Where a `GET /session`'s CPU goes beyond a hello-world: the same JSON answer on bare Hono,
 * alone, with each alternative pattern for the server's `/api/*` stack (`hono/body-limit`,
 * headers set after `next()`, `hono/cors`), and with the middleware it runs (`src/middleware/`), each
 * variant a server process of its own driven by autocannon (32 connections, 4 s after 1 s
 * warm-up). Prints answers per second and CPU microseconds per answer (from /proc, so it holds
 * on a busy machine).
 *
 * Opt-in, not part of `npm run bench` (about a minute):
 *   node --conditions=cloud-login-source --import tsx bench/middleware-cost.ts          # from packages/server
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv } from '../src/context.ts';
import { clientAddress } from '../src/middleware/address.ts';
import { limitBody } from '../src/middleware/body-limit.ts';
import { corsAllowlist } from '../src/middleware/cors.ts';
import { apiHeaders } from '../src/middleware/headers.ts';
import { createLineWriter, requestLog } from '../src/middleware/log.ts';
import { load, loopbackSources } from './lib/load.ts';
import { cleanUp, cpuSecondsOf, freePort, HOST } from './lib/servers.ts';

/** What `GET /session` answers, field for field. */
const BODY = {
  account: {
    id: 'cb6ed2f6-3a35-45c0-b4e7-dcf15e76fb46',
    provider: 'default',
    email: 'a@bench.invalid',
    emailVerified: false,
    loginIdentifiers: ['email'],
    connections: [],
    hasPassword: true,
    kind: 'main',
    legacy: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
};

/** The headers `GET /session` answers with (no `Origin`), as one plain object. */
const PLAIN_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  Vary: 'Origin',
  'Content-Type': 'application/json',
};

const headerAfterNext =
  () => async (c: { header: (n: string, v: string) => void }, next: () => Promise<void>) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  };

const VARIANTS: Record<string, () => Pick<Hono, 'fetch'>> = {
  'c.text (hello-world)': () => new Hono().get('/x', (c) => c.text('Hello Hono!')),
  'c.json': () => new Hono().get('/x', (c) => c.json(BODY)),
  'c.json + bodyLimit': () =>
    new Hono().use(bodyLimit({ maxSize: 64 * 1024 })).get('/x', (c) => c.json(BODY)),
  'c.json + header after next()': () => new Hono().use(headerAfterNext()).get('/x', (c) => c.json(BODY)),
  'c.json + header before next()': () =>
    new Hono()
      .use(async (c, next) => {
        c.header('X-Content-Type-Options', 'nosniff');
        await next();
      })
      .get('/x', (c) => c.json(BODY)),
  'c.json + hono/cors (origin function)': () =>
    new Hono()
      .use(
        cors({
          origin: (origin) => (origin === 'https://console.example' ? origin : null),
          credentials: true,
        }),
      )
      .get('/x', (c) => c.json(BODY)),
  'c.json + all three': () =>
    new Hono()
      .use(
        cors({
          origin: (origin) => (origin === 'https://console.example' ? origin : null),
          credentials: true,
        }),
      )
      .use(headerAfterNext())
      .use(bodyLimit({ maxSize: 64 * 1024 }))
      .get('/x', (c) => c.json(BODY)),
  // What the server runs in front of every API route (src/app.ts), request log included.
  "c.json + the server's own stack": () => {
    const log = createLineWriter({ fd: 1 });
    return new Hono<AppEnv>()
      .use(requestLog({ write: log.write }))
      .use(clientAddress())
      .use(apiHeaders())
      .use(corsAllowlist({ origins: { allowed: new Set(['https://console.example']) } }))
      .use(limitBody({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'too large' }, 400) }))
      .get('/x', (c) => c.json(BODY));
  },
  // The same stack's request log and client address, but the four API headers as a plain object
  // on a `new Response` (no `c.header`, no `c.json`): @hono/node-server then writes them without
  // any undici `Headers`. What the server's headers would cost if its routes answered this way.
  'the same, headers as a plain object': () => {
    const log = createLineWriter({ fd: 1 });
    return new Hono<AppEnv>()
      .use(requestLog({ write: log.write }))
      .use(clientAddress())
      .get('/x', () => new Response(JSON.stringify(BODY), { status: 200, headers: PLAIN_HEADERS }));
  },
};

const variant = process.env.VARIANT;
if (variant) {
  serve({ fetch: VARIANTS[variant]!().fetch, port: Number(process.env.PORT), hostname: HOST });
} else {
  try {
    console.log('variant                                     per s   CPU µs/answer');
    for (const name of Object.keys(VARIANTS)) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        ['--conditions=cloud-login-source', '--import', 'tsx', fileURLToPath(import.meta.url)],
        {
          env: { ...process.env, VARIANT: name, PORT: String(port) },
          stdio: 'ignore', // the last variant's request log goes to /dev/null
        },
      );
      const url = `http://${HOST}:${port}/x`;
      let result;
      try {
        for (
          let i = 0;
          i < 100 &&
          !(await fetch(url).then(
            (r) => r.ok,
            () => false,
          ));
          i++
        )
          await new Promise((r) => setTimeout(r, 100));
        result = await load({
          url,
          connections: 32,
          duration: 4,
          warmup: 1,
          sources: loopbackSources(8),
          cpu: () => cpuSecondsOf(child.pid!),
        });
      } finally {
        child.kill('SIGTERM');
      }
      console.log(
        `${name.padEnd(40)} ${Math.round(result.rate).toLocaleString('en').padStart(8)}   ${Math.round(
          result.cpuMs * 1000,
        )
          .toString()
          .padStart(6)}`,
      );
    }
  } finally {
    cleanUp();
  }
}
