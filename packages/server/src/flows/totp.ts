/**
 * Two-step verification with an authenticator app (docs/flows.md#two-step-verification):
 * RFC 6238 codes (SHA-1, 6 digits, 30 s, as every authenticator app reads an `otpauth://` URI),
 * computed with `otpauth`.
 *
 * - The secret is stored sealed (`Sealer`, AES-256-GCM under the server secret), bound to the
 *   account; without a configured server secret TOTP is not offered, since a per-process key
 *   would lock every enrolled account out at the next restart.
 * - A code is accepted one step either side of now (clock drift), once: the account keeps the
 *   newest time step used (`lastStep`), and a code of that step or an earlier one is refused —
 *   inside the store's atomic update, so two requests with one code cannot both pass.
 * - Ten recovery codes (about 50 bits each) are shown once and stored as HMACs under the server
 *   secret; each works once.
 * - Wrong codes count per account (`twoStepPerAccount`, 5 an hour) across sign-ins, and per
 *   ticket (the preset's code `maxAttempts`): a password holder cannot guess by signing in again.
 */
import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import {
  localText,
  type Authenticated,
  type Locale,
  type ContinueRequest,
  type NeedsProfile,
  type NeedsTwoStep,
} from '@cloud-login/core';
import type { AccountRecord, Frozen, TicketRecord, TotpRecord } from '../store/types.ts';
import { ApiFailure, fail, invalid } from '../middleware/errors.ts';
import type { ProviderContext } from '../context.ts';
import { accountLabel } from './accounts.ts';
import { required } from './fields.ts';
import { notifyAccount } from './notify.ts';
import { issueTicket, restoreTicket } from './tickets.ts';

/** What a sign-in's two-step ticket holds (flows/tickets.ts). */
export interface TwoStepTicket {
  kind: 'two-step';
  accountId: string;
  returnTo?: string;
  /** Wrong codes answered on this ticket. */
  tries: number;
}

/** A secret offered by `POST /account/totp/setup`, waiting for its first code. */
export interface TotpSetupTicket {
  kind: 'totp-setup';
  accountId: string;
  /** Sealed, as on the account once confirmed. */
  secret: string;
  tries: number;
}

const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;
/** Recovery code letters: no 0/o, 1/l/i, so a code copied from paper reads back right. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Whether the preset offers TOTP and this server can keep its secrets. */
export function offersTotp(ctx: ProviderContext): boolean {
  return ctx.sealer !== undefined && (ctx.preset.methods.twoStep ?? []).includes('totp');
}

export function requireTotp(ctx: ProviderContext): NonNullable<ProviderContext['sealer']> {
  if (!offersTotp(ctx)) fail('method_disabled', 'Two-step verification is not offered here.');
  return ctx.sealer!;
}

function totpOf(secret: string, issuer = '', label = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** `abcd efgh …`: the base32 secret in groups of four, for typing into the app. */
export function manualKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** What the authenticator app lists the account as: the preset's name, else this server's host. */
function issuerOf(c: Context, ctx: ProviderContext): string {
  if (ctx.preset.id !== 'default') return localText(ctx.preset.name, 'en');
  return new URL(ctx.publicUrl ?? c.req.url).host;
}

function labelOf(account: Frozen<AccountRecord>): string {
  return account.accountName ?? account.email ?? account.phone ?? account.id;
}

/** A fresh secret (160 bits, RFC 4226's recommendation) with its URI, QR and manual key. */
export async function newTotpSecret(
  c: Context,
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
): Promise<{ secret: string; uri: string; qr: string; manualKey: string }> {
  const secret = new Secret({ size: 20 }).base32;
  const uri = totpOf(secret, issuerOf(c, ctx), labelOf(account)).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    secret,
    uri,
    qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    manualKey: manualKey(secret),
  };
}

/** The time step `code` is right for (one either side of now), or `undefined`. */
export function matchingStep(secret: string, code: string, now: number): number | undefined {
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD) + delta;
}

/** Ten new recovery codes (`xxxxx-xxxxx`) and their HMACs. */
export function newRecoveryCodes(
  ctx: ProviderContext,
  accountId: string,
): { codes: string[]; hashes: string[] } {
  const codes: string[] = [];
  for (let n = 0; n < RECOVERY_CODE_COUNT; n++) {
    let code = '';
    for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    codes.push(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return { codes, hashes: codes.map((code) => recoveryHash(ctx, accountId, code)) };
}

function recoveryHash(ctx: ProviderContext, accountId: string, code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]/g, '');
  return ctx.hashCode(ctx.provider, accountId, 'recovery', normalised);
}

/** Thrown inside a store update to abort it: the code was already used. */
class Spent extends Error {}

/**
 * The time step `code` proves for `secret` (sealed for `accountId`), or the refusal: a malformed
 * code costs no try; a wrong one counts against the account. `field` names the answer's field.
 */
export async function checkTotpCode(
  ctx: ProviderContext,
  accountId: string,
  sealed: string,
  code: string,
  field: string,
): Promise<number> {
  const value = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(value))
    invalid([{ path: field, code: 'invalid_value', message: 'Enter the 6-digit code from your app.' }]);
  await guessBudget(ctx, accountId, field);
  const secret = ctx.sealer?.open(sealed, accountId);
  if (secret === undefined) throw new Error(`cloud-login: the TOTP secret of ${accountId} cannot be opened`);
  const step = matchingStep(secret, value, ctx.now().getTime());
  if (step === undefined) return wrongCode(ctx, accountId, field);
  return step;
}

