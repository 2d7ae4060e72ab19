/** Flow tickets and email links in PostgreSQL: single use, by one conditional write each. */
import type { ProviderId } from '@cloud-login/core';
import type { EmailLinkRecord, EmailLinkStore, TicketRecord, TicketStore } from '../types.ts';
import { json, type Db } from './shared.ts';

export class PostgresTickets implements TicketStore {
  constructor(private readonly db: Db) {}

  async put(ticket: TicketRecord): Promise<void> {
    const { sql } = this.db;
    await sql`insert into cl_tickets (token_hash, provider, expires_at, data)
      values (${ticket.tokenHash}, ${ticket.provider}, ${ticket.expiresAt}, ${json(sql, ticket)})
      on conflict (token_hash) do update set provider = excluded.provider,
        expires_at = excluded.expires_at, data = excluded.data`;
  }

  async consume<T>(
    provider: ProviderId,
    tokenHash: string,
    now: string,
  ): Promise<TicketRecord<T> | undefined> {
    // Deleted whether live or expired: an expired ticket is gone as well.
    const [row] = await this.db.sql`delete from cl_tickets
      where token_hash = ${tokenHash} and provider = ${provider} returning data`;
    const ticket = row?.data as TicketRecord<T> | undefined;
    return ticket && Date.parse(ticket.expiresAt) > Date.parse(now) ? ticket : undefined;
  }
}

export class PostgresEmailLinks implements EmailLinkStore {
  constructor(private readonly db: Db) {}

  async put(link: EmailLinkRecord): Promise<void> {
    const { sql } = this.db;
    await sql`insert into cl_email_links (token_hash, used_at, expires_at, data)
      values (${link.tokenHash}, ${link.usedAt ?? null}, ${link.expiresAt}, ${json(sql, link)})
      on conflict (token_hash) do update set used_at = excluded.used_at,
        expires_at = excluded.expires_at, data = excluded.data`;
  }

  async peek(tokenHash: string, now: string): Promise<EmailLinkRecord | undefined> {
    const [row] = await this.db.sql`select data from cl_email_links
      where token_hash = ${tokenHash} and used_at is null and expires_at > ${now}`;
    return row?.data as EmailLinkRecord | undefined;
  }

  async consume(
    tokenHash: string,
    now: string,
  ): Promise<{ ok: true; link: EmailLinkRecord } | { ok: false; reason: 'missing' | 'expired' }> {
    const { sql } = this.db;
    const [row] = await sql`update cl_email_links
      set used_at = ${now}, data = data || jsonb_build_object('usedAt', ${now}::text)
      where token_hash = ${tokenHash} and used_at is null and expires_at > ${now}
      returning data`;
    if (row) return { ok: true, link: row.data as EmailLinkRecord };
    const [left] =
      await sql`select 1 from cl_email_links where token_hash = ${tokenHash} and used_at is null`;
    return { ok: false, reason: left ? 'expired' : 'missing' };
  }
}
