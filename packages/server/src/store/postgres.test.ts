/** The PostgreSQL store runs the store conformance suite (conformance.ts), like the lowdb store. */
import { afterEach, before } from 'node:test';
import { storeConformance } from './conformance.ts';
import { createPostgresStore } from './postgres/index.ts';
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
