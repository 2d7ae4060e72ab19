/**
 * The code step of a password sign-in to an account under attack (password login,
 * docs/flows.md#password-login; packages/server/README.md, `POST /sessions`).
 *
 * Failed passwords are counted per account, per address, and per account *and* address. Once an
 * account's window is full it is under attack: an address that already failed for it a few
 * times gets 429 as before, any other address gets one more password check and then
 * `200 NeedsProfile` with `required: ["code"]` — for a right and a wrong password, and for an
 * unknown identifier, alike. Only the right password sends a code (to the account's phone, else
 * its verified email); `POST /continue {ticket, code}` then signs the owner in. So a guesser
 * learns nothing from these answers, and the owner is not locked out by strangers.
 *
 * Nothing a guesser can observe may depend on whether the password was right:
 * - the answer and the store work before it are the same (a ticket); the code is issued and
 *   sent after the answer, never awaited;
 * - the counters stay as for a failure (the attempt is given back only once the code proved it);
 * - a ticket answers its codes by its own count of tries and its own expiry, so a wrong-password
 *   ticket says `invalid_code`, `too_many_attempts` and `code_expired` exactly when a real one
 *   would; the real code is keyed apart from SMS login's (`signin:`), so tries spent through
 *   `POST /sessions/sms` cannot make a real ticket answer differently.
 */
import type { Context } from 'hono';
import type { AccountField, ContinueRequest, NeedsProfile } from '@cloud-login/core';
import { checkCode as checkCodeFormat, issue } from '@cloud-login/core/rules';
import type { AccountRecord, TicketRecord } from '../store/types.ts';
import { ApiFailure, fail, invalid } from '../middleware/errors.ts';
import { isoIn, type AppEnv, type ProviderContext } from '../context.ts';
import { runSteps } from '../rate-limit.ts';
import { tooManySignIns } from './limits.ts';
import { consumeCode, issueCode } from './codes.ts';
import { required } from './fields.ts';
import { requestLocale } from './notify.ts';
import { issueTicket, restoreTicket } from './tickets.ts';

/** What a code step's ticket holds (flows/tickets.ts). */
export interface LoginCodeTicket {
  kind: 'login-code';
  /** The throttle key of the identifier (`account:…`, `name:…`, …). */
  key: string;
  /** The address the step started from: its failure is given back once the code proves it. */
  address: string;
  /** Where the code went (phone or verified email); absent when none was sent. */
  to?: string;
  /** The accounts the right password matched and the code reaches; empty when none. */
  accountIds: string[];
  /** Wrong codes so far, counted by the ticket (the same for every ticket, real or not). */
  tries: number;
  codeExpiresAt: string;
  returnTo?: string;
}

/** The code's key: apart from SMS login's codes to the same phone (see the module comment). */
const codeKey = (to: string) => `signin:${to}`;
const pairKey = (key: string, address: string) => `${key}|${address}`;

/**
 * Counts a password attempt as a failure up front and refuses it when the address's or the
 * account's window is full — unless `codeStep` is allowed and this address has not yet failed
 * for the account too often: then `underAttack` says the answer is the code step.
 * `signInBudget`: refuses first when the account has used up its sign-ins (`checkSignInBudget`).
 * The checks go to the store together (one round trip when it shares the counters).
 */
export async function reserveAttempt(
  ctx: ProviderContext,
  address: string,
  key: string,
  { codeStep = false, signInBudget = false }: { codeStep?: boolean; signInBudget?: boolean } = {},
): Promise<{ underAttack: boolean }> {
  const { loginPerAddress, loginPerAccount, loginPerAccountAddress, signInsPerAccount } = ctx.throttles;
  const pair = pairKey(key, address);
  // In this order everywhere (see runSteps): address, then the pair, then the account.
  const answers = await runSteps([
    ...(signInBudget ? [{ throttle: signInsPerAccount, op: 'peek', key, stop: true } as const] : []),
    { throttle: loginPerAddress, op: 'hit', key: address, stop: true },
    { throttle: loginPerAccountAddress, op: 'hit', key: pair },
    { throttle: loginPerAccount, op: 'hit', key },
  ]);
  const [budget, byAddress, byPair, byAccount] = signInBudget ? answers : [undefined, ...answers];
  if (budget && !budget.ok) tooManySignIns(budget.retryAfter);
  if (!byAddress!.ok)
    fail('rate_limited', 'Too many failed sign-ins from this address.', {
      retryAfter: byAddress!.retryAfter,
    });
  if (!byAccount!.ok) {
    if (codeStep && byPair!.ok) return { underAttack: true };
    await runSteps([
      { throttle: loginPerAddress, op: 'release', key: address },
      ...(byPair!.ok ? [{ throttle: loginPerAccountAddress, op: 'release', key: pair } as const] : []),
    ]);
    fail('too_many_attempts', 'Too many failed sign-ins for this account; try again later.', {
      retryAfter: byAccount!.retryAfter,
    });
  }
  return { underAttack: false };
}

