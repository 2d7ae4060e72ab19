/** Accounts in the lowdb store: the records, and an index per uniqueness rule and lookup. */
import type { Idp, ProviderId } from '@cloud-login/core';
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import {
  StoreConflictError,
  type AccountRecord,
  type AccountStore,
  type CreateAccountConflict,
  type CreateAccountOptions,
  type CreateAccountResult,
  type Frozen,
} from '../types.ts';
import { addTo, clone, deepFreeze, key, removeFrom } from './shared.ts';

export class LowdbAccounts implements AccountStore, LogCollection {
  readonly neverRemoves = true;
  /** By id, in creation order. */
  private readonly accounts = new Map<string, AccountRecord>();
  // Indexes, so no request scans all records.
  private readonly byName = new Map<string, string>();
  private readonly byPhone = new Map<string, Set<string>>();
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly byConnection = new Map<string, string>();
  private readonly byParent = new Map<string, Set<string>>();
  private readonly perProvider = new Map<ProviderId, number>();

  constructor(
    private readonly log: CommitLog,
    private readonly now: () => number,
  ) {}

  apply(op: Op): void {
    if (!('put' in op) || op.put !== 'accounts') return;
    deepFreeze(op.value);
    const previous = this.accounts.get(op.value.id);
    if (previous) this.reindex(previous, op.value);
    else this.insert(op.value);
  }

  records(): AccountRecord[] {
    return [...this.accounts.values()];
  }

  private insert(account: AccountRecord): void {
    this.accounts.set(account.id, account);
    if (account.accountNameKey !== undefined)
      this.byName.set(key(account.provider, account.accountNameKey), account.id);
    if (account.phone !== undefined) addTo(this.byPhone, key(account.provider, account.phone), account.id);
    if (account.email !== undefined) addTo(this.byEmail, key(account.provider, account.email), account.id);
    for (const c of account.connections)
      this.byConnection.set(key(account.provider, c.idp, c.subject), account.id);
    if (account.parentId !== undefined) addTo(this.byParent, account.parentId, account.id);
    this.perProvider.set(account.provider, (this.perProvider.get(account.provider) ?? 0) + 1);
  }

  /**
   * Moves the index entries of the fields that changed. Entries of unchanged fields stay where
   * they are, so "oldest holder first" keeps meaning the first account that had the phone.
   */
  private reindex(prev: AccountRecord, next: AccountRecord): void {
    const p = prev.provider;
    this.accounts.set(next.id, next); // same key: keeps its place in the file
    if (prev.accountNameKey !== next.accountNameKey) {
      if (prev.accountNameKey !== undefined) this.byName.delete(key(p, prev.accountNameKey));
      if (next.accountNameKey !== undefined) this.byName.set(key(p, next.accountNameKey), next.id);
    }
    if (prev.phone !== next.phone) {
      if (prev.phone !== undefined) removeFrom(this.byPhone, key(p, prev.phone), next.id);
      if (next.phone !== undefined) addTo(this.byPhone, key(p, next.phone), next.id);
    }
    if (prev.email !== next.email) {
      if (prev.email !== undefined) removeFrom(this.byEmail, key(p, prev.email), next.id);
      if (next.email !== undefined) addTo(this.byEmail, key(p, next.email), next.id);
    }
    const kept = new Set(next.connections.map((c) => key(p, c.idp, c.subject)));
    for (const c of prev.connections) {
      const k = key(p, c.idp, c.subject);
      if (!kept.has(k)) this.byConnection.delete(k);
    }
    for (const k of kept) this.byConnection.set(k, next.id);
    if (prev.parentId !== next.parentId) {
      if (prev.parentId !== undefined) removeFrom(this.byParent, prev.parentId, next.id);
      if (next.parentId !== undefined) addTo(this.byParent, next.parentId, next.id);
    }
  }

