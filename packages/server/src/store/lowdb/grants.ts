/** Grants in the lowdb store, by kind + key; dropped once expired. */
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import type { GrantRecord, GrantStore } from '../types.ts';
import { clone, key } from './shared.ts';

export class LowdbGrants implements GrantStore, LogCollection {
  /** kind + key → grant. */
  private readonly grants = new Map<string, GrantRecord>();

  constructor(
    private readonly log: CommitLog,
    private readonly now: () => number,
  ) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put === 'grants') this.grants.set(key(op.value.kind, op.value.key), op.value);
    } else this.grants.delete(op.key);
  }

  records(): GrantRecord[] {
    return [...this.grants.values()];
  }

  prune(now: number): void {
    for (const [k, grant] of this.grants) if (Date.parse(grant.expiresAt) <= now) this.log.del('grants', k);
  }

  private live(kind: string, k: string, now: string): GrantRecord | undefined {
    const grant = this.grants.get(key(kind, k));
    return grant && Date.parse(grant.expiresAt) > Date.parse(now) ? grant : undefined;
  }

  async put(grant: GrantRecord): Promise<boolean> {
    this.log.open();
    if (this.live(grant.kind, grant.key, new Date(this.now()).toISOString())) return false;
    this.log.put('grants', clone(grant));
    await this.log.commit();
    return true;
  }

  async get<T>(kind: string, k: string, now: string): Promise<GrantRecord<T> | undefined> {
    const grant = this.live(kind, k, now);
    return grant && (clone(grant) as GrantRecord<T>);
  }

  async consume<T>(kind: string, k: string, now: string): Promise<GrantRecord<T> | undefined> {
    this.log.open();
    const grant = this.grants.get(key(kind, k));
    if (!grant) return undefined;
    this.log.del('grants', key(kind, k));
    await this.log.commit();
    return Date.parse(grant.expiresAt) > Date.parse(now) ? (grant as GrantRecord<T>) : undefined;
  }

  async update<T>(
    kind: string,
    k: string,
    now: string,
    change: (data: T) => T,
  ): Promise<GrantRecord<T> | undefined> {
    this.log.open();
    const grant = this.live(kind, k, now);
    if (!grant) return undefined;
    const next = { ...grant, data: clone(change(clone(grant.data) as T)) };
    this.log.put('grants', next);
    await this.log.commit();
    return clone(next) as GrantRecord<T>;
  }
}
