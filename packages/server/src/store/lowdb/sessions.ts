/** Sessions in the lowdb store, by token hash; stored frozen, dropped once expired. */
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import type { Frozen, SessionRecord, SessionStore } from '../types.ts';
import { clone, deepFreeze } from './shared.ts';

export class LowdbSessions implements SessionStore, LogCollection {
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(
    private readonly log: CommitLog,
    private readonly now: () => number,
  ) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put === 'sessions') this.sessions.set(op.value.tokenHash, deepFreeze(op.value));
    } else this.sessions.delete(op.key);
  }

  records(): SessionRecord[] {
    return [...this.sessions.values()];
  }

  prune(now: number): void {
    for (const [hash, session] of this.sessions) if (Date.parse(session.expiresAt) <= now) this.log.del('sessions', hash);
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
}
