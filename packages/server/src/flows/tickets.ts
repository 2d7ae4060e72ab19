/**
 * Flow tickets (API.md "Flows and tickets"): the server keeps a multi-step flow's state, the
 * client holds only an opaque 256-bit ticket. Stored hashed, single use (consumed inside the
 * store), 10 minutes (the preset's `ticketTtl`). Every step that needs another one issues a new
 * ticket.
 */
import { hashSecret, randomToken } from '../crypto.ts';
import type { TicketRecord } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { isoIn, isoNow, type ProviderContext } from './context.ts';

export type TicketData =
  /** Several accounts matched a sign-in; the user picks one of `accountIds` (F5, F6). */
  | { kind: 'choose-account'; accountIds: string[]; returnTo?: string }
  /** The account exists but lacks profile fields (Tencent's industry, F4). */
  | { kind: 'profile'; accountId: string; required: string[]; optional: string[]; returnTo?: string };

export type TicketKind = TicketData['kind'];

export async function issueTicket(ctx: ProviderContext, data: TicketData): Promise<string> {
  const token = randomToken();
  await ctx.store.putTicket({
    tokenHash: hashSecret(token),
    provider: ctx.provider,
    kind: data.kind,
    data,
    createdAt: isoNow(ctx),
    expiresAt: isoIn(ctx, ctx.preset.ticketTtl),
  });
  return token;
}

/** Consumes the ticket or answers 410 `ticket_expired` (unknown, used and expired alike). */
export async function takeTicket(ctx: ProviderContext, token: string): Promise<TicketRecord<TicketData>> {
  const record = await ctx.store.consumeTicket<TicketData>(ctx.provider, hashSecret(token), isoNow(ctx));
  if (!record) fail('ticket_expired', 'This step has expired or was already used; start again.', { field: 'ticket' });
  return record;
}

/**
 * Puts a consumed ticket back, unchanged (same expiry), when the step's answer was refused for
 * its input — a mistyped field should not cost the user the whole flow.
 */
export async function restoreTicket(ctx: ProviderContext, record: TicketRecord<TicketData>): Promise<void> {
  await ctx.store.putTicket(record);
}
