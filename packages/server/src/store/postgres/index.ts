/**
 * The PostgreSQL store: every collection in tables (migrations.ts), so any number of server
 * processes on one database behave as one. Invariants hold in the database — unique indexes,
 * row locks, advisory locks inside transactions — never in a process. One pooled client per
 * store (porsager's `postgres`), parameterised queries only; one more connection LISTENs for
 * the QR changes of the other processes. Expired rows are swept in small batches on a timer,
 * off the request path.
 */
import postgres, { type Sql } from 'postgres';
import { keepFor } from '../kept.ts';
import type { Store } from '../types.ts';
import { PostgresAccounts } from './accounts.ts';
import { PostgresCodes } from './codes.ts';
import { PostgresGrants } from './grants.ts';
import { PostgresKept } from './kept.ts';
import { PostgresLocks } from './locks.ts';
import { PostgresPasskeys } from './passkeys.ts';
import { PostgresHits } from './hits.ts';
import { migrate } from './migrations.ts';
import { PostgresQr, QR_CHANNEL } from './qr.ts';
import { PostgresSessions } from './sessions.ts';
import { sweep } from './sweep.ts';
import { isUnavailable, socketTarget } from './shared.ts';
import { PostgresEmailLinks, PostgresTickets } from './tokens.ts';

export { migrate, MIGRATIONS } from './migrations.ts';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq URL; `?sslmode=require` etc. allowed). */
  url: string;
  /** Clock for expiry checks (ms since the epoch); tests inject one. */
  now?: () => number;
  /**
   * Connections for queries. Default 4: queries sent together then share a connection's writes
   * (the client pipelines them), which costs both sides less CPU than one connection each
   * (packages/server/README.md, "PostgreSQL store"). Flow locks get half as many more.
   */
  max?: number;
  /** Apply pending migrations at open (default true; `false` when a deploy step ran `--migrate-only`). */
  migrate?: boolean;
  /** How often expired rows are swept. Default 60 s; 0 turns the sweep off. */
  sweepIntervalMs?: number;
  /** How long codes are kept after creation, for the daily caps. Default 24 h. */
  codeRetentionMs?: number;
  /** How long QR records are kept after they expire, so a late poll still reads `expired`. Default 10 min. */
  qrRetentionMs?: number;
  /** Dev outbox messages kept (the oldest are dropped). Default 500. */
  outboxLimit?: number;
}

const DEFAULT_POOL = 4;

/** A store on PostgreSQL, with its pool for the parts of the server that share state through it. */
export interface PostgresStore extends Store {
  readonly sql: Sql;
}

/** The pool, with the settings every use shares: quiet notices, short connect timeout. */
export function connect(url: string, max = DEFAULT_POOL): Sql {
  const target = socketTarget(url);
  return postgres(target.url, {
    ...(target.path && { path: target.path }),
    max,
    onnotice: () => {},
    connect_timeout: 5,
    // Idle connections are closed, so a pool left by a crash-restarted database heals itself.
    idle_timeout: 30,
  });
}

/**
 * Opens the store: connects, migrates (unless told not to), starts the LISTEN and the sweep.
 * Rejects when the database cannot be reached or migrated (the caller says so and exits).
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const sql = connect(options.url, options.max);
  try {
    if (options.migrate !== false) await migrate(sql);
    else await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw error;
  }
  const db = { sql, now: options.now ?? Date.now };
  // Lock holders wait here, never for the main pool's connections (locks.ts).
  const lockSql = connect(options.url, Math.max(2, Math.ceil((options.max ?? DEFAULT_POOL) / 2)));
  const qr = new PostgresQr(db);
  const listening = await sql.listen(QR_CHANNEL, (payload) => qr.heard(payload));
  const retention = { code: options.codeRetentionMs ?? 24 * 3600_000, qr: options.qrRetentionMs ?? 600_000 };
  const interval = options.sweepIntervalMs ?? 60_000;
  let sweeping: Promise<void> = Promise.resolve();
  const timer =
    interval > 0
      ? setInterval(() => {
          // One sweep at a time; a failed one (the database away) waits for the next tick.
          sweeping = sweeping.then(() => sweep(sql, db.now(), retention).catch(() => {}));
        }, interval)
      : undefined;
  timer?.unref();
  const accounts = new PostgresAccounts(db);
  const store: PostgresStore = {
    sql,
    accounts,
    sessions: new PostgresSessions(db, accounts),
    codes: new PostgresCodes(db),
    tickets: new PostgresTickets(db),
    emailLinks: new PostgresEmailLinks(db),
    qr,
    grants: new PostgresGrants(db),
    passkeys: new PostgresPasskeys(db),
    hits: new PostgresHits(db),
    locks: new PostgresLocks(lockSql),
    unavailable: isUnavailable,
    async close() {
      clearInterval(timer);
      await sweeping;
      await listening.unlisten().catch(() => {});
      await lockSql.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
    },
  };
  keepFor(store, {
    outbox: new PostgresKept(db, 'outbox', { limit: options.outboxLimit ?? 500 }),
    idpUsers: new PostgresKept(db, 'idpUsers', { keyOf: (user) => user.id as string }),
  });
  return store;
}
