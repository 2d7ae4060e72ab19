/** Flow tickets and email links in the lowdb store: single-use records by token hash. */
import type { ProviderId } from '@cloud-login/core';
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { Op } from '../journal.ts';
import type { EmailLinkRecord, EmailLinkStore, TicketRecord, TicketStore } from '../types.ts';
import { clone } from './shared.ts';

export class LowdbTickets implements TicketStore, LogCollection {
  private readonly tickets = new Map<string, TicketRecord>();

  constructor(private readonly log: CommitLog) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put === 'tickets') this.tickets.set(op.value.tokenHash, op.value);
    } else this.tickets.delete(op.key);
  }

  records(): TicketRecord[] {
    return [...this.tickets.values()];
  }

  prune(now: number): void {
    for (const [hash, ticket] of this.tickets)
      if (Date.parse(ticket.expiresAt) <= now) this.log.del('tickets', hash);
  }

  async put(ticket: TicketRecord): Promise<void> {
    this.log.open();
    this.log.put('tickets', clone(ticket));
    await this.log.commit();
  }

  async consume<T>(
    provider: ProviderId,
    tokenHash: string,
    now: string,
  ): Promise<TicketRecord<T> | undefined> {
    this.log.open();
    const ticket = this.tickets.get(tokenHash);
    if (!ticket || ticket.provider !== provider) return undefined;
    this.log.del('tickets', tokenHash);
    await this.log.commit();
    return Date.parse(ticket.expiresAt) <= Date.parse(now) ? undefined : (ticket as TicketRecord<T>);
  }
}

export class LowdbEmailLinks implements EmailLinkStore, LogCollection {
  private readonly links = new Map<string, EmailLinkRecord>();

  constructor(private readonly log: CommitLog) {}

  apply(op: Op): void {
    if ('put' in op) {
      if (op.put === 'emailLinks') this.links.set(op.value.tokenHash, op.value);
    } else this.links.delete(op.key);
  }

  records(): EmailLinkRecord[] {
    return [...this.links.values()];
  }

  prune(now: number): void {
    for (const [hash, link] of this.links)
      if (Date.parse(link.expiresAt) <= now) this.log.del('emailLinks', hash);
  }

  async put(link: EmailLinkRecord): Promise<void> {
    this.log.open();
    this.log.put('emailLinks', clone(link));
    await this.log.commit();
  }

  async peek(tokenHash: string, now: string): Promise<EmailLinkRecord | undefined> {
    const link = this.links.get(tokenHash);
    if (!link || link.usedAt !== undefined || Date.parse(link.expiresAt) <= Date.parse(now)) return undefined;
    return clone(link);
  }

  async consume(
    tokenHash: string,
    now: string,
  ): Promise<{ ok: true; link: EmailLinkRecord } | { ok: false; reason: 'missing' | 'expired' }> {
    this.log.open();
    const link = this.links.get(tokenHash);
    if (!link || link.usedAt !== undefined) return { ok: false, reason: 'missing' };
    if (Date.parse(link.expiresAt) <= Date.parse(now)) return { ok: false, reason: 'expired' };
    const used = { ...link, usedAt: now };
    this.log.put('emailLinks', used);
    await this.log.commit();
    return { ok: true, link: clone(used) };
  }
}
