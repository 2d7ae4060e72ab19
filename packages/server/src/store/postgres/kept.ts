/**
 * Dev mode's records (store/kept.ts) in PostgreSQL, so every process shows one dev outbox. The
 * `KeptRecords` interface reads synchronously; this keeps a local copy that `refresh` reloads,
 * and `add` writes through. The outbox keeps its newest `limit` messages.
 */
import { randomUUID } from 'node:crypto';
import type { KeptRecord, KeptRecords } from '../kept.ts';
import { json, type Db } from './shared.ts';

export class PostgresKept implements KeptRecords {
  constructor(
    private readonly db: Db,
    private readonly name: 'outbox' | 'idpUsers',
    private readonly shape: { keyOf: (record: KeptRecord) => string } | { limit: number },
  ) {}

  private cache: KeptRecord[] = [];

  values(): Iterable<KeptRecord> {
    return this.cache;
  }

  /** Reloads the local copy from the database (oldest first). */
  async refresh(): Promise<void> {
    const limit = 'limit' in this.shape ? this.shape.limit : 100_000;
    const rows = await this.db.sql`select data from (
        select data, seq from cl_kept where collection = ${this.name} order by seq desc limit ${limit}
      ) newest order by seq`;
    this.cache = rows.map((row) => row.data as KeptRecord);
  }

  async add(record: KeptRecord): Promise<void> {
    const { sql } = this.db;
    const key = 'keyOf' in this.shape ? this.shape.keyOf(record) : randomUUID();
    await sql`insert into cl_kept (collection, key, data) values (${this.name}, ${key}, ${json(sql, record)})
      on conflict (collection, key) do update set data = excluded.data`;
    if ('limit' in this.shape)
      await sql`delete from cl_kept where collection = ${this.name} and seq <=
        (select seq from cl_kept where collection = ${this.name} order by seq desc offset ${this.shape.limit} limit 1)`;
    await this.refresh();
  }
}
