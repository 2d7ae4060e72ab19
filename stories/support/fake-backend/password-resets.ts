/** Password resets (`POST /password-resets`, `/password-resets/verify`, then `POST /continue`). */
import { issue, toIssue } from '@cloud-login/core/rules';
import { checkPassword } from '@cloud-login/core/rules/password-checks';
import { HttpError, json } from './http.ts';
import { FAKE_CODE, type FakeAccount } from './seeds.ts';
import type { FakeState } from './state.ts';

/** `POST /password-resets`: always 202; a code goes out only to an account's phone or verified email. */
export function requestReset(fake: FakeState, body: Record<string, unknown>): Response {
  const identifier = fake.str(body, 'identifier');
  const channel = fake.str(body, 'channel') || (identifier.includes('@') ? 'email' : 'sms');
  const now = Date.now();
  const last = fake.lastSent.get(`reset|${identifier}`);
  const resendAfter = fake.preset.code.resendAfter;
  if (last !== undefined && now - last < resendAfter * 1000)
    throw new HttpError('code_cooldown', { retryAfter: Math.ceil(resendAfter - (now - last) / 1000) });
  fake.lastSent.set(`reset|${identifier}`, now);
  fake.codes.set(`${identifier}|reset`, { sentAt: now, wrong: 0, dead: false });
  const to = resetAccounts(fake, identifier)[0];
  if (to)
    fake.record({
      channel: channel as 'sms',
      to: (channel === 'email' ? to.email : to.phone)!,
      purpose: 'reset',
      code: FAKE_CODE,
      text: `Your password reset code is ${FAKE_CODE}.`,
    });
  return json(202, { status: 'reset_sent', channel, expiresIn: fake.preset.code.ttl, resendAfter });
}

export function resetAccounts(fake: FakeState, identifier: string): FakeAccount[] {
  return fake.accounts.filter(
    (a) =>
      a.accountName === identifier || a.phone === identifier || (a.email === identifier && a.emailVerified),
  );
}

/** `POST /password-resets/verify`: the code, then a chooser, a new-password step, or a refusal. */
export function verifyReset(fake: FakeState, body: Record<string, unknown>): Response {
  const identifier = fake.str(body, 'identifier');
  const code = fake.codes.get(`${identifier}|reset`);
  if (!code || code.dead) throw new HttpError('invalid_code', { field: 'code' });
  if (fake.str(body, 'code') !== FAKE_CODE) {
    if (++code.wrong >= 5) code.dead = true;
    throw new HttpError(code.dead ? 'too_many_attempts' : 'invalid_code', { field: 'code' });
  }
  fake.codes.delete(`${identifier}|reset`);
  const matched = resetAccounts(fake, identifier);
  const usable = matched.filter((a) => !a.legacy && a.kind === 'main');
  if (!usable.length && matched[0]?.legacy) throw new HttpError('use_parent_login');
  if (!usable.length && matched[0]) throw new HttpError('use_main_account');
  if (usable.length > 1) {
    const ticket = fake.issueTicket({ kind: 'reset', accountIds: usable.map((a) => a.id) });
    return json(200, {
      status: 'choose_account',
      ticket,
      accounts: usable.map((a) => fake.chooserEntry(a)),
    });
  }
  return json(200, {
    status: 'needs_profile',
    ticket: fake.issueTicket({ kind: 'reset', accountIds: usable.map((a) => a.id) }),
    required: ['newPassword'],
    optional: [],
  });
}

export function continueReset(
  fake: FakeState,
  id: string,
  ticket: { kind: 'reset'; accountIds: string[] },
  body: Record<string, unknown>,
): Response {
  if (ticket.accountIds.length > 1) {
    const accountId = fake.str(body, 'accountId');
    if (!ticket.accountIds.includes(accountId))
      throw new HttpError('validation_failed', { field: 'accountId' });
    return json(200, {
      status: 'needs_profile',
      ticket: fake.issueTicket({ kind: 'reset', accountIds: [accountId] }),
      required: ['newPassword'],
      optional: [],
    });
  }
  const account = fake.accounts.find((a) => a.id === ticket.accountIds[0]);
  if (!account) throw new HttpError('ticket_expired');
  const password = fake.str(body, 'newPassword');
  const found =
    password === account.password
      ? issue('newPassword', 'password_reused')
      : toIssue(
          'newPassword',
          checkPassword(password, fake.preset.password, { accountName: account.accountName }),
        );
  if (found) {
    fake.tickets.set(id, ticket);
    throw new HttpError('validation_failed', { issues: [found] });
  }
  account.password = password;
  return fake.authenticate(account);
}
