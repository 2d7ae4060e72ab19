/**
 * The child process of `compaction.test.ts`: the lowdb store on `DATA_DIR` with a compaction
 * threshold small enough that one is under way most of the time, and four loops creating
 * accounts. Each account's name is printed once its `createAccount` resolved — acknowledged —
 * and the parent SIGKILLs this process at a moment of its choosing.
 */
import { createLowdbStore, type AccountRecord } from '@cloud-login/server';

const store = await createLowdbStore({
  dir: process.env.DATA_DIR!,
  compactAfterBytes: Number(process.env.COMPACT_AFTER),
});
const prefix = process.env.PREFIX!;
const seed = Number(process.env.SEED ?? 0);
const rules = { emailUnique: true, maxAccountsPerPhone: null };

function account(name: string): AccountRecord {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    provider: 'default',
    kind: 'main',
    email: `${name}@durable.example`,
    // Room for a compaction to take a while: a snapshot of some megabytes.
    industry: 'x'.repeat(400),
    phoneLoginable: false,
    emailVerified: false,
    emailLoginable: true,
    connections: [],
    legacy: false,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
}

await Promise.all(
  Array.from({ length: seed }, (_, i) => store.accounts.create(account(`${prefix}-seed-${i}`), rules)),
);
// Pipes are written synchronously on Linux: a name printed is a name the parent can read.
process.stdout.write('ready\n');
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (;;) {
      const name = `${prefix}-${next++}`;
      const created = await store.accounts.create(account(name), rules);
      if (!created.ok) throw new Error(`${name}: ${created.conflict}`);
      process.stdout.write(`${name}\n`);
    }
  }),
);
