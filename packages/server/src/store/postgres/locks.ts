/**
 * Flow locks in PostgreSQL (`StoreLocks`): transaction-scoped advisory locks on a pool of their
 * own. The transaction only holds the locks while `work` runs its queries on the main pool, so
 * the locks end at commit — or when a crashed process's connection drops — and lock holders
 * never wait on the main pool's connections they themselves occupy.
 */
import type { Sql } from 'postgres';
import type { StoreLocks } from '../types.ts';

export class PostgresLocks implements StoreLocks {
  constructor(private readonly sql: Sql) {}

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    // A fixed order, so two requests locking the same pair cannot deadlock.
    const sorted = [...new Set(keys)].sort();
    if (sorted.length === 0) return work();
    return this.sql.begin(async (tx) => {
      for (const key of sorted) await tx`select pg_advisory_xact_lock(hashtextextended(${`lock ${key}`}, 0))`;
      return work();
    }) as Promise<T>;
  }
}
