#!/usr/bin/env node
/**
 * `cloud-login-server` (`npx @cloud-login/server`): the reference server on
 * http://127.0.0.1:8787, data in `./data/` (relative to where it is started), the CDN bundle of
 * the installed @cloud-login/elements at `/cloud-login.js`. Production mode unless `--dev`;
 * `npm start` in the repository runs it from the sources with `--dev --demo demo`.
 *
 * Options and their environment variables: cli-options.ts (`--help` lists them).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createAuthServer } from './app.ts';
import { devModeBanner, devModeRefusal } from './dev-guard.ts';
import { loadOrCreateSecret } from './store/secret.ts';
import { abuseOptionsFromEnv } from './cli-limits.ts';
import { challengeFromEnv } from './cli-challenge.ts';
import { applyHttpLimits, httpLimitsFromEnv, httpServerOptions } from './http-limits.ts';
import {
  DEFAULT_ENTRY_MAX_AGE,
  parseCliSettings,
  settingsEnv,
  usage,
  type CliSettings,
} from './cli-options.ts';
import type { StaticFiles } from './middleware/static.ts';
import { createLineWriter } from './middleware/log.ts';
import { createSmtpEmailSender } from './senders/smtp.ts';
import { migrateOnly, openCliStore, secretFromSetting, shownDatabaseUrl } from './cli-store.ts';
import { runImport } from './cli-import.ts';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

if (process.argv[2] === 'import') await runImport(process.argv.slice(3), process.env);

let settings: CliSettings;
try {
  settings = parseCliSettings(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`cloud-login: ${(error as Error).message} (--help lists the options)`);
  process.exit(1);
}
if (settings.help) {
  console.log(usage());
  process.exit(0);
}
const { values } = settings;
if (settings.migrateOnly) await migrateOnly(values['database-url']);

const port = Number(values.port ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`cloud-login: PORT must be a port number, not "${values.port}"`);
  process.exit(1);
}
const registerPerAddress =
  values['register-per-address'] === undefined ? undefined : Number(values['register-per-address']);
if (registerPerAddress !== undefined && !(Number.isInteger(registerPerAddress) && registerPerAddress >= 1)) {
  console.error(
    `cloud-login: REGISTER_PER_ADDRESS must be a whole number of registrations an hour (at least 1), not "${values['register-per-address']}"`,
  );
  process.exit(1);
}
const compressMin = values['compress-min'] === undefined ? undefined : Number(values['compress-min']);
if (compressMin !== undefined && !(Number.isInteger(compressMin) && compressMin >= 0)) {
  console.error(
    `cloud-login: COMPRESS_MIN must be a whole number of bytes (0 turns compression off), not "${values['compress-min']}"`,
  );
  process.exit(1);
}
const host = values.host ?? '127.0.0.1';
const dataDir = resolve(values['data-dir'] ?? 'data');
const devMode = settings.dev;
// The demo: a folder given, or in dev mode from the repository's sources, its demo/ folder.
const repoDemo = import.meta.url.endsWith('/src/cli.ts')
  ? fileURLToPath(new URL('../../../demo', import.meta.url))
  : undefined;
const demoDir = values.demo
  ? resolve(values.demo)
  : devMode && repoDemo && existsSync(repoDemo)
    ? repoDemo
    : undefined;
if (demoDir && !existsSync(demoDir)) {
  console.error(`cloud-login: the demo folder ${demoDir} does not exist`);
  process.exit(1);
}
const env = settingsEnv(settings);
const httpLimits = httpLimitsFromEnv(env);
if (typeof httpLimits === 'string') {
  console.error(httpLimits);
  process.exit(1);
}
const abuse = abuseOptionsFromEnv(env);
if (typeof abuse === 'string') {
  console.error(abuse);
  process.exit(1);
}
const challenge = challengeFromEnv(env, devMode);
if (typeof challenge === 'string') {
  console.error(challenge);
  process.exit(1);
}
const refusal = devMode ? devModeRefusal(host) : undefined;
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

const databaseUrl = values['database-url'];
const databasePool = values['database-pool'] === undefined ? undefined : Number(values['database-pool']);
if (databasePool !== undefined && !(Number.isInteger(databasePool) && databasePool >= 1)) {
  console.error(`cloud-login: DATABASE_POOL must be a whole number ≥ 1, not "${values['database-pool']}"`);
  process.exit(1);
}
const store = await openCliStore({ databaseUrl, dataDir, databasePool });
const smtp = values['smtp-url']
  ? createSmtpEmailSender(values['smtp-url'], values['smtp-from'] ?? 'cloud-login <no-reply@localhost>')
  : undefined;

// The request log, written in batches off the event loop (see createLineWriter); what is still
// queued when the process exits (a crash, the forced exit below) is written synchronously then.
const requestLines = createLineWriter({ fd: 1 });
process.on('exit', () => requestLines.flushSync());

// The bundle of the @cloud-login/elements this package depends on (in the repository, the
// workspace's, built by `npm run build:bundle`). Looked up per request, so a bundle built after
// start is served too. It loads its lazy chunks relative to itself: `/chunks/…`, whose names
// carry a hash of their content, so browsers keep them a year; the entry's name is fixed, so it
// is kept `ENTRY_MAX_AGE` seconds (none in dev mode, where the bundle is rebuilt while running).
const cdn = dirname(fileURLToPath(import.meta.resolve('@cloud-login/elements/cdn/cloud-login.js')));
const entryMaxAge = Number(values['entry-max-age'] ?? (devMode ? 0 : DEFAULT_ENTRY_MAX_AGE));
if (!Number.isInteger(entryMaxAge) || entryMaxAge < 0) {
  console.error(
    `cloud-login: ENTRY_MAX_AGE must be a whole number of seconds, not "${values['entry-max-age']}"`,
  );
  process.exit(1);
}
const entryCache = { maxAge: entryMaxAge };
const staticFiles: StaticFiles = {
  '/cloud-login.js': { path: resolve(cdn, 'cloud-login.js'), cache: entryCache },
  '/cloud-login.js.map': { path: resolve(cdn, 'cloud-login.js.map'), cache: entryCache },
  '/chunks': { path: resolve(cdn, 'chunks'), cache: 'immutable' },
  // The demo's own scripts and styles are written to be read: minified as they are served.
  ...(demoDir && { '/': { path: demoDir, minify: true } }),
};

// Ended at shutdown: an open QR status stream would hold `server.close()` for up to 2 minutes.
const qrStreams = new AbortController();
const app = createAuthServer({
  store,
  qrStream: { signal: qrStreams.signal },
  devMode,
  secret: values.secret ? secretFromSetting(values.secret) : await loadOrCreateSecret(dataDir),
  allowedOrigins: list(values['allowed-origins']),
  trustedProxies: list(values['trusted-proxies']),
  passkeys: {
    ...(values['passkey-rp-id'] && { rpId: values['passkey-rp-id'] }),
    ...(values['passkey-rp-name'] && { rpName: values['passkey-rp-name'] }),
  },
  // With PORT=0 the port is only known once bound; links then take the request's own origin.
  publicUrl: values['public-url'] ?? (port === 0 ? undefined : `http://${shownHost}:${port}`),
  ...(smtp && { senders: { email: smtp } }),
  staticFiles,
  ...(compressMin !== undefined && {
    compression: compressMin === 0 ? false : { threshold: compressMin },
  }),
  // Dev mode is one person on one address trying every flow of every preset: 20 an hour (the
  // library's default) would stop a newcomer halfway through the demo.
  ...abuse,
  limits: {
    ...abuse.limits,
    ...((registerPerAddress ?? (devMode ? 200 : undefined)) !== undefined && {
      registerPerAddress: { limit: registerPerAddress ?? 200, windowMs: 3600_000 },
    }),
  },
  logRequests: requestLines.write,
  ...(challenge && { challenge }),
});

const server = serve(
  { fetch: app.fetch, port, hostname: host, serverOptions: httpServerOptions(httpLimits) },
  (info) => {
    const url = `http://${shownHost}:${info.port}`;
    if (devMode) console.log(devModeBanner());
    const data = databaseUrl ? `PostgreSQL ${shownDatabaseUrl(databaseUrl)}` : dataDir;
    console.log(`cloud-login server${devMode ? ' (dev mode)' : ''} on ${url}  — data in ${data}`);
    console.log(
      `  ${demoDir ? `demo ${url}/   ` : ''}config ${url}/api/jdcloud/config   contract ${url}/openapi.json`,
    );
  },
);
applyHttpLimits(server, httpLimits);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    console.error('cloud-login: requests still running after 10 s; exiting anyway');
    process.exit(1);
  }, 10_000);
  force.unref();
  // The log's lines so far first, so this line comes after them.
  await requestLines.flush();
  console.log(`${signal}: shutting down`);
  // Stop taking connections and let requests in flight finish, then flush the store.
  const closed = new Promise<void>((done) => server.close(() => done()));
  qrStreams.abort();
  await closed;
  smtp?.close();
  await store.close();
  await requestLines.flush();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
