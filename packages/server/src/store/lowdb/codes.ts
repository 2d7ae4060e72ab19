/**
 * Verification codes in the lowdb store, in creation order, with the live code per phone and
 * purpose, the newest per phone (resend cooldown), and the ids per phone and per address (daily
 * caps). Kept `codeRetentionMs` (24 h) after creation for the caps.
 */
import type { ProviderId } from '@cloud-login/core';
import { equalHashes } from '../../crypto.ts';
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import type { CodeCheck, CodePurpose, CodeRecord, CodeStore } from '../types.ts';
import { addTo, clone, key, removeFrom } from './shared.ts';

export class LowdbCodes implements CodeStore, LogCollection {
  private readonly codes = new Map<string, CodeRecord>();
  /** provider + phone + purpose → the code that can still be used (if not consumed). */
  private readonly liveCode = new Map<string, string>();
  /** provider + phone → newest code, for the resend cooldown. */
  private readonly lastCode = new Map<string, string>();
  /** Phone or address → code ids, oldest first, for the daily caps (bounded by retention). */
  private readonly codesByPhone = new Map<string, Set<string>>();
  private readonly codesByAddress = new Map<string, Set<string>>();

  constructor(
    private readonly log: CommitLog,
    private readonly retentionMs: number,
  ) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put === 'codes') this.set(op.value);
      return;
    }
    const code = this.codes.get(op.key);
    if (code) this.remove(code);
  }

  records(): CodeRecord[] {
    return [...this.codes.values()];
  }

  prune(now: number): void {
    // Codes are inserted in creation order, so the old ones are at the front.
    for (const code of this.codes.values()) {
      if (Date.parse(code.createdAt) > now - this.retentionMs) break;
      this.log.del('codes', code.id);
    }
  }

  private insert(code: CodeRecord): void {
    this.codes.set(code.id, code);
    if (code.consumedAt === undefined)
      this.liveCode.set(key(code.provider, code.phone, code.purpose), code.id);
    this.lastCode.set(key(code.provider, code.phone), code.id);
    addTo(this.codesByPhone, code.phone, code.id);
    addTo(this.codesByAddress, code.address, code.id);
  }

  /** A new code, or a new version of one (used, or one more wrong try). */
  private set(code: CodeRecord): void {
    if (!this.codes.has(code.id)) return this.insert(code);
    this.codes.set(code.id, code); // same key: keeps its place, creation order
    const live = key(code.provider, code.phone, code.purpose);
    if (code.consumedAt !== undefined && this.liveCode.get(live) === code.id) this.liveCode.delete(live);
  }

  private remove(code: CodeRecord): void {
    this.codes.delete(code.id);
    const live = key(code.provider, code.phone, code.purpose);
    if (this.liveCode.get(live) === code.id) this.liveCode.delete(live);
    const last = key(code.provider, code.phone);
    if (this.lastCode.get(last) === code.id) this.lastCode.delete(last);
    removeFrom(this.codesByPhone, code.phone, code.id);
    removeFrom(this.codesByAddress, code.address, code.id);
  }

  async put(code: CodeRecord): Promise<void> {
    this.log.open();
    if (this.codes.has(code.id)) throw new Error(`store: code id ${code.id} already exists`);
    const earlier = this.liveCode.get(key(code.provider, code.phone, code.purpose));
    const previous = earlier === undefined ? undefined : this.codes.get(earlier);
    if (previous && previous.consumedAt === undefined)
      this.log.put('codes', { ...previous, consumedAt: code.createdAt });
    this.log.put('codes', clone(code));
    await this.log.commit();
  }

  async last(provider: ProviderId, phone: string): Promise<CodeRecord | undefined> {
    const id = this.lastCode.get(key(provider, phone));
    return id === undefined ? undefined : clone(this.codes.get(id));
  }

  async countSince(filter: { phone?: string; address?: string }, since: string): Promise<number> {
    const from = Date.parse(since);
    const ids =
      filter.phone !== undefined
        ? this.codesByPhone.get(filter.phone)
        : filter.address !== undefined
          ? this.codesByAddress.get(filter.address)
          : new Set(this.codes.keys());
    let count = 0;
    for (const id of ids ?? []) {
      const code = this.codes.get(id)!;
      if (Date.parse(code.createdAt) < from) continue;
      if (filter.address !== undefined && code.address !== filter.address) continue;
      count++;
    }
    return count;
  }

  async check(
    provider: ProviderId,
    phone: string,
    purpose: CodePurpose,
    codeHash: string,
    now: string,
    maxAttempts: number,
  ): Promise<CodeCheck> {
    this.log.open();
    const id = this.liveCode.get(key(provider, phone, purpose));
    const code = id === undefined ? undefined : this.codes.get(id);
    if (!code || code.consumedAt !== undefined) return { ok: false, reason: 'missing' };
    if (Date.parse(code.expiresAt) <= Date.parse(now)) return { ok: false, reason: 'expired' };
    let result: CodeCheck;
    let next: CodeRecord;
    if (equalHashes(code.codeHash, codeHash)) {
      next = { ...code, consumedAt: now };
      result = { ok: true };
    } else {
      const attempts = code.attempts + 1;
      const remaining = Math.max(0, maxAttempts - attempts);
      // At zero the code is dead: no more guesses at it.
      next = remaining === 0 ? { ...code, attempts, consumedAt: now } : { ...code, attempts };
      result = { ok: false, reason: 'wrong', remaining };
    }
    this.log.put('codes', next);
    await this.log.commit();
    return result;
  }
}
