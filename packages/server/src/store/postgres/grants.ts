/** Grants in PostgreSQL, by kind + key: create-if-absent by an upsert that only replaces an expired row. */
import type { GrantRecord, GrantStore } from '../types.ts';
import { iso, json, type Db } from './shared.ts';

export class PostgresGrants implements GrantStore {
  constructor(private readonly db: Db) {}

  async put(grant: GrantRecord): Promise<boolean> {
    const { sql } = this.db;
    const rows = await sql`insert into cl_grants (kind, key, expires_at, data)
      values (${grant.kind}, ${grant.key}, ${grant.expiresAt}, ${json(sql, grant)})
      on conflict (kind, key) do update set expires_at = excluded.expires_at, data = excluded.data
        where cl_grants.expires_at <= ${iso(this.db.now())}
      returning 1`;
    return rows.length === 1;
  }

  async get<T>(kind: string, key: string, now: string): Promise<GrantRecord<T> | undefined> {
    const [row] = await this.db.sql`select data from cl_grants
      where kind = ${kind} and key = ${key} and expires_at > ${now}`;
    return row?.data as GrantRecord<T> | undefined;
  }

  async consume<T>(kind: string, key: string, now: string): Promise<GrantRecord<T> | undefined> {
    const [row] = await this.db
      .sql`delete from cl_grants where kind = ${kind} and key = ${key} returning data`;
    const grant = row?.data as GrantRecord<T> | undefined;
    return grant && Date.parse(grant.expiresAt) > Date.parse(now) ? grant : undefined;
  }

  async update<T>(
    kind: string,
    key: string,
    now: string,
    change: (data: T) => T,
  ): Promise<GrantRecord<T> | undefined> {
    return this.db.sql.begin(async (tx) => {
      const [row] = await tx`select data from cl_grants
        where kind = ${kind} and key = ${key} and expires_at > ${now} for update`;
      if (!row) return undefined;
      const grant = row.data as GrantRecord<T>;
      const next = { ...grant, data: structuredClone(change(grant.data)) };
      await tx`update cl_grants set data = ${json(tx, next)} where kind = ${kind} and key = ${key}`;
      return next;
    });
  }
}
