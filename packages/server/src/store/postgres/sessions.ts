/** Sessions in PostgreSQL, by token hash (the token itself is never stored). */
import type { Frozen, SessionRecord, SessionStore, SessionWithAccount } from '../types.ts';
import type { PostgresAccounts } from './accounts.ts';
import { deepFreeze, iso, json, type Db } from './shared.ts';

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

  /** One prepared statement, the account joined: every authenticated request's only read. */
  async viewWithAccount(tokenHash: string): Promise<SessionWithAccount | undefined> {
    const [row] = await this.db.sql`select s.data as session, a.version, a.data::text as account
      from cl_sessions s left join cl_accounts a on a.id = s.account_id
      where s.token_hash = ${tokenHash} and s.expires_at > ${iso(this.db.now())}`;
    if (!row) return undefined;
    const session = deepFreeze(row.session as SessionRecord);
    const account =
      row.account == null
        ? undefined
        : this.accounts.viewOf(session.accountId, row.version as number, row.account as string);
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