  /**
   * The uniqueness rules for `next`, ignoring `next` itself (an update) and checking the email
   * and phone only when they change (an account already over a limit can still be edited).
   */
  private conflictOf(
    next: AccountRecord,
    previous: AccountRecord | undefined,
    options: Partial<CreateAccountOptions>,
  ): CreateAccountConflict | undefined {
    const p = next.provider;
    if (next.accountNameKey !== undefined) {
      const owner = this.byName.get(key(p, next.accountNameKey));
      if (owner !== undefined && owner !== next.id) return 'accountName';
    }
    if (options.emailUnique && next.email !== undefined && next.email !== previous?.email) {
      if ((this.byEmail.get(key(p, next.email))?.size ?? 0) > 0) return 'email';
    }
    const max = options.maxAccountsPerPhone;
    if (max != null && next.phone !== undefined && next.phone !== previous?.phone) {
      if ((this.byPhone.get(key(p, next.phone))?.size ?? 0) >= max) return 'phoneLimit';
    }
    for (const c of next.connections) {
      const owner = this.byConnection.get(key(p, c.idp, c.subject));
      if (owner !== undefined && owner !== next.id) return 'connection';
    }
    return undefined;
  }

  async create(account: AccountRecord, options: CreateAccountOptions): Promise<CreateAccountResult> {
    this.log.open();
    if (this.accounts.has(account.id)) throw new Error(`store: account id ${account.id} already exists`);
    const conflict = this.conflictOf(account, undefined, options);
    if (conflict) return { ok: false, conflict };
    this.log.put('accounts', clone(account));
    await this.log.commit();
    return { ok: true };
  }

  async get(id: string): Promise<AccountRecord | undefined> {
    const account = this.accounts.get(id);
    return account && clone(account);
  }

  async view(id: string): Promise<Frozen<AccountRecord> | undefined> {
    return this.accounts.get(id);
  }

  async findByName(provider: ProviderId, accountNameKey: string): Promise<AccountRecord | undefined> {
    const id = this.byName.get(key(provider, accountNameKey));
    return id === undefined ? undefined : this.get(id);
  }

  private many(ids: Set<string> | undefined): AccountRecord[] {
    return [...(ids ?? [])].map((id) => clone(this.accounts.get(id)!));
  }

  async findByPhone(provider: ProviderId, phone: string): Promise<AccountRecord[]> {
    return this.many(this.byPhone.get(key(provider, phone)));
  }

  async findByEmail(provider: ProviderId, email: string): Promise<AccountRecord[]> {
    return this.many(this.byEmail.get(key(provider, email)));
  }

  async findByConnection(
    provider: ProviderId,
    idp: Idp,
    subject: string,
  ): Promise<AccountRecord | undefined> {
    const id = this.byConnection.get(key(provider, idp, subject));
    return id === undefined ? undefined : this.get(id);
  }

  async listSubaccounts(parentId: string): Promise<AccountRecord[]> {
    return this.many(this.byParent.get(parentId));
  }

  async count(provider?: ProviderId): Promise<number> {
    return provider === undefined ? this.accounts.size : (this.perProvider.get(provider) ?? 0);
  }

  async update(
    id: string,
    change: (account: AccountRecord) => AccountRecord,
    options: Partial<CreateAccountOptions> = {},
  ): Promise<AccountRecord | undefined> {
    this.log.open();
    const current = this.accounts.get(id);
    if (!current) return undefined;
    const next = change(clone(current));
    if (!next || typeof next !== 'object' || next.id !== id || next.provider !== current.provider) {
      throw new Error('store: accounts.update needs a synchronous change that keeps the id and provider');
    }
    const conflict = this.conflictOf(next, current, options);
    if (conflict) throw new StoreConflictError(conflict);
    const stored = { ...clone(next), updatedAt: new Date(this.now()).toISOString() };
    this.log.put('accounts', stored);
    await this.log.commit();
    return clone(stored);
  }
}
