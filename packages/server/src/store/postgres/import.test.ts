/** `importData`: one record of every collection goes in, and the store reads each back as it was. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../../crypto.ts';
import { account, code, iso, link, qr, T0, ticket } from '../conformance.ts';
import { keptRecordsOf } from '../kept.ts';
import type { PasskeyRecord, SessionRecord } from '../types.ts';
import { importData } from './import.ts';
import { connect, createPostgresStore, migrate } from './index.ts';
import { testDatabase } from './testing.ts';

test('importData copies every collection into its table', async () => {
  const url = await testDatabase();
  const sql = connect(url, 1);
  await migrate(sql);
  const holder = account({ connections: [{ idp: 'wechat', subject: 'u1', boundAt: iso(T0) }] });
  const session: SessionRecord = {
    tokenHash: hashSecret('session'),
    accountId: holder.id,
    provider: 'jdcloud',
    createdAt: iso(T0),
    expiresAt: iso(T0 + 3600_000),
  };
  const passkey: PasskeyRecord = {
    id: 'credential-1',
    provider: 'jdcloud',
    accountId: holder.id,
    publicKey: 'key',
    counter: 3,
    deviceType: 'multiDevice',
    backedUp: true,
    createdAt: iso(T0),
  } as PasskeyRecord;
  const sent = code();
  const grant = {
    kind: 'scene',
    key: 'k1',
    data: { n: 1 },
    createdAt: iso(T0),
    expiresAt: iso(T0 + 600_000),
  };
  const counts = await importData(sql, {
    accounts: [holder],
    sessions: [session],
    codes: [sent],
    tickets: [ticket('t1')],
    emailLinks: [link('l1')],
    qr: [qr('q1')],
    grants: [grant],
    passkeys: [passkey],
    outbox: [{ channel: 'sms', to: '+8613800000001', text: 'hello', sentAt: iso(T0) }],
    idpUsers: [{ id: 'idp-user-1', name: 'Someone' }],
  });
  await sql.end();
  assert.equal(counts.accounts, 1);
  assert.equal(counts.idpUsers, 1);

  const store = await createPostgresStore({ url, now: () => T0, sweepIntervalMs: 0 });
  try {
    assert.deepEqual(await store.accounts.get(holder.id), holder);
    assert.equal((await store.accounts.findByConnection('jdcloud', 'wechat', 'u1'))?.id, holder.id);
    assert.deepEqual(await store.sessions.get(session.tokenHash), session);
    assert.deepEqual(await store.codes.last('jdcloud', sent.phone), sent);
    assert.deepEqual(await store.tickets.consume('qingcloud', hashSecret('t1'), iso(T0)), ticket('t1'));
    assert.deepEqual(await store.emailLinks.peek(hashSecret('l1'), iso(T0)), link('l1'));
    assert.deepEqual(await store.qr.get('q1'), qr('q1'));
    assert.deepEqual(await store.grants.get('scene', 'k1', iso(T0)), grant);
    assert.deepEqual(await store.passkeys.get('credential-1'), passkey);
    const kept = keptRecordsOf(store)!;
    await kept.outbox.refresh?.();
    await kept.idpUsers.refresh?.();
    assert.deepEqual(
      [...kept.outbox.values()].map((m) => m.text),
      ['hello'],
    );
    assert.deepEqual(
      [...kept.idpUsers.values()].map((u) => u.id),
      ['idp-user-1'],
    );
  } finally {
    await store.close();
  }
});
