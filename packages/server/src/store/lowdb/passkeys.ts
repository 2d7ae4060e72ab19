/** Passkeys in the lowdb store, by credential id, with an index by account. */
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import type { PasskeyRecord, PasskeyStore, PasskeyUse } from '../types.ts';
import { addTo, clone, deepFreeze, removeFrom } from './shared.ts';

export class LowdbPasskeys implements PasskeyStore, LogCollection {
  private readonly passkeys = new Map<string, PasskeyRecord>();
  private readonly byAccount = new Map<string, Set<string>>();

  constructor(private readonly log: CommitLog) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put !== 'passkeys') return;
      this.passkeys.set(op.value.id, deepFreeze(op.value) as PasskeyRecord);
      addTo(this.byAccount, op.value.accountId, op.value.id);
    } else {
      const passkey = this.passkeys.get(op.key);
      if (!passkey) return;
      this.passkeys.delete(op.key);
      removeFrom(this.byAccount, passkey.accountId, op.key);
    }
  }

  records(): PasskeyRecord[] {
    return [...this.passkeys.values()];
  }

  async create(passkey: PasskeyRecord): Promise<boolean> {
    this.log.open();
    if (this.passkeys.has(passkey.id)) return false;
    this.log.put('passkeys', clone(passkey));
    await this.log.commit();
    return true;
  }

  async get(id: string): Promise<PasskeyRecord | undefined> {
    const passkey = this.passkeys.get(id);
    return passkey && clone(passkey);
  }

  async listOf(accountId: string): Promise<PasskeyRecord[]> {
    return [...(this.byAccount.get(accountId) ?? [])]
      .map((id) => clone(this.passkeys.get(id)!))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async recordUse(id: string, use: PasskeyUse): Promise<boolean> {
    this.log.open();
    const passkey = this.passkeys.get(id);
    if (!passkey) return false;
    if ((use.counter > 0 || passkey.counter > 0) && use.counter <= passkey.counter) return false;
    this.log.put('passkeys', {
      ...clone(passkey),
      counter: use.counter,
      backedUp: use.backedUp,
      lastUsedAt: use.at,
    });
    await this.log.commit();
    return true;
  }

  private own(accountId: string, id: string): PasskeyRecord | undefined {
    const passkey = this.passkeys.get(id);
    return passkey?.accountId === accountId ? passkey : undefined;
  }

  async rename(accountId: string, id: string, name: string): Promise<PasskeyRecord | undefined> {
    this.log.open();
    const passkey = this.own(accountId, id);
    if (!passkey) return undefined;
    const next = { ...clone(passkey), name };
    this.log.put('passkeys', next);
    await this.log.commit();
    return clone(next);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    this.log.open();
    if (!this.own(accountId, id)) return false;
    this.log.del('passkeys', id);
    await this.log.commit();
    return true;
  }
}
