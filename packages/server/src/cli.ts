#!/usr/bin/env node
/**
 * `npm start`: the reference server in dev mode on http://127.0.0.1:8787, data in `./data/`
 * (relative to where it is started), the CDN bundle at `/cloud-login.js` and the demo at `/`.
 *
 * Environment: PORT, HOST, DATA_DIR, ALLOWED_ORIGINS (comma-separated origins), PUBLIC_URL (base
 * of links in emails), SMTP_URL (+ SMTP_FROM) to send email over SMTP instead of the outbox,
 * TRUSTED_PROXIES (comma-separated addresses/CIDR ranges), DEV_MODE=0 to turn dev mode off.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createAuthServer } from './app.ts';
import { devModeBanner, devModeRefusal } from './dev-guard.ts';
import { loadOrCreateSecret } from './store/secret.ts';
import { abuseOptionsFromEnv } from './cli-limits.ts';
import { applyHttpLimits, httpLimitsFromEnv, httpServerOptions } from './http-limits.ts';
import { createLineWriter } from './middleware/log.ts';
import { createSmtpEmailSender } from './senders/smtp.ts';
import { createLowdbStore, StoreFileError } from './store/lowdb.ts';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`cloud-login: PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(1);
}
const registerPerAddress = process.env.REGISTER_PER_ADDRESS === undefined ? undefined : Number(process.env.REGISTER_PER_ADDRESS);
if (registerPerAddress !== undefined && !(Number.isInteger(registerPerAddress) && registerPerAddress >= 1)) {
  console.error(`cloud-login: REGISTER_PER_ADDRESS must be a whole number of registrations an hour (at least 1), not "${process.env.REGISTER_PER_ADDRESS}"`);
  process.exit(1);
}
const httpLimits = httpLimitsFromEnv(process.env);
if (typeof httpLimits === 'string') {
  console.error(httpLimits);
  process.exit(1);
}
const abuse = abuseOptionsFromEnv(process.env);
if (typeof abuse === 'string') {
  console.error(abuse);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const devMode = process.env.DEV_MODE !== '0';
const refusal = devMode ? devModeRefusal(host) : undefined;
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

// A data file that is in use, corrupt or unreadable is the operator's to sort out: say what and
// where in one message (it names the file, the owner's pid or the previous good copy), no stack.
const store = await createLowdbStore({ dir: dataDir }).catch((error: unknown) => {
  if (!(error instanceof StoreFileError)) throw error;
  console.error(error.message);
  process.exit(1);
});
const smtp = process.env.SMTP_URL
  ? createSmtpEmailSender(process.env.SMTP_URL, process.env.SMTP_FROM ?? 'cloud-login <no-reply@localhost>')
  : undefined;

// The request log, written in batches off the event loop (see createLineWriter); what is still
// queued when the process exits (a crash, the forced exit below) is written synchronously then.
const requestLines = createLineWriter({ fd: 1 });
process.on('exit', () => requestLines.flushSync());

const dist = resolve(repoRoot, 'packages/elements/dist');
const staticFiles: Record<string, string> = {
  // Looked up per request, so a bundle built after start is served too. The bundle loads its
  // lazy chunks (phone handling, metadata) relative to itself: `/chunks/…`.
  '/cloud-login.js': resolve(dist, 'cloud-login.js'),
  '/cloud-login.js.map': resolve(dist, 'cloud-login.js.map'),
  '/chunks': resolve(dist, 'chunks'),
};
const demoDir = resolve(repoRoot, 'demo');
if (existsSync(demoDir)) staticFiles['/'] = demoDir;

const app = createAuthServer({
  store,
  devMode,
  secret: await loadOrCreateSecret(dataDir),
  allowedOrigins: list(process.env.ALLOWED_ORIGINS),
  trustedProxies: list(process.env.TRUSTED_PROXIES),
  // With PORT=0 the port is only known once bound; links then take the request's own origin.
  publicUrl: process.env.PUBLIC_URL ?? (port === 0 ? undefined : `http://${shownHost}:${port}`),
  ...(smtp && { senders: { email: smtp } }),
  staticFiles,
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
});

const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions: httpServerOptions(httpLimits) }, (info) => {
  const url = `http://${shownHost}:${info.port}`;
  if (devMode) console.log(devModeBanner());
  console.log(`cloud-login server${devMode ? ' (dev mode)' : ''} on ${url}  — data in ${dataDir}`);
  console.log(`  demo ${url}/   config ${url}/api/jdcloud/config   contract ${url}/openapi.json`);
});
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
  await new Promise<void>((done) => server.close(() => done()));
  smtp?.close();
  await store.close();
  await requestLines.flush();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
