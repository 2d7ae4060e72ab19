/**
 * The CLI on PostgreSQL through a Unix socket, as libpq writes the URL, with its pool sized by
 * DATABASE_POOL: it serves, every connection it opens goes through the socket and their number
 * follows the setting; a bad pool size stops the start with one message.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import postgres from 'postgres';
import { socketUrl, testDatabase, testSocketDir } from './store/postgres/testing.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const node = ['--conditions=cloud-login-source', '--import', 'tsx', cli];

function start(
  env: Record<string, string>,
): Promise<{ stop: () => Promise<void>; base: string; output: string[] }> {
  const child = spawn(process.execPath, node, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEV_MODE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const stop = () =>
    new Promise<void>((done) => {
      child.removeAllListeners('exit');
      child.on('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output.join('')}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => output.push(String(chunk)));
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(String(chunk));
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        resolve({ stop, base: match[1]!, output });
      }
    });
    child.on('exit', (code) => reject(new Error(`CLI exited (${code}): ${output.join('')}`)));
  });
}

test('DATABASE_URL through a Unix socket, DATABASE_POOL connections: it serves, all over the socket', async (t) => {
  const dir = await testSocketDir();
  if (!dir) return t.skip('the test server came from DATABASE_URL');
  const tcp = new URL(await testDatabase());
  const name = tcp.pathname.slice(1);
  const url = socketUrl(tcp.toString(), dir);
  const server = await start({ DATABASE_URL: url, DATABASE_POOL: '2' });
  const admin = postgres(tcp.toString(), { max: 1, onnotice: () => {} });
  try {
    assert.ok(
      server.output.some((line) => line.includes(`postgres://${tcp.username}:***@/${name}`)),
      server.output.join(''),
    );
    assert.ok(!server.output.join('').includes(`:${tcp.password}@`), 'the password is never shown');
    const registered = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fetch(`${server.base}/api/default/accounts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: `socket-${i}@example.com`, password: 'plenty-long-pass' }),
        }),
      ),
    );
    assert.deepEqual(
      registered.map((answer) => answer.status),
      [201, 201, 201, 201, 201, 201],
      server.output.join('') + (await registered[0]!.text()),
    );
    const connections = await admin`select client_addr is null as local from pg_stat_activity
      where datname = ${name} and pid <> pg_backend_pid()`;
    assert.ok(connections.length >= 2, `${connections.length} connections`);
    // Two for queries, two for flow locks (at least two), one that LISTENs.
    assert.ok(connections.length <= 5, `${connections.length} connections`);
    assert.ok(
      connections.every((row) => row.local),
      'every connection goes through the socket',
    );
  } finally {
    await admin.end();
    await server.stop();
  }
});

test('a DATABASE_POOL that is not a whole number ≥ 1 stops the start with one message', () => {
  const refused = spawnSync(process.execPath, node, {
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: 'postgres://app:pw@127.0.0.1:1/cloud',
      DATABASE_POOL: '0',
    },
    encoding: 'utf8',
  });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /DATABASE_POOL must be a whole number ≥ 1, not "0"/);
});
