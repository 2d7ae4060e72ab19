/** Sessions in PostgreSQL, by token hash (the token itself is never stored). */
import type { Frozen, SessionRecord, SessionStore, SessionWithAccount } from '../types.ts';
import type { PostgresAccounts } from './accounts.ts';
import { deepFreeze, iso, json, type Db } from './shared.ts';

/** A `viewWithAccount` waiting for its batch. */
interface Lookup {
  tokenHash: string;
  /** The store's clock when it was asked: its expiry is judged by it. */
  now: number;
  resolve: (answer: SessionWithAccount | undefined) => void;
  reject: (error: unknown) => void;
}

interface SessionRow {
  token_hash: string;
  expires_at: Date;
  session: SessionRecord;
  version: number | null;
  account: string | null;
}

export class PostgresSessions implements SessionStore {
  constructor(
    private readonly db: Db,
    private readonly accounts: PostgresAccounts,
  ) {}

  async put(session: SessionRecord): Promise<void> {
    const { sql } = this.db;
    await sql`insert into cl_sessions (token_hash, account_id, created_at, expires_at, data)
      values (${session.tokenHash}, ${session.accountId}, ${session.createdAt}, ${session.expiresAt}, ${json(sql, session)})
      on conflict (token_hash) do update set account_id = excluded.account_id,
        created_at = excluded.created_at, expires_at = excluded.expires_at, data = excluded.data`;
  }

  async get(tokenHash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.db.sql`select data from cl_sessions
      where token_hash = ${tokenHash} and expires_at > ${iso(this.db.now())}`;
    return row?.data as SessionRecord | undefined;
  }

  async view(tokenHash: string): Promise<Frozen<SessionRecord> | undefined> {
    const session = await this.get(tokenHash);
    return session && deepFreeze(session);
  }

  /**
   * Every authenticated request's only read: the session with its account joined. Lookups made
   * in one turn of the event loop (requests that arrived together) leave together at its end, as
   * one statement for all of them (a quiet server's lone request too): a busy server sends one
   * query where it would send dozens, and each request still reads what was committed before it
   * arrived.
   */
  viewWithAccount(tokenHash: string): Promise<SessionWithAccount | undefined> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.lookUp(this.waiting.splice(0)));
      this.waiting.push({ tokenHash, now: this.db.now(), resolve, reject });
    });
  }

  private waiting: Lookup[] = [];

  private async lookUp(lookups: Lookup[]): Promise<void> {
    const { sql } = this.db;
    try {
      // The expiry is judged per lookup below, each by its own clock reading.
      const rows: SessionRow[] = await sql`select s.token_hash, s.expires_at, s.data as session,
          a.version, a.data::text as account
        from cl_sessions s left join cl_accounts a on a.id = s.account_id
        where s.token_hash = any(${[...new Set(lookups.map((lookup) => lookup.tokenHash))]}::text[])`;
      const found = new Map(rows.map((row) => [row.token_hash, row]));
      for (const lookup of lookups) {
        const row = found.get(lookup.tokenHash);
        lookup.resolve(row && row.expires_at.getTime() > lookup.now ? this.viewOfRow(row) : undefined);
      }
    } catch (error) {
      for (const lookup of lookups) lookup.reject(error);
    }
  }

  private viewOfRow(row: SessionRow): SessionWithAccount {
    const session = deepFreeze(row.session);
    const account =
      row.account == null ? undefined : this.accounts.viewOf(session.accountId, row.version!, row.account);
    return { session, account };
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.sql`delete from cl_sessions where token_hash = ${tokenHash}`;
  }

  async listOf(accountId: string): Promise<SessionRecord[]> {
    const rows = await this.db.sql`select data from cl_sessions
      where account_id = ${accountId} and expires_at > ${iso(this.db.now())} order by created_at`;
    return rows.map((row) => row.data as SessionRecord);
  }

  async deleteOf(accountId: string, exceptTokenHash?: string): Promise<number> {
    const result = await this.db.sql`delete from cl_sessions
      where account_id = ${accountId} and token_hash <> ${exceptTokenHash ?? ''}`;
    return result.count;
  }

  async touch(tokenHash: string, lastSeenAt: string): Promise<boolean> {
    const result = await this.db.sql`update cl_sessions
      set data = data || jsonb_build_object('lastSeenAt', ${lastSeenAt}::text)
      where token_hash = ${tokenHash}`;
    return result.count > 0;
  }
}
