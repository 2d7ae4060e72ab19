/** Small helpers the PostgreSQL collections share. */
import type { JSONValue, Sql, TransactionSql } from 'postgres';
import type { Frozen } from '../types.ts';
import { deepFreeze } from '../lowdb/shared.ts';

export { deepFreeze };
export type Frozenable<T> = Frozen<T>;

/** What a collection needs: the pool, and the store's clock (tests move it). */
export interface Db {
  sql: Sql;
  now: () => number;
}

/** A transaction or the pool: a query function either way. */
export type Query = Sql | TransactionSql;

export const iso = (ms: number) => new Date(ms).toISOString();

/** A record as a JSON parameter. */
export const json = (sql: Query, value: unknown) => sql.json(value as JSONValue);

/** An ISO time read from a `timestamptz` column (postgres hands out a Date). */
export const isoOf = (value: Date | string | null | undefined): string | undefined =>
  value == null ? undefined : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/**
 * Errors of a database out of reach: the client's connection errors, and the server's classes
 * 08 (connection exception) and 57P (shutting down, crash recovery, cannot connect now).
 */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(
      code,
    ) ||
    ['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT'].includes(code) ||
    code.startsWith('08') ||
    code.startsWith('57P')
  );
}

/** PostgreSQL's unique_violation, and the constraint it names. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint_name?: string };
  return e?.code === '23505' ? (e.constraint_name ?? '') : undefined;
}

/** A 64-bit advisory-lock key for a string (the server hashes it). */
export const lockKey = (tx: Query, text: string) =>
  tx`select pg_advisory_xact_lock(hashtextextended(${text}, 0))`;

/**
 * A Unix-socket URL as libpq writes it — `postgres:///db?host=/var/run/postgresql` or a host of
 * `%2Fvar%2Frun%2Fpostgresql` — which the client does not read (it would send `host` to the
 * server as a setting): the URL with `localhost` in its place, and the socket's path.
 * Any other URL comes back as it is.
 */
export function socketTarget(url: string): { url: string; path?: string } {
  const parts = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/i.exec(url);
  if (!parts) return { url };
  const [, scheme, user = '', hostPort = '', path = '', query = '', hash = ''] = parts;
  const params = new URLSearchParams(query);
  const [encodedHost = '', portInHost] = hostPort.split(/:(?=\d*$)/);
  const host = decodeURIComponent(encodedHost);
  const dir = host.startsWith('/')
    ? host
    : params.get('host')?.startsWith('/')
      ? params.get('host')!
      : undefined;
  if (!dir) return { url };
  const port = portInHost || params.get('port') || '5432';
  params.delete('host');
  params.delete('port');
  const rest = params.size > 0 ? `?${params}` : '';
  return {
    url: `${scheme}${user}localhost:${port}${path || '/'}${rest}${hash}`,
    path: `${dir.replace(/\/+$/, '')}/.s.PGSQL.${port}`,
  };
}
