/**
 * Forgot password: `POST /password-resets` sends a code, `POST /password-resets/verify` spends it,
 * and `POST /continue` takes the account (when several share the phone or email) and then the new
 * password. The codes are the codes policy's (docs/codes.md) with purpose `reset`, issued by
 * `issueCode` like every other code.
 *
 * No enumeration. What the person typed decides the answer's shape, never the store: an unknown
 * identifier gets the same `202` after the same store work (its code is stored and counts
 * against the same cooldown and caps, it is only not sent), and the code goes out in the
 * background, so a slow gateway cannot tell an account apart by time. Only someone who holds the
 * code learns anything about the accounts behind it (the chooser, `use_parent_login`,
 * `use_main_account`).
 *
 * Codes and their limits are keyed by the identifier as typed: the phone, the email, or
 * `name:` + the account-name key (for a name, the code goes to the account's phone or verified
 * email, which the answer must not depend on).
 */
import type { Context } from 'hono';
import type {
  ContinueRequest,
  Locale,
  NeedsNewPassword,
  PasswordResetRequest,
  PasswordResetVerifyRequest,
  ResetSent,
  ResetStep,
} from '@cloud-login/core';
import { parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import {
  checkEmail,
  issue,
  looksLikePhone,
  normalizeAccountName,
  normalizeEmail,
} from '@cloud-login/core/rules';
import { hashPassword, verifyPassword } from '../passwords.ts';
import type { AccountRecord, TicketRecord } from '../store/types.ts';
import { ApiFailure, fail, invalid } from '../middleware/errors.ts';
import { accountLabel, chooserEntry } from './accounts.ts';
import { consumeCode, issueCode } from './codes.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { must, passwordField, required } from './fields.ts';
import { notifyAccount, requestLocale } from './notify.ts';
import type { SignInAnswer } from './login.ts';
import { completeSignIn } from './sessions.ts';
import { issueTicket, type ResetTicket } from './tickets.ts';

type Channel = ResetSent['channel'];

/** What the identifier is, from its form alone. `key` keys the code and its limits. */
type Target =
  | { kind: 'phone'; key: string; phone: string }
  | { kind: 'email'; key: string; email: string }
  | { kind: 'name'; key: string; nameKey: string };

/** New passwords a reset ticket may refuse (rules, `password_reused`) before it dies. */
export const RESET_PASSWORD_TRIES = 5;

export function isResetTicket(record: TicketRecord<unknown>): record is TicketRecord<ResetTicket> {
  return record.kind === 'reset:choose' || record.kind === 'reset:password';
}

function refuse(path: string, message: string): never {
  invalid([{ path, code: 'invalid_value', message }]);
}

function parseIdentifier(ctx: ProviderContext, identifier: string): Target {
  const text = identifier.trim();
  if (text === '') invalid([required('identifier')]);
  if (text.includes('@')) {
    if (!checkEmail(text).ok) invalid([issue('identifier', 'email_invalid')]);
    const email = normalizeEmail(text);
    return { kind: 'email', key: email, email };
  }
  const parsed = looksLikePhone(text) ? parsePhone(text, ctx.preset.phone, phoneMetadata) : undefined;
  if (parsed?.ok) return { kind: 'phone', key: parsed.e164, phone: parsed.e164 };
  if (ctx.preset.accountName) {
    const nameKey = normalizeAccountName(text);
    return { kind: 'name', key: `name:${nameKey}`, nameKey };
  }
  invalid([issue('identifier', parsed && !parsed.ok ? parsed.code : 'phone_invalid')]);
}

/** The channel asked for, or the identifier's natural one; only the form decides. */
function channelFor(ctx: ProviderContext, target: Target, asked: Channel | undefined): Channel {
  if (target.kind === 'email') {
    if (asked !== undefined && asked !== 'email')
      refuse('channel', 'A code for an email identifier goes to that email.');
    return 'email';
  }
  const channel = asked ?? 'sms';
  if (target.kind === 'phone' && channel === 'email')
    refuse('channel', 'A code for a phone identifier goes to that phone.');
  if (channel !== 'email' && !ctx.preset.code.channels.includes(channel)) {
    fail('method_disabled', `${channel} codes are not offered here.`, { field: 'channel' });
  }
  return channel;
}

function localeOf(c: Context<AppEnv>, ctx: ProviderContext, asked: string | undefined): Locale {
  return requestLocale(asked, c.req.header('Accept-Language'), ctx.preset);
}

/** Every account the identifier reaches, any kind or state: who may reset is decided after the code. */
async function holders(ctx: ProviderContext, target: Target): Promise<AccountRecord[]> {
  switch (target.kind) {
    case 'phone':
      return ctx.store.accounts.findByPhone(ctx.provider, target.phone);
    case 'email':
      // An address nobody proved is no way into an account (squatted sub-account emails).
      return (await ctx.store.accounts.findByEmail(ctx.provider, target.email)).filter(
        (account) => account.emailVerified,
      );
    case 'name': {
      const account = await ctx.store.accounts.findByName(ctx.provider, target.nameKey);
      return account ? [account] : [];
    }
  }
}

/** Where the code goes, or nowhere (no account, no phone, no verified email). */
function destination(target: Target, channel: Channel, accounts: AccountRecord[]): string | undefined {
  if (accounts.length === 0) return undefined;
  if (target.kind === 'phone') return target.phone;
  if (target.kind === 'email') return target.email;
  const account = accounts[0]!;
  if (channel === 'email') return account.emailVerified ? account.email : undefined;
  return account.phone;
}

function requirePasswordLogin(ctx: ProviderContext) {
  if (!ctx.preset.methods.login.includes('password'))
    fail('method_disabled', 'Password login is not offered here.');
}

export async function requestReset(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: PasswordResetRequest,
): Promise<ResetSent> {
  requirePasswordLogin(ctx);
  const target = parseIdentifier(ctx, body.identifier);
  const channel = channelFor(ctx, target, body.channel);
  const locale = localeOf(c, ctx, body.locale);
  const to = destination(target, channel, await holders(ctx, target));
  const sent = await issueCode(
    ctx,
    { key: target.key, channel, purpose: 'reset', address: c.get('address'), field: 'identifier' },
    async (code) => {
      if (to === undefined) return;
      // Not awaited: the answer must not wait for a gateway that only known accounts reach.
      ctx.notifier
        .sendCode({ provider: ctx.provider, preset: ctx.preset, channel, to, purpose: 'reset', code, locale })
        .catch((error: unknown) =>
          console.error('cloud-login: a password reset code could not be sent', error),
        );
    },
  );
  return { status: 'reset_sent', channel, ...sent };
}

/** Whether this account's password may be reset here, or the refusal that says where to go. */
function refusal(account: AccountRecord): 'use_parent_login' | 'use_main_account' | 'inactive' | undefined {
  if (account.status !== 'active') return 'inactive';
  if (account.legacy) return 'use_parent_login';
  if (account.kind !== 'main') return 'use_main_account';
  return undefined;
}

function refuseAccount(reason: 'use_parent_login' | 'use_main_account' | 'inactive'): never {
  if (reason === 'use_parent_login')
    fail('use_parent_login', 'This is an older JD account: log in with JD login; its password is JD’s.', {
      field: 'identifier',
    });
  if (reason === 'use_main_account')
    fail('use_main_account', 'This is a sub-account: its main account resets its password.', {
      field: 'identifier',
    });
  fail(
    'identifier_not_loginable',
    'This account is not activated yet; follow the link in the activation email first.',
    { field: 'identifier' },
  );
}

async function askPassword(
  ctx: ProviderContext,
  account: AccountRecord,
  locale: Locale,
): Promise<NeedsNewPassword> {
  const ticket = await issueTicket(ctx, { kind: 'reset:password', accountId: account.id, locale, tries: 0 });
  return { status: 'needs_profile', ticket, required: ['newPassword'], optional: [] };
}

export async function verifyReset(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: PasswordResetVerifyRequest,
): Promise<ResetStep> {
  requirePasswordLogin(ctx);
  const target = parseIdentifier(ctx, body.identifier);
  // Its answers must not tell a known identifier from an unknown one (packages/server/README.md,
  // "Forgot password"), so a code used up by wrong tries reads as a wrong code.
  await consumeCode(ctx, target.key, 'reset', body.code, { hideUsedUp: true });
  const locale = localeOf(c, ctx, body.locale);
  const accounts = await holders(ctx, target);
  const open = accounts.filter((account) => refusal(account) === undefined);
  if (open.length === 0) {
    // The code of an identifier without accounts is never sent: only a guess gets here.
    if (accounts.length === 0) fail('invalid_code', 'The code is not correct.', { field: 'code' });
    const reasons = accounts.map(refusal);
    refuseAccount(
      reasons.find((reason) => reason === 'use_parent_login') ??
        reasons.find((reason) => reason === 'use_main_account') ??
        'inactive',
    );
  }
  if (open.length === 1) return askPassword(ctx, open[0]!, locale);
  const ticket = await issueTicket(ctx, {
    kind: 'reset:choose',
    accountIds: open.map((account) => account.id),
    locale,
  });
  return {
    status: 'choose_account',
    ticket,
    accounts: await Promise.all(open.map((account) => chooserEntry(ctx, account))),
  };
}

/**
 * `POST /continue` for a reset ticket (already consumed by the caller). A refused answer puts the
 * ticket back (a new password up to `RESET_PASSWORD_TRIES` times: each refusal of a password
 * costs a hash check against the current one).
 */
export async function continueReset(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  ticket: TicketRecord<ResetTicket>,
  body: ContinueRequest,
): Promise<SignInAnswer | ResetStep> {
  const data = ticket.data;
  try {
    if (data.kind === 'reset:choose') return await choose(ctx, data, body);
    return await setPassword(c, ctx, data, body);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'validation_failed') {
      const tries =
        data.kind === 'reset:password' && body.newPassword !== undefined ? data.tries + 1 : undefined;
      if (tries === undefined) await ctx.store.tickets.put(ticket);
      else if (tries < RESET_PASSWORD_TRIES)
        await ctx.store.tickets.put({ ...ticket, data: { ...data, tries } as ResetTicket });
    }
    throw error;
  }
}