/** The password (or a code step's code) was right: the attempt was no failure after all. */
export async function attemptSucceeded(ctx: ProviderContext, address: string, key: string): Promise<void> {
  const { loginPerAddress, loginPerAccountAddress, loginPerAccount } = ctx.throttles;
  await runSteps([
    { throttle: loginPerAddress, op: 'release', key: address },
    { throttle: loginPerAccountAddress, op: 'reset', key: pairKey(key, address) },
    { throttle: loginPerAccount, op: 'reset', key },
  ]);
}

/** Where an account's code goes: its phone, else its verified email. */
function destination(account: AccountRecord): { channel: 'sms' | 'email'; to: string } | undefined {
  if (account.phone) return { channel: 'sms', to: account.phone };
  if (account.email && account.emailVerified) return { channel: 'email', to: account.email };
  return undefined;
}

/**
 * The answer to a password attempt on an account under attack; `matches` are the accounts the
 * password was right for (none for a wrong password or an unknown identifier).
 */
export async function codeStep(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  matches: AccountRecord[],
  key: string,
  /** The `locale` the sign-in asked for: the code is written in it. */
  asked?: string,
): Promise<NeedsProfile> {
  const address = c.get('address');
  const first = matches[0];
  const target = first ? destination(first) : undefined;
  const accountIds = target
    ? matches.filter((account) => destination(account)?.to === target.to).map((account) => account.id)
    : [];
  const ticket = await issueTicket(ctx, {
    kind: 'login-code',
    key,
    address,
    accountIds,
    tries: 0,
    codeExpiresAt: isoIn(ctx, ctx.preset.code.ttl),
    ...(target && { to: target.to }),
  });
  if (target) {
    const locale = requestLocale(asked, c.req.header('Accept-Language'), ctx.preset);
    // Not awaited: the answer must not take longer when the password was right.
    issueCode(
      ctx,
      { key: codeKey(target.to), channel: target.channel, purpose: 'login', address, field: 'code' },
      (code) =>
        ctx.notifier.sendCode({
          provider: ctx.provider,
          preset: ctx.preset,
          channel: target.channel,
          to: target.to,
          purpose: 'login',
          code,
          locale,
        }),
    ).catch((error: unknown) => {
      // A code sent a moment ago (cooldown) or today's cap: the code already sent still works
      // or the owner waits like anyone else; nothing to report.
      if (error instanceof ApiFailure && (error.code === 'code_cooldown' || error.code === 'rate_limited'))
        return;
      console.error('cloud-login: a sign-in code could not be sent', error);
    });
  }
  const fields: AccountField[] = ['code'];
  return { status: 'needs_profile', ticket, required: fields, optional: [] };
}

/**
 * `POST /continue {ticket, code}` for a code step's ticket: the accounts the code proves (the
 * caller signs in as for a right password), or the refusal.
 */
export async function proveLoginCode(
  ctx: ProviderContext,
  ticket: TicketRecord<LoginCodeTicket>,
  body: ContinueRequest,
): Promise<AccountRecord[]> {
  const data = ticket.data;
  const policy = ctx.preset.code;
  // Refused for its form: `continueFlow` puts the ticket back, and no try is spent.
  const value = body.code?.trim() ?? '';
  if (value === '') invalid([required('code')]);
  const format = checkCodeFormat(value, policy.length);
  if (!format.ok) invalid([issue('code', format.code, format.params)]);
  if (ctx.now().getTime() >= Date.parse(data.codeExpiresAt))
    fail('code_expired', 'The code has expired; sign in again.', { field: 'code' });

  let proven = false;
  if (data.to) {
    try {
      await consumeCode(ctx, codeKey(data.to), 'login', value);
      proven = true;
    } catch (error) {
      // The ticket answers by its own count and expiry (see the module comment).
      if (!(error instanceof ApiFailure) || error.code === 'validation_failed') throw error;
    }
  }
  if (!proven) {
    const tries = data.tries + 1;
    if (tries >= policy.maxAttempts)
      fail('too_many_attempts', 'Too many wrong codes; sign in again.', { field: 'code' });
    await restoreTicket(ctx, { ...ticket, data: { ...data, tries } });
    fail('invalid_code', 'The code is not correct.', { field: 'code' });
  }

  await attemptSucceeded(ctx, data.address, data.key);
  const accounts: AccountRecord[] = [];
  for (const id of data.accountIds) {
    const account = await ctx.store.accounts.get(id);
    if (account?.status === 'active') accounts.push(account);
  }
  if (accounts.length === 0)
    fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
  return accounts;
}
