/**
 * Three server processes on one PostgreSQL database behave as one: every flow below is spread
 * over them (round-robin), and each invariant the store holds — codes, QR logins, unique names,
 * failed-login throttles, acknowledged writes — holds across processes too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import postgres from 'postgres';
import { createPostgresStore } from '../../packages/server/src/store/postgres/index.ts';
import { testDatabase } from '../../packages/server/src/store/postgres/testing.ts';
import { call, phone, sharedDataDir, startServer, type ServerProcess } from './cluster.ts';

let url: string;
let servers: ServerProcess[] = [];
let data: Awaited<ReturnType<typeof sharedDataDir>>;
let sql: postgres.Sql;
let turn = 0;
/** The next server, round-robin. */
const next = () => servers[turn++ % servers.length]!;

before(async () => {
  url = await testDatabase();
  // Migrated once here; the three processes starting together then find nothing to do.
  await (await createPostgresStore({ url })).close();
  data = await sharedDataDir();
  servers = await Promise.all(['A', 'B', 'C'].map((name) => startServer(name, url, data.dir)));
  sql = postgres(url, { max: 2, onnotice: () => {} });
});

after(async () => {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.exited));
  await sql?.end();
  await data?.remove();
});

/** Sends a register code through one server and reads it from another's outbox. */
async function codeFor(to: string): Promise<string> {
  const sent = await call(next(), 'POST', '/api/jdcloud/codes', {
    body: { phone: to, channel: 'sms', purpose: 'register' },
  });
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  const outbox = await call(next(), 'GET', `/api/jdcloud/dev/outbox?to=${encodeURIComponent(to)}`);
  const code = outbox.body.messages[0]?.code as string | undefined;
  assert.ok(code, 'the code is in the outbox every process reads');
  return code;
}

async function register(server: ServerProcess, accountName: string, to: string, code: string) {
  return call(server, 'POST', '/api/jdcloud/accounts', {
    body: { accountName, password: 'Secret-123', phone: to, code, agreements: true },
  });
}

describe('three processes on one database', () => {
  let token: string;

  test('a code sent through A is accepted by B; the session works on C', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const to = phone(1);
    const sent = await call(a, 'POST', '/api/jdcloud/codes', {
      body: { phone: to, channel: 'sms', purpose: 'register' },
    });
    assert.equal(sent.status, 202);
    const outbox = await call(c, 'GET', `/api/jdcloud/dev/outbox?to=${encodeURIComponent(to)}`);
    const registered = await register(b, 'mobile-app', to, outbox.body.messages[0].code);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    token = registered.body.session.token;
    const session = await call(c, 'GET', '/api/jdcloud/session', { token });
    assert.equal(session.status, 200);
    assert.equal(session.body.account.accountName, 'mobile-app');
  });

  test('a QR login created on A, scanned on B, confirmed on C: A’s stream and poll see it', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const created = await call(a, 'POST', '/api/jdcloud/qr');
    assert.equal(created.status, 201);
    const { id, secret } = created.body as { id: string; secret: string };
    const stream = await fetch(`${a.url}/api/jdcloud/qr/${id}/events?secret=${encodeURIComponent(secret)}`, {
      headers: { 'X-Forwarded-For': '10.200.0.1' },
    });
    assert.equal(stream.status, 200);
    const heard: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of stream.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (const match of buffer.matchAll(/data: (\{.*\})\n/g)) heard.push(JSON.parse(match[1]!).status);
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      }
    })();
    assert.equal((await call(b, 'POST', `/api/jdcloud/qr/${id}/scan`, { token })).status, 200);
    assert.equal((await call(c, 'POST', `/api/jdcloud/qr/${id}/confirm`, { token })).status, 200);
    await reading; // the stream ends after `confirmed`
    assert.deepEqual(heard, ['pending', 'scanned', 'confirmed']);
    const poll = await call(a, 'GET', `/api/jdcloud/qr/${id}`, { headers: { 'X-QR-Secret': secret } });
    assert.equal(poll.body.status, 'confirmed');
    assert.equal(poll.body.account.accountName, 'mobile-app');
    assert.ok(poll.body.session.token);
    const again = await call(b, 'GET', `/api/jdcloud/qr/${id}`, { headers: { 'X-QR-Secret': secret } });
    assert.equal(again.body.session, undefined, 'the session is handed out once');
  });

  test('20 parallel registrations of one name across processes: exactly one', async () => {
    const codes: [string, string][] = [];
    for (let n = 100; n < 120; n++) codes.push([phone(n), await codeFor(phone(n))]);
    const answers = await Promise.all(codes.map(([to, code]) => register(next(), 'same-name', to, code)));
    assert.equal(answers.filter((x) => x.status === 201).length, 1);
    for (const answer of answers.filter((x) => x.status !== 201))
      assert.equal(
        answer.body.error?.code ?? answer.body.code,
        'account_name_taken',
        JSON.stringify(answer.body),
      );
    const [row] = await sql`select count(*)::int as n from cl_accounts where name_key = 'same-name'`;
    assert.equal(row!.n, 1);
  });

  test('110 wrong passwords spread over the processes: the account’s window (20) holds across them', async () => {
    const answers = [];
    for (let batch = 0; batch < 11; batch++)
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () =>
            call(next(), 'POST', '/api/jdcloud/sessions', {
              body: { identifier: 'mobile-app', password: 'Wrong-123' },
            }),
          ),
        )),
      );
    const checked = answers.filter((x) => x.status === 401).length;
    assert.equal(checked, 20, 'one window for all processes, far under ASVS’s 100');
    for (const answer of answers.filter((x) => x.status !== 401))
      assert.ok(
        answer.status === 429 || answer.body.required?.includes('code'),
        `throttled: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
  });

  test('a process SIGKILLed mid-load loses no acknowledged write; the other two keep answering', async () => {
    const victim = servers[1]!;
    const codes: [string, string][] = [];
    for (let n = 200; n < 224; n++) codes.push([phone(n), await codeFor(phone(n))]);
    const acknowledged: string[] = [];
    const load = codes.map(async ([to, code], i) => {
      const name = `load-${i}`;
      const answer = await register(servers[i % 3]!, name, to, code).catch(() => undefined);
      if (answer?.status === 201) acknowledged.push(name);
    });
    // Kill B once the first writes are acknowledged, while the rest are in flight.
    while (acknowledged.length < 3) await new Promise((tick) => setTimeout(tick, 10));
    victim.child.kill('SIGKILL');
    await victim.exited;
    await Promise.all(load);
    assert.ok(acknowledged.length >= 3);
    const names = await sql`select name_key from cl_accounts where name_key like 'load-%'`;
    const stored = new Set(names.map((row) => row.name_key as string));
    for (const name of acknowledged) assert.ok(stored.has(name), `${name} was acknowledged and is stored`);
    const survivors = [servers[0]!, servers[2]!];
    servers = survivors;
    for (const server of survivors) {
      const session = await call(server, 'GET', '/api/jdcloud/session', { token });
      assert.equal(session.status, 200);
    }
  });
});
