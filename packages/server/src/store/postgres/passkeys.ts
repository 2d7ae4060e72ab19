/**
 * Passkeys in PostgreSQL, by credential id. A sign-in's counter check and write are one
 * conditional update, so of two parallel uses of one counter value at most one succeeds.
 */
import type { PasskeyRecord, PasskeyStore, PasskeyUse } from '../types.ts';
import { json, type Db } from './shared.ts';

export class PostgresPasskeys implements PasskeyStore {
  constructor(private readonly db: Db) {}

  async create(passkey: PasskeyRecord): Promise<boolean> {
    const { sql } = this.db;
    const rows = await sql`insert into cl_passkeys (id, account_id, created_at, counter, data)
      values (${passkey.id}, ${passkey.accountId}, ${passkey.createdAt}, ${passkey.counter}, ${json(sql, passkey)})
      on conflict (id) do nothing
      returning 1`;
    return rows.length === 1;
  }

  async get(id: string): Promise<PasskeyRecord | undefined> {
    const [row] = await this.db.sql`select data from cl_passkeys where id = ${id}`;
    return row?.data as PasskeyRecord | undefined;
  }

  async listOf(accountId: string): Promise<PasskeyRecord[]> {
    const rows = await this.db.sql`select data from cl_passkeys
      where account_id = ${accountId} order by created_at, id`;
    return rows.map((row) => row.data as PasskeyRecord);
  }

  async recordUse(id: string, use: PasskeyUse): Promise<boolean> {
    const { sql } = this.db;
    // Forward only, unless the authenticator keeps no counter (both zero).
    const rows = await sql`update cl_passkeys set counter = ${use.counter},
        data = data || ${json(sql, { counter: use.counter, backedUp: use.backedUp, lastUsedAt: use.at })}
      where id = ${id} and (counter < ${use.counter} or (counter = 0 and ${use.counter}::bigint = 0))
      returning 1`;
    return rows.length === 1;
  }

  async rename(accountId: string, id: string, name: string): Promise<PasskeyRecord | undefined> {
    const { sql } = this.db;
    const [row] = await sql`update cl_passkeys set data = data || ${json(sql, { name })}
      where id = ${id} and account_id = ${accountId}
      returning data`;
    return row?.data as PasskeyRecord | undefined;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const rows = await this.db.sql`delete from cl_passkeys
      where id = ${id} and account_id = ${accountId} returning 1`;
    return rows.length === 1;
  }
}
