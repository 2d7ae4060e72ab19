/** Sessions in the lowdb store, by token hash; stored frozen, dropped once expired. */
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import type { Frozen, SessionRecord, SessionStore } from '../types.ts';
import { clone, deepFreeze } from './shared.ts';

export class LowdbSessions implements SessionStore, LogCollection {
  private readonly sessions = new Map<string, SessionRecord>();
  /** account id → its sessions' token hashes: the per-account cap and "end the others" read it on every sign-in. */
  private readonly byAccount = new Map<string, Set<string>>();

  constructor(
    private readonly log: CommitLog,
    private readonly now: () => number,
  ) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put !== 'sessions') return;
      this.sessions.set(op.value.tokenHash, deepFreeze(op.value));
      let hashes = this.byAccount.get(op.value.accountId);
      if (!hashes) this.byAccount.set(op.value.accountId, (hashes = new Set()));
      hashes.add(op.value.tokenHash);
    } else {
      const session = this.sessions.get(op.key);
      if (!session) return;
      this.sessions.delete(op.key);
      const hashes = this.byAccount.get(session.accountId);
      hashes?.delete(op.key);
      if (hashes?.size === 0) this.byAccount.delete(session.accountId);
    }
  }

  records(): SessionRecord[] {
    return [...this.sessions.values()];
  }

  prune(now: number): void {
    for (const [hash, session] of this.sessions)
      if (Date.parse(session.expiresAt) <= now) this.log.del('sessions', hash);
  }

  async put(session: SessionRecord): Promise<void> {
    this.log.open();
    this.log.put('sessions', clone(session));
    await this.log.commit();
  }

  async get(tokenHash: string): Promise<SessionRecord | undefined> {
    const session = await this.view(tokenHash);
    return session && clone(session as SessionRecord);
  }

  async view(tokenHash: string): Promise<Frozen<SessionRecord> | undefined> {
    const session = this.sessions.get(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= this.now()) return undefined;
    return session;
  }

  async delete(tokenHash: string): Promise<void> {
    this.log.open();
    if (!this.sessions.has(tokenHash)) return;
    this.log.del('sessions', tokenHash);
    await this.log.commit();
  }

  async listOf(accountId: string): Promise<SessionRecord[]> {
    const now = this.now();
    const found: SessionRecord[] = [];
    for (const hash of this.byAccount.get(accountId) ?? []) {
      const session = this.sessions.get(hash);
      if (session && Date.parse(session.expiresAt) > now) found.push(clone(session as SessionRecord));
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async deleteOf(accountId: string, exceptTokenHash?: string): Promise<number> {
    this.log.open();
    const ended = [...(this.byAccount.get(accountId) ?? [])].filter((hash) => hash !== exceptTokenHash);
    for (const hash of ended) this.log.del('sessions', hash);
    if (ended.length > 0) await this.log.commit();
    return ended.length;
  }

  async touch(tokenHash: string, lastSeenAt: string): Promise<boolean> {
    this.log.open();
    const session = this.sessions.get(tokenHash);
    if (!session) return false;
    this.log.put('sessions', { ...clone(session as SessionRecord), lastSeenAt });
    await this.log.commit();
    return true;
  }
}
