/**
 * `POST /continue`: the step after a ticket. Third-party logins and password resets go to their
 * own modules; choosing an account and completing the profile are answered here.
 */
import { isRetryable, type FieldIssue } from '@cloud-login/core';
import { issue } from '@cloud-login/core/rules';
import { advanceConnection } from './connections.ts';
import { HttpError } from './http.ts';
import { continueReset } from './password-resets.ts';
import type { FakeState } from './state.ts';
import { continueTwoStep } from './totp.ts';

export function continueFlow(fake: FakeState, body: Record<string, unknown>): Response {
  const id = fake.str(body, 'ticket');
  const ticket = fake.tickets.get(id);
  if (!ticket) throw new HttpError('ticket_expired');
  fake.tickets.delete(id); // single use
  if (ticket.kind === 'connection') {
    try {
      return advanceConnection(fake, ticket, body);
    } catch (error) {
      if (error instanceof HttpError && isRetryable(error.code)) fake.tickets.set(id, ticket);
      throw error;
    }
  }
  if (ticket.kind === 'reset') return continueReset(fake, id, ticket, body);
  if (ticket.kind === 'two-step') return continueTwoStep(fake, id, ticket, body);
  if (ticket.kind === 'totp-setup') throw new HttpError('ticket_expired');
  if (ticket.kind === 'choose') {
    if (body.createNew === true && ticket.createNew) {
      return fake.needsProfile(ticket.accountIds[0] ?? fake.next('account'), ['accountName', 'password']);
    }
    const accountId = fake.str(body, 'accountId');
    const account = fake.accounts.find((a) => a.id === accountId && ticket.accountIds.includes(a.id));
    if (!account) throw new HttpError('not_found', { field: 'accountId' });
    return fake.authenticate(account);
  }
  const account = fake.accounts.find((a) => a.id === ticket.accountId);
  if (!account) throw new HttpError('ticket_expired');
  const issues: FieldIssue[] = [];
  for (const field of ticket.required) {
    const value = fake.str(body, field);
    if (!value) issues.push(issue(field, 'field_required'));
    else if (field === 'industry' && !fake.preset.industries.some((i) => i.id === value)) {
      issues.push({ path: 'industry', code: 'invalid_value', message: 'unknown industry' });
    }
  }
  if (issues.length) {
    // A refused answer keeps the step open: hand out a fresh ticket for the retry.
    fake.tickets.set(id, ticket);
    throw new HttpError('validation_failed', { issues });
  }
  if (ticket.required.includes('industry')) account.industry = fake.str(body, 'industry');
  return fake.authenticate(account, fake.pendingActivation.get(account.id)?.returnTo);
}
