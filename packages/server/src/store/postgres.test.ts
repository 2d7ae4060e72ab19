/**
 * The PostgreSQL store runs the store conformance suite (conformance.ts), like the lowdb store;
 * and its sweep of expired rows.
 */
import assert from 'node:assert/strict';
import { afterEach, before, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { code, iso, storeConformance, T0, ticket } from './conformance.ts';
import { createPostgresStore } from './postgres/index.ts';
import { sweep } from './postgres/sweep.ts';
import { emptyDatabase, testDatabase } from './postgres/testing.ts';
import type { Store } from './types.ts';

let url: string;
before(async () => {
  url = await testDatabase();
  await (await createPostgresStore({ url })).close(); // migrated once; the tests open without
});

// A failing test leaves its store open; its LISTEN connection would outlive the server.
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close().catch(() => {})));
});

storeConformance('postgres', async (now) => {
  await emptyDatabase(url);
  const store = await createPostgresStore({ url, now, sweepIntervalMs: 0, migrate: false });
  opened.push(store);
  return store;
});

test('the sweep drops expired rows and keeps live ones', async () => {
  await emptyDatabase(url);
  const store = await createPostgresStore({ url, now: () => T0, sweepIntervalMs: 0 });
  opened.push(store);
  const session = (name: string, ttl: number) => ({
    tokenHash: hashSecret(name),
    accountId: 'a',
    provider: 'jdcloud' as const,
    createdAt: iso(T0 - 10_000),
    expiresAt: iso(T0 + ttl),
  });
  await store.sessions.put(session('gone', -1));
  await store.sessions.put(session('kept', 60_000));
  await store.tickets.put(ticket('old', { expiresAt: iso(T0 - 1) }));
  await store.codes.put(code({ createdAt: iso(T0 - 25 * 3600_000), expiresAt: iso(T0 - 24 * 3600_000) }));
  await store.codes.put(code({ phone: '+8613800138001' }));
  await store.hits!.hit('k', 5, 1000, T0 - 5000);
  await sweep(store.sql, T0, { code: 24 * 3600_000, qr: 600_000 });
  const count = async (table: string) =>
    ((await store.sql`select count(*)::int as n from ${store.sql(table)}`)[0] as { n: number }).n;
  assert.equal(await count('cl_sessions'), 1);
  assert.ok(await store.sessions.get(hashSecret('kept')));
  assert.equal(await count('cl_tickets'), 0);
  assert.equal(await count('cl_codes'), 1, 'codes stay 24 hours for the daily caps');
  assert.equal(await count('cl_hits'), 0);
});
