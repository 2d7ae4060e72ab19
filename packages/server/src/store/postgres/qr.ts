/**
 * App QR login tickets in PostgreSQL. A move locks the row (`for update`) and decides in one
 * transaction; after the commit it tells this process's stream subscribers (`changes`) at once
 * and NOTIFYs `cl_qr` with its own instance id and the ticket id. Every other process LISTENs
 * (index.ts) and tells its subscribers, so a status stream open on one process hears a scan made
 * on another.
 */
import { randomUUID } from 'node:crypto';
import type { ProviderId } from '@cloud-login/core';
import { equalHashes } from '../../crypto.ts';
import { createQrChanges } from '../qr-changes.ts';
import type { QrAdvance, QrChanges, QrClaim, QrRecord, QrState, QrStore } from '../types.ts';
import { deepFreeze, json, type Db } from './shared.ts';

export const QR_CHANNEL = 'cl_qr';

export class PostgresQr implements QrStore {
  readonly changes: QrChanges = createQrChanges();
  /** Tags this store's notifications, so its own LISTEN skips what it already told. */
  readonly instance = randomUUID();

  constructor(private readonly db: Db) {}

  private async told(id: string): Promise<void> {
    this.changes.publish(id);
    // The change has committed: a notification that cannot be sent (the database just went
    // away) fails no request; the other processes' streams hear the ticket's next change.
    await this.db.sql`select pg_notify(${QR_CHANNEL}, ${`${this.instance} ${id}`})`.catch(() => {});
  }

  /** A notification from LISTEN: another process changed ticket `id`. */
  heard(payload: string): void {
    const [instance, id] = payload.split(' ');
    if (instance !== this.instance && id) this.changes.publish(id);
  }

  async put(record: QrRecord): Promise<void> {
    const { sql } = this.db;
    try {
      await sql`insert into cl_qr (id, provider, expires_at, data)
        values (${record.id}, ${record.provider}, ${record.expiresAt}, ${json(sql, record)})`;
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new Error(`store: QR id ${record.id} already exists`);
      throw error;
    }
  }

  async get(id: string): Promise<QrRecord | undefined> {
    const [row] = await this.db.sql`select data from cl_qr where id = ${id}`;
    return row?.data as QrRecord | undefined;
  }

  async advance(
    provider: ProviderId,
    id: string,
    move: { from: readonly QrState[]; to: QrState; accountId: string; now: string },
  ): Promise<QrAdvance> {
    const result = await this.db.sql.begin(async (tx): Promise<QrAdvance> => {
      const [row] = await tx`select data from cl_qr where id = ${id} and provider = ${provider} for update`;
      if (!row) return { ok: false, reason: 'missing' };
      const record = row.data as QrRecord;
      if (Date.parse(record.expiresAt) <= Date.parse(move.now))
        return { ok: false, reason: 'expired', record };
      const sameAccount = record.accountId === undefined || record.accountId === move.accountId;
      if (!move.from.includes(record.status) || !sameAccount) return { ok: false, reason: 'state', record };
      const next: QrRecord = {
        ...record,
        status: move.to,
        accountId: move.accountId,
        ...(move.to === 'scanned' && { scannedAt: move.now }),
        ...((move.to === 'confirmed' || move.to === 'denied') && {
          decidedAt: move.now,
          scannedAt: record.scannedAt ?? move.now,
        }),
      };
      await tx`update cl_qr set data = ${json(tx, next)} where id = ${id}`;
      return { ok: true, record: next };
    });
    if (result.ok) await this.told(id);
    return result;
  }

  async claim(provider: ProviderId, id: string, secretHash: string, now: string): Promise<QrClaim> {
    const result = await this.db.sql.begin(async (tx): Promise<QrClaim> => {
      const [row] = await tx`select data from cl_qr where id = ${id} and provider = ${provider} for update`;
      const record = row?.data as QrRecord | undefined;
      if (!record || !equalHashes(record.secretHash, secretHash)) return { ok: false, reason: 'missing' };
      if (record.status !== 'confirmed')
        return { ok: false, reason: 'unconfirmed', record: deepFreeze(record) };
      if (record.claimedAt !== undefined) return { ok: false, reason: 'claimed', record: deepFreeze(record) };
      const next = { ...record, claimedAt: now };
      await tx`update cl_qr set data = ${json(tx, next)} where id = ${id}`;
      return { ok: true, record: next };
    });
    if (result.ok) await this.told(id);
    return result;
  }
}
