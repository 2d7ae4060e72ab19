/** `cloud-login-server import --from DIR`: a lowdb data folder copied into PostgreSQL, once. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { hashSecret } from './crypto.ts';
import { account, code, iso, noLimits, qr, T0 } from './store/conformance.ts';
import { keptRecordsOf } from './store/kept.ts';
import { createLowdbStore } from './store/lowdb.ts';
import { tempDir } from './store/lowdb.testing.ts';
import { createPostgresStore } from './store/postgres/index.ts';
import { testDatabase } from './store/postgres/testing.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--conditions=cloud-login-source', '--import', 'tsx', cli, ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise<{ code: number | null; output: string }>((done) =>
    child.on('exit', (exitCode) => done({ code: exitCode, output })),
  );
}

let dir: string;
const first = account({ accountName: 'First', accountNameKey: 'first', phone: '+8613800000001' });
const second = account({
  accountName: 'Second',
  accountNameKey: 'second',
  phone: '+8613800000001',
  connections: [{ idp: 'wechat', subject: 'union-1', boundAt: iso(T0) }],
});

before(async () => {
  dir = await tempDir();
  const lowdb = await createLowdbStore({ dir });
  await lowdb.accounts.create(first, noLimits);
  await lowdb.accounts.create(second, noLimits);
  await lowdb.sessions.put({
    tokenHash: hashSecret('token'),
    accountId: first.id,
    provider: 'jdcloud',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  await lowdb.codes.put(
    code({ createdAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 300_000).toISOString() }),
  );
  await lowdb.qr.put(qr('q1', { expiresAt: new Date(Date.now() + 120_000).toISOString() }));
  await keptRecordsOf(lowdb)!.outbox.add({
    channel: 'sms',
    to: '+8613800000001',
    text: 'hello',
    sentAt: iso(T0),
  });
  await lowdb.close();
});

test('import copies every collection; a second import into the same database is refused', async () => {
  const url = await testDatabase();
  const done = await runCli(['import', '--from', dir], { DATABASE_URL: url });
  assert.equal(done.code, 0, done.output);
  assert.match(done.output, /imported .* 2 accounts, 1 sessions, 1 codes/);

  const store = await createPostgresStore({ url, sweepIntervalMs: 0 });
  try {
    assert.deepEqual(await store.accounts.findByName('jdcloud', 'first'), first);
    assert.deepEqual(
      (await store.accounts.findByPhone('jdcloud', '+8613800000001')).map((a) => a.id),
      [first.id, second.id],
      'the oldest holder stays first',
    );
    assert.equal((await store.accounts.findByConnection('jdcloud', 'wechat', 'union-1'))?.id, second.id);
    assert.equal((await store.sessions.get(hashSecret('token')))?.accountId, first.id);
    assert.deepEqual(
      await store.codes.check(
        'jdcloud',
        '+8613800138000',
        'login',
        hashSecret('123456'),
        new Date().toISOString(),
        5,
      ),
      { ok: true },
      'a code sent before the move is still live',
    );
    assert.equal((await store.qr.get('q1'))?.status, 'pending');
    // Names stay unique after the move: the database's index knows the imported ones.
    assert.deepEqual(await store.accounts.create(account({ accountNameKey: 'first' }), noLimits), {
      ok: false,
      conflict: 'accountName',
    });
  } finally {
    await store.close();
  }

  const again = await runCli(['import', '--from', dir], { DATABASE_URL: url });
  assert.equal(again.code, 1);
  assert.match(again.output, /already holds 2 accounts; import only into an empty one/);
});

test('import without DATABASE_URL says what it needs', async () => {
  const child = await runCli(['import', '--from', dir], { DATABASE_URL: '' });
  assert.equal(child.code, 1);
  assert.match(child.output, /import needs --from and DATABASE_URL/);
});