async function chosenAccount(ctx: ProviderContext, id: string): Promise<AccountRecord> {
  const account = await ctx.store.accounts.get(id);
  if (!account || account.provider !== ctx.provider)
    fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
  const reason = refusal(account);
  if (reason) refuseAccount(reason);
  return account;
}

async function choose(
  ctx: ProviderContext,
  data: Extract<ResetTicket, { kind: 'reset:choose' }>,
  body: ContinueRequest,
): Promise<NeedsNewPassword> {
  if (body.createNew) refuse('createNew', 'Creating a new account is not offered at this step.');
  if (!body.accountId) invalid([required('accountId')]);
  // Only the accounts the proven phone or email reached, never another one of the provider.
  if (!data.accountIds.includes(body.accountId)) refuse('accountId', 'Choose one of the accounts offered.');
  return askPassword(ctx, await chosenAccount(ctx, body.accountId), data.locale);
}

async function setPassword(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: Extract<ResetTicket, { kind: 'reset:password' }>,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  if (body.newPassword === undefined || body.newPassword === '') invalid([required('newPassword')]);
  const account = await chosenAccount(ctx, data.accountId);
  const password = must(passwordField(ctx.preset, 'newPassword', body.newPassword, account.accountName));
  if (account.passwordHash && (await verifyPassword(account.passwordHash, password)))
    invalid([issue('newPassword', 'password_reused')]);
  const passwordHash = await hashPassword(password);
  const updated = await ctx.store.accounts.update(account.id, (record) => ({ ...record, passwordHash }));
  if (!updated)
    fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
  // Whoever held the old password (or a stolen session) is out; the person who reset is signed in below.
  await ctx.store.sessions.deleteOf(updated.id);
  await clearLoginThrottle(ctx, updated);
  await notifyAccount(ctx, updated, accountLabel(updated), 'password_reset', data.locale);
  return completeSignIn(c, ctx, updated);
}

/** The failed-login windows that could keep the owner out (the keys `flows/login.ts` counts under). */
async function clearLoginThrottle(ctx: ProviderContext, account: AccountRecord): Promise<void> {
  const keys = [`account:${account.id}`];
  if (account.phone) keys.push(`phone:${ctx.provider}:${account.phone}`);
  if (account.email) keys.push(`email:${ctx.provider}:${account.email}`);
  if (account.accountNameKey) keys.push(`name:${ctx.provider}:${account.accountNameKey}`);
  for (const key of keys) await ctx.throttles.loginPerAccount.reset(key);
}