/** Checks a TOTP code of the account and records its step, once (see the module comment). */
export async function useTotpCode(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  totp: Frozen<TotpRecord>,
  code: string,
  field: string,
): Promise<void> {
  const step = await checkTotpCode(ctx, account.id, totp.secret, code, field);
  try {
    await ctx.store.accounts.update(account.id, (record) => {
      if (!record.totp || record.totp.lastStep >= step) throw new Spent();
      return { ...record, totp: { ...record.totp, lastStep: step } };
    });
  } catch (error) {
    if (error instanceof Spent)
      await wrongCode(ctx, account.id, field, 'This code was already used; wait for the next one.');
    throw error;
  }
  await ctx.throttles.twoStepPerAccount.reset(account.id);
}

/** Spends one of the account's recovery codes; answers how many are left. */
async function useRecoveryCode(ctx: ProviderContext, accountId: string, code: string): Promise<number> {
  const value = code.trim();
  if (value === '' || value.length > 32)
    invalid([{ path: 'recoveryCode', code: 'invalid_value', message: 'Enter one of your recovery codes.' }]);
  await guessBudget(ctx, accountId, 'recoveryCode');
  const hash = recoveryHash(ctx, accountId, value);
  let updated;
  try {
    updated = await ctx.store.accounts.update(accountId, (record) => {
      const codes = record.totp?.recoveryCodes ?? [];
      if (!codes.includes(hash)) throw new Spent();
      return { ...record, totp: { ...record.totp!, recoveryCodes: codes.filter((h) => h !== hash) } };
    });
  } catch (error) {
    if (error instanceof Spent)
      await wrongCode(ctx, accountId, 'recoveryCode', 'This recovery code is not valid or was used.');
    throw error;
  }
  await ctx.throttles.twoStepPerAccount.reset(accountId);
  return updated?.totp?.recoveryCodes.length ?? 0;
}

/** Refuses at once while the account's wrong-code window is full. */
async function guessBudget(ctx: ProviderContext, accountId: string, field: string): Promise<void> {
  const budget = await ctx.throttles.twoStepPerAccount.peek(accountId);
  if (!budget.ok)
    fail('too_many_attempts', 'Too many wrong codes for this account; try again later.', {
      field,
      retryAfter: budget.retryAfter,
    });
}

async function wrongCode(
  ctx: ProviderContext,
  accountId: string,
  field: string,
  message = 'The code is not correct.',
): Promise<never> {
  await ctx.throttles.twoStepPerAccount.hit(accountId);
  fail('invalid_code', message, { field });
}

/** A sign-in whose first step succeeded, for an account with TOTP on: the second step. */
export async function twoStepAnswer(
  ctx: ProviderContext,
  account: AccountRecord,
  returnTo?: string,
): Promise<NeedsTwoStep> {
  const ticket = await issueTicket(ctx, {
    kind: 'two-step',
    accountId: account.id,
    tries: 0,
    ...(returnTo !== undefined && { returnTo }),
  });
  return { status: 'needs_profile', ticket, required: ['totp'], optional: ['recoveryCode'] };
}

/**
 * `POST /continue {ticket, totp | recoveryCode}`: the account once the second step is proven;
 * the caller finishes the sign-in. A wrong code puts the ticket back with one try less; the
 * preset's `code.maxAttempts` wrong codes end it. A recovery code used sends the account a
 * `security_notice` in `locale` saying how many are left: a phone lost, or a code stolen,
 * shows there.
 */
export async function proveTwoStep(
  ctx: ProviderContext,
  ticket: TicketRecord<TwoStepTicket>,
  body: ContinueRequest,
  locale: Locale,
): Promise<AccountRecord> {
  const data = ticket.data;
  const account = await ctx.store.accounts.get(data.accountId);
  if (!account || account.status !== 'active')
    fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
  // Turned off meanwhile (another session, the preset): the first step stands on its own.
  if (!account.totp || !offersTotp(ctx)) return account;
  let recoveryLeft: number | undefined;
  try {
    if (body.recoveryCode !== undefined && body.totp === undefined)
      recoveryLeft = await useRecoveryCode(ctx, account.id, body.recoveryCode);
    else if (body.totp !== undefined) await useTotpCode(ctx, account, account.totp, body.totp, 'totp');
    else invalid([required('totp')]);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'invalid_code') {
      const tries = data.tries + 1;
      if (tries >= ctx.preset.code.maxAttempts)
        fail('too_many_attempts', 'Too many wrong codes; sign in again.', {
          field: error.details.field ?? 'totp',
        });
      await restoreTicket(ctx, { ...ticket, data: { ...data, tries } });
    } else if (error instanceof ApiFailure && error.code === 'too_many_attempts') {
      // The account's window: the same ticket works once it has passed.
      await restoreTicket(ctx, ticket);
    }
    throw error;
  }
  if (recoveryLeft !== undefined)
    await notifyAccount(
      ctx,
      account,
      accountLabel(account),
      'recovery_code_used',
      locale,
      String(recoveryLeft),
    );
  return (await ctx.store.accounts.get(account.id)) ?? account;
}

export type TwoStepAnswer = Authenticated | NeedsProfile | NeedsTwoStep;
