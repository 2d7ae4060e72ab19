/**
 * The PostgreSQL store when the database is away: at start the CLI says so and exits non-zero;
 * mid-run the requests that need it get `503 server_busy` with `Retry-After`, and once the
 * database is back the same process answers again, with nothing half-written.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createAuthServer } from '../app.ts';
import { createPostgresStore, type PostgresStore } from './postgres/index.ts';
import { freePort, startEmbeddedPostgres, type EmbeddedCluster } from './postgres/testing.ts';

/** The answers' JSON, as far as these tests read it. */
interface Body {
  error: { code: string };
  session: { token: string };
  messages: { code: string }[];
}

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

test('a database that is down at start: one clear message, exit 1', async () => {
  const port = await freePort(); // nothing listens there
  const child = spawn(process.execPath, ['--conditions=cloud-login-source', '--import', 'tsx', cli], {
    env: { ...process.env, DATABASE_URL: `postgres://app:hunter2@127.0.0.1:${port}/cloud`, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  assert.equal(code, 1);
  assert.match(stderr, /cannot open the PostgreSQL store at postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/cloud/);
  assert.match(stderr, /ECONNREFUSED/);
  assert.doesNotMatch(stderr, /hunter2/, 'the password is never shown');
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack');
});

let cluster: EmbeddedCluster;
let store: PostgresStore;
before(async () => {
  cluster = await startEmbeddedPostgres();
  store = await createPostgresStore({ url: cluster.adminUrl, sweepIntervalMs: 0 });
});
after(async () => {
  await store?.close().catch(() => {});
  await cluster?.stop();
});

test('the database down mid-run: 503 with Retry-After, then recovery without a restart', async () => {
  const app = createAuthServer({
    store,
    devMode: true,
    secret: 'test-secret-test-secret',
    logError: () => {},
  });
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await app.request(`http://localhost/api/jdcloud${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...(token && { Authorization: `Bearer ${token}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
  };
  const register = async (accountName: string, phone: string) => {
    assert.equal((await call('POST', '/codes', { phone, channel: 'sms', purpose: 'register' })).status, 202);
    const outbox = await call('GET', `/dev/outbox?to=${encodeURIComponent(phone)}`);
    const code = outbox.body.messages[0]!.code as string;
    return call('POST', '/accounts', { accountName, password: 'Secret-123', phone, code, agreements: true });
  };
  const registered = await register('before-outage', '+8613800000001');
  assert.equal(registered.status, 201);
  const token = registered.body.session.token as string;
  // A second registration's code is ready; the database goes away before the account is made.
  assert.equal(
    (await call('POST', '/codes', { phone: '+8613800000002', channel: 'sms', purpose: 'register' })).status,
    202,
  );
  const code = (await call('GET', '/dev/outbox?to=%2B8613800000002')).body.messages[0]!.code as string;

  await cluster.halt();
  const session = await call('GET', '/session', undefined, token);
  assert.equal(session.status, 503);
  assert.equal(session.body.error.code, 'server_busy');
  assert.ok(Number(session.headers.get('Retry-After')) >= 1);
  const during = await call('POST', '/accounts', {
    accountName: 'during-outage',
    password: 'Secret-123',
    phone: '+8613800000002',
    code,
    agreements: true,
  });
  assert.equal(during.status, 503);
  assert.equal(during.body.error.code, 'server_busy');

  await cluster.resume();
  assert.equal(
    (await call('GET', '/session', undefined, token)).status,
    200,
    'the same process answers again',
  );
  assert.equal(await store.accounts.count(), 1, 'nothing half-written: only the account made before');
  assert.equal(await store.accounts.findByName('jdcloud', 'during-outage'), undefined);
  const retried = await call('POST', '/accounts', {
    accountName: 'during-outage',
    password: 'Secret-123',
    phone: '+8613800000002',
    code,
    agreements: true,
  });
  assert.equal(retried.status, 201, 'the code was not spent by the failed attempt');
});
