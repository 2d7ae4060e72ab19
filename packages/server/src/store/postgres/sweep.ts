/**
 * Drops expired rows in batches of a few thousand, each its own short statement, so a sweep
 * never holds locks long enough to stall a request; a table with more to drop goes on at the
 * next tick. Several processes may sweep at once: deleting a row twice is harmless.
 */
import type { Sql } from 'postgres';
import { iso } from './shared.ts';

const BATCH = 5000;

export async function sweep(sql: Sql, now: number, retention: { code: number; qr: number }): Promise<void> {
  const at = iso(now);
  await sql`delete from cl_sessions where token_hash in
    (select token_hash from cl_sessions where expires_at <= ${at} limit ${BATCH})`;
  await sql`delete from cl_tickets where token_hash in
    (select token_hash from cl_tickets where expires_at <= ${at} limit ${BATCH})`;
  await sql`delete from cl_email_links where token_hash in
    (select token_hash from cl_email_links where expires_at <= ${at} limit ${BATCH})`;
  await sql`delete from cl_grants where (kind, key) in
    (select kind, key from cl_grants where expires_at <= ${at} limit ${BATCH})`;
  await sql`delete from cl_codes where id in
    (select id from cl_codes where created_at <= ${iso(now - retention.code)} limit ${BATCH})`;
  await sql`delete from cl_qr where id in
    (select id from cl_qr where expires_at <= ${iso(now - retention.qr)} limit ${BATCH})`;
  await sql`delete from cl_hits where ctid in
    (select ctid from cl_hits where expires_at <= ${at} limit ${BATCH})`;
}
