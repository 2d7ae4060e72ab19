/**
 * Flow tickets (packages/server/README.md, "Flows and tickets"): the server keeps a multi-step
 * flow's state, the client holds only an opaque 256-bit ticket. Stored hashed, single use
 * (consumed inside the store), for the preset's `ticketTtl` (10 minutes). Every step that needs
 * another one issues a new ticket. One type for every kind, so every ticket is issued and taken
 * the same way.
 */
import type { Idp, Locale } from '@cloud-login/core';
import { hashSecret, randomToken, safeEqual } from '../crypto.ts';
import type { TicketRecord } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { isoIn, isoNow, type ProviderContext } from '../context.ts';
import type { LoginCodeTicket } from './login-code.ts';
import type { TotpSetupTicket, TwoStepTicket } from './totp.ts';

/** The steps of a first-time third-party login; each is one ticket kind, `connection:<step>`. */
export type ConnectionStep = 'start' | 'phone' | 'choose' | 'password' | 'email' | 'create';

/** A first-time third-party login (docs/flows.md#third-party-login): the identity rides in the ticket. */
export interface ConnectionTicket {
  kind: `connection:${ConnectionStep}`;
  idp: Idp;
  /** unionid or openid: the connection's key. */
  subject: string;
  returnTo?: string;
  /** Proven by a code in the `phone` step. */
  phone?: string;
  email?: string;
  /** The provider's name for the person (WeChat nickname), shown at each step (002). */
  nickname?: string;
  /** The phone on the provider's account (JD), unproven: only the contact phone's first value (001). */
  idpPhone?: string;
  /** Agreements accepted at the `phone` step, for an account created without another step (002). */
  agreements?: string[];
  /** The accounts offered by the `choose` step; the `password` step's one account. */
  accountIds?: string[];
  createNew?: boolean;
  /** See `FlowBound`. */
  flowHash?: string;
}

/** The OAuth `state` of a third-party login on its way to the identity provider and back. */
export interface ConnectionState {
  kind: 'connection-state';
  idp: Idp;
  /** `bind`: a popup for a signed-in account; its ticket is a `bind-identity` (account-connections.ts). */
  mode: 'popup' | 'redirect' | 'bind';
  returnTo?: string;
  /** Where the popup may `postMessage` the result: `returnTo`'s origin, else this server's. */
  target: string;
  /** Hash of the browser-binding cookie's value. */
  binding: string;
  /** The `flowHash` the tab sent: the callback's ticket is bound to it (see `FlowBound`). */
  flowHash?: string;
  /** The element's locale: the popup's pages are written in it. */
  locale?: Locale;
}

/** A password reset once its code is proven: the account chooser when needed, then the new password. */
export type ResetTicket =
  /** Several accounts share the proven phone or email: the person picks one of `accountIds`. */
  | { kind: 'reset:choose'; accountIds: string[]; locale: Locale }
  /** The account is chosen: the next answer is its new password. */
  | { kind: 'reset:password'; accountId: string; locale: Locale; tries: number };

export type TicketData =
  /** Several accounts matched a sign-in; the user picks one of `accountIds` (password login, SMS login). */
  | { kind: 'choose-account'; accountIds: string[]; returnTo?: string }
  /** A password sign-in to an account under attack: a code finishes it (login-code.ts). */
  | LoginCodeTicket
  /** The account exists but lacks profile fields (Tencent Cloud's industry). */
  | {
      kind: 'profile';
      accountId: string;
      required: string[];
      optional: string[];
      returnTo?: string;
      /** See `FlowBound`. */
      flowHash?: string;
    }
  | ConnectionTicket
  | ConnectionState
  /** An identity to add to a signed-in account (`POST /account/connections`); signs nobody in. */
  | { kind: 'bind-identity'; idp: Idp; subject: string }
  | ResetTicket
  /** Two-step verification (flows/totp.ts): a sign-in's second step, an app being set up. */
  | TwoStepTicket
  | TotpSetupTicket
  /** A registration's code spent at its own step (`POST /codes/verify`): stands in for the code on `POST /accounts`. */
  | { kind: 'register-code'; phone: string };

export type TicketKind = TicketData['kind'];

export function isConnectionTicket(
  record: TicketRecord<TicketData>,
): record is TicketRecord<ConnectionTicket> {
  return record.data.kind.startsWith('connection:');
}

export async function issueTicket(ctx: ProviderContext, data: TicketData): Promise<string> {
  const token = randomToken();
  await ctx.store.tickets.put({
    tokenHash: hashSecret(token),
    provider: ctx.provider,
    kind: data.kind,
    data,
    createdAt: isoNow(ctx),
    expiresAt: isoIn(ctx, ctx.preset.ticketTtl),
  });
  return token;
}

/** Consumes the ticket; `undefined` when unknown, used or expired. */
export function consumeTicket(
  ctx: ProviderContext,
  token: string,
): Promise<TicketRecord<TicketData> | undefined> {
  return ctx.store.tickets.consume<TicketData>(ctx.provider, hashSecret(token), isoNow(ctx));
}

/** A `flowHash` in the body: SHA-256 hex, as the elements compute it. */
export const FLOW_HASH = /^[0-9a-f]{64}$/;

/**
 * A ticket handed to a page through the address (`#cl_ticket`) could be carried to another
 * browser — an attacker's own ticket in a link signs the victim into the attacker's account
 * (login CSRF). So such a ticket records `flowHash`, the SHA-256 of a secret the tab that
 * started the flow keeps (in its storage, never in a URL), and `POST /continue` must present
 * that secret as `flowSecret`. A cookie cannot do this: the page and the API are often on
 * different sites, where the API's cookies are third-party and blocked.
 */
export interface FlowBound {
  flowHash?: string;
}

/**
 * Consumes the ticket or answers 410 `ticket_expired` (unknown, used and expired alike — and a
 * ticket bound to a flow secret that is missing or wrong, which is spent all the same, so a
 * ticket carried to another browser is good for nothing).
 */
export async function takeTicket(
  ctx: ProviderContext,
  token: string,
  flowSecret?: string,
): Promise<TicketRecord<TicketData>> {
  const record = await consumeTicket(ctx, token);
  if (!record)
    fail('ticket_expired', 'This step has expired or was already used; start again.', { field: 'ticket' });
  const bound = (record.data as FlowBound).flowHash;
  if (bound !== undefined && (flowSecret === undefined || !safeEqual(hashSecret(flowSecret), bound)))
    fail('ticket_expired', 'This step was not started in this browser; start again.', { field: 'ticket' });
  return record;
}

/**
 * Puts a consumed ticket back, unchanged (same expiry), when the step's answer was refused for
 * its input — a mistyped field should not cost the user the whole flow.
 */
export async function restoreTicket(ctx: ProviderContext, record: TicketRecord<TicketData>): Promise<void> {
  await ctx.store.tickets.put(record);
}
