/**
 * Two-step verification of the signed-in account (docs/flows.md#two-step-verification), mounted
 * under `/account/totp` (the session is required there):
 *
 * - `POST /setup` (reauth proof): a new secret — base32, `otpauth://` URI, its QR, the manual
 *   key — and a ticket; nothing changes on the account yet;
 * - `POST /confirm {ticket, code}`: the app's first code turns it on; answers the ten recovery
 *   codes, shown this once;
 * - `POST /recovery-codes` (reauth proof): ten new ones, the old ones dead;
 * - `POST /disable` (reauth proof): off.
 *
 * Turning it on or off sends the account a `security_notice`.
 */
import { Hono } from 'hono';
import { ReauthProofSchema, TotpConfirmRequestSchema, type TotpSetup } from '@cloud-login/core';
import type { TicketRecord } from '../store/types.ts';
import { accountLabel } from '../flows/accounts.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { countAccountChange } from '../flows/limits.ts';
import { localeFor, notifyAccount } from '../flows/notify.ts';
import { requireReauth } from '../flows/reauth.ts';
import { issueTicket, restoreTicket, takeTicket } from '../flows/tickets.ts';
import {
  checkTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  requireTotp,
  type TotpSetupTicket,
} from '../flows/totp.ts';
import { fail } from '../middleware/errors.ts';
import { json, optionalJson } from '../middleware/json.ts';
import { isoNow } from '../context.ts';

export function totpRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .post('/setup', async (c) => {
      const sealer = requireTotp(ctx);
      const body = await optionalJson(c, ReauthProofSchema);
      const { account } = c.get('auth');
      if (account.totp) fail('already_bound', 'Two-step verification is already on; turn it off first.');
      await requireReauth(c, ctx, body);
      await countAccountChange(ctx, account.id);
      const fresh = await newTotpSecret(c, ctx, account);
      const ticket = await issueTicket(ctx, {
        kind: 'totp-setup',
        accountId: account.id,
        secret: sealer.seal(fresh.secret, account.id),
        tries: 0,
      });
      const answer: TotpSetup = { ticket, ...fresh, expiresIn: ctx.preset.ticketTtl };
      return c.json(answer);
    })
    .post('/confirm', json(TotpConfirmRequestSchema), async (c) => {
      requireTotp(ctx);
      const body = c.req.valid('json');
      const { account } = c.get('auth');
      const record = await takeTicket(ctx, body.ticket);
      if (record.data.kind !== 'totp-setup' || record.data.accountId !== account.id)
        fail('ticket_expired', 'This setup has expired; start again.', { field: 'ticket' });
      const ticket = record as TicketRecord<TotpSetupTicket>;
      const data = ticket.data;
      const recovery = newRecoveryCodes(ctx, account.id);
      let step: number;
      try {
        if (account.totp) fail('already_bound', 'Two-step verification is already on.');
        step = await checkTotpCode(ctx, account.id, data.secret, body.code, 'code');
      } catch (error) {
        const code = (error as { code?: string }).code;
        // A mistyped code keeps the setup (a few tries); the account's window keeps it too.
        if (code === 'invalid_code' && data.tries + 1 < ctx.preset.code.maxAttempts)
          await restoreTicket(ctx, { ...ticket, data: { ...data, tries: data.tries + 1 } });
        else if (code === 'validation_failed' || code === 'too_many_attempts')
          await restoreTicket(ctx, ticket);
        throw error;
      }
      await ctx.throttles.twoStepPerAccount.reset(account.id);
      // The confirming code's step is spent: it cannot sign in as well.
      const updated = await ctx.store.accounts.update(account.id, (current) => {
        if (current.totp) fail('already_bound', 'Two-step verification is already on.');
        return {
          ...current,
          totp: {
            secret: data.secret,
            enabledAt: isoNow(ctx),
            lastStep: step,
            recoveryCodes: recovery.hashes,
          },
        };
      });
      if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
      await notifyAccount(
        ctx,
        updated,
        accountLabel(updated),
        'totp_enabled',
        localeFor(c.req.header('Accept-Language'), ctx.preset),
      );
      return c.json({ recoveryCodes: recovery.codes });
    })
    .post('/recovery-codes', async (c) => {
      requireTotp(ctx);
      const body = await optionalJson(c, ReauthProofSchema);
      const { account } = c.get('auth');
      if (!account.totp) fail('not_found', 'Two-step verification is not on.');
      await requireReauth(c, ctx, body);
      await countAccountChange(ctx, account.id);
      const recovery = newRecoveryCodes(ctx, account.id);
      const updated = await ctx.store.accounts.update(account.id, (current) => {
        if (!current.totp) fail('not_found', 'Two-step verification is not on.');
        return { ...current, totp: { ...current.totp, recoveryCodes: recovery.hashes } };
      });
      if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
      return c.json({ recoveryCodes: recovery.codes });
    })
    .post('/disable', async (c) => {
      requireTotp(ctx);
      const body = await optionalJson(c, ReauthProofSchema);
      const { account } = c.get('auth');
      if (!account.totp) fail('not_found', 'Two-step verification is not on.');
      await requireReauth(c, ctx, body);
      await countAccountChange(ctx, account.id);
      const updated = await ctx.store.accounts.update(account.id, (current) => {
        const { totp: _off, ...rest } = current;
        return rest;
      });
      if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
      await notifyAccount(
        ctx,
        updated,
        accountLabel(updated),
        'totp_disabled',
        localeFor(c.req.header('Accept-Language'), ctx.preset),
      );
      return c.body(null, 204);
    });
}
