/** App QR login tickets in the lowdb store; stored frozen, kept `retentionMs` after they expire. */
import type { ProviderId } from '@cloud-login/core';
import { equalHashes } from '../../crypto.ts';
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import { createQrChanges } from '../qr-changes.ts';
import type { QrAdvance, QrClaim, QrRecord, QrState, QrStore } from '../types.ts';
import { clone, deepFreeze } from './shared.ts';

export class LowdbQr implements QrStore, LogCollection {
  private readonly qr = new Map<string, QrRecord>();
  readonly changes = createQrChanges();

  constructor(
    private readonly log: CommitLog,
    private readonly retentionMs: number,
  ) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put === 'qr') this.qr.set(op.value.id, deepFreeze(op.value));
    } else this.qr.delete(op.key);
  }

  records(): QrRecord[] {
    return [...this.qr.values()];
  }

  prune(now: number): void {
    for (const [id, record] of this.qr)
      if (Date.parse(record.expiresAt) + this.retentionMs <= now) this.log.del('qr', id);
  }

  async put(record: QrRecord): Promise<void> {
    this.log.open();
    if (this.qr.has(record.id)) throw new Error(`store: QR id ${record.id} already exists`);
    this.log.put('qr', clone(record));
    await this.log.commit();
  }

  async get(id: string): Promise<QrRecord | undefined> {
    const record = this.qr.get(id);
    return record && clone(record);
  }

  async advance(
    provider: ProviderId,
    id: string,
    move: { from: readonly QrState[]; to: QrState; accountId: string; now: string },
  ): Promise<QrAdvance> {
    this.log.open();
    const record = this.qr.get(id);
    if (!record || record.provider !== provider) return { ok: false, reason: 'missing' };
    if (Date.parse(record.expiresAt) <= Date.parse(move.now))
      return { ok: false, reason: 'expired', record: clone(record) };
    const sameAccount = record.accountId === undefined || record.accountId === move.accountId;
    if (!move.from.includes(record.status) || !sameAccount)
      return { ok: false, reason: 'state', record: clone(record) };
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
    this.log.put('qr', next);
    await this.log.commit();
    this.changes.publish(id);
    return { ok: true, record: clone(next) };
  }

  async claim(provider: ProviderId, id: string, secretHash: string, now: string): Promise<QrClaim> {
    this.log.open();
    const record = this.qr.get(id);
    if (!record || record.provider !== provider || !equalHashes(record.secretHash, secretHash))
      return { ok: false, reason: 'missing' };
    if (record.status !== 'confirmed') return { ok: false, reason: 'unconfirmed', record };
    if (record.claimedAt !== undefined) return { ok: false, reason: 'claimed', record };
    const next = { ...record, claimedAt: now };
    this.log.put('qr', next);
    await this.log.commit();
    this.changes.publish(id);
    return { ok: true, record: clone(next) };
  }
}
