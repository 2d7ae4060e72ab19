/**
 * `POST /continue`: advances a flow ticket with the fields its step asked for. The ticket is
 * consumed first (single use, atomic in the store); when the answer is refused for its input
 * (a mistyped industry, an account that was not offered) the same ticket is put back, so a typo
 * does not throw the user out of the flow.
 */
import type { Context } from 'hono';
import type { ContinueRequest, FieldIssue, ResetStep } from '@cloud-login/core';
import type { TicketRecord } from '../store/types.ts';
import { ApiFailure, fail } from '../middleware/errors.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { continueLoginCode, type SignInAnswer } from './login.ts';
import { continueConnection } from './bind.ts';
import { localeFor } from './notify.ts';
import { continueReset, isResetTicket } from './password-reset.ts';
import { afterTwoStep, completeSignIn, startSession } from './sessions.ts';
import { isConnectionTicket, restoreTicket, takeTicket, type TicketData } from './tickets.ts';
import { proveTwoStep } from './totp.ts';

function refuse(issues: FieldIssue[]): never {
  throw new ApiFailure('validation_failed', 'The step was not answered as asked.', {
    field: issues[0]!.path,
    issues,
  });
}

export async function continueFlow(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: ContinueRequest,
): Promise<SignInAnswer | ResetStep> {
  const ticket = await takeTicket(ctx, body.ticket, body.flowSecret);
  // A reset puts its own tickets back (it counts the passwords refused).
  if (isResetTicket(ticket as TicketRecord<unknown>))
    return continueReset(c, ctx, ticket as TicketRecord<never>, body);
  try {
    return await advance(c, ctx, ticket, body);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'validation_failed') await restoreTicket(ctx, ticket);
    throw error;
  }
}

async function advance(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  ticket: TicketRecord<TicketData>,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  const data = ticket.data;
  switch (data.kind) {
    case 'choose-account': {
      if (body.createNew)
        refuse([
          {
            path: 'createNew',
            code: 'invalid_value',
            message: 'Creating a new account is not offered at this step.',
          },
        ]);
      if (!body.accountId)
        refuse([{ path: 'accountId', code: 'field_required', message: 'accountId is required.' }]);
      if (!data.accountIds.includes(body.accountId)) {
        refuse([
          { path: 'accountId', code: 'invalid_value', message: 'Choose one of the accounts offered.' },
        ]);
      }
      const account = await ctx.store.accounts.get(body.accountId);
      if (!account)
        fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
      return completeSignIn(c, ctx, account, data.returnTo);
    }
    case 'login-code':
      return continueLoginCode(c, ctx, { ...ticket, data }, body);
    case 'two-step': {
      const locale = localeFor(c.req.header('Accept-Language'), ctx.preset);
      const account = await proveTwoStep(ctx, { ...ticket, data }, body, locale);
      return afterTwoStep(c, ctx, account, data.returnTo);
    }
    case 'profile': {
      const industry = body.industry?.trim();
      if (data.required.includes('industry')) {
        if (!industry)
          refuse([{ path: 'industry', code: 'field_required', message: 'industry is required.' }]);
        if (!ctx.preset.industries.some((entry) => entry.id === industry)) {
          refuse([{ path: 'industry', code: 'invalid_value', message: 'Unknown industry.' }]);
        }
      }
      const account = await ctx.store.accounts.update(data.accountId, (record) => ({
        ...record,
        ...(industry !== undefined && data.required.includes('industry') && { industry }),
      }));
      if (!account)
        fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
      return startSession(c, ctx, account, data.returnTo);
    }
    default:
      // Third-party login (docs/flows.md#third-party-login): its tickets and steps live in bind.ts.
      if (isConnectionTicket(ticket)) return continueConnection(c, ctx, ticket, body);
      // A ticket of a kind this server version does not know (written by a newer one).
      fail('ticket_expired', 'This step cannot be continued here; start again.', { field: 'ticket' });
  }
}
