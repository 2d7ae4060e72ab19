/**
 * Two-step verification as the server answers it (packages/server/README.md, "Two-step
 * verification"): `/account/totp/*` behind the proof, and the sign-in's second step. The fake's
 * authenticator app shows `FAKE_TOTP`; a code is spent once used, so the same code twice is refused.
 * Turning it on or off, and a recovery code used, leave a `security_notice` in the outbox.
 */
import { HttpError, json } from './http.ts';
import { proveAgain } from './account.ts';
import { qrImage } from './qr.ts';
import type { FakeAccount } from './seeds.ts';
import type { FakeState } from './state.ts';

/** The code the fake's authenticator app shows. */
export const FAKE_TOTP = '246810';
/** A key in the shape the server hands out (base32, 160 bits). */
export const FAKE_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Ten recovery codes; `round` makes each set different. */
export function fakeRecoveryCodes(round = 0): string[] {
  return Array.from({ length: 10 }, (_, i) => `${String.fromCharCode(97 + i)}k7m${round}-p${i}q2x`);
}

export function offersTotp(fake: FakeState): boolean {
  return (fake.preset.methods.twoStep ?? []).includes('totp');
}

/** The answer of a sign-in that passed its first step, for an account with TOTP on. */
export function twoStepAnswer(fake: FakeState, account: FakeAccount, returnTo?: string): Response {
  const ticket = fake.issueTicket({ kind: 'two-step', accountId: account.id, ...(returnTo && { returnTo }) });
  return json(200, { status: 'needs_profile', ticket, required: ['totp'], optional: ['recoveryCode'] });
}

/** `POST /continue {ticket, totp | recoveryCode}` for a two-step ticket (already taken). */
export function continueTwoStep(
  fake: FakeState,
  id: string,
  ticket: { kind: 'two-step'; accountId: string; returnTo?: string },
  body: Record<string, unknown>,
): Response {
  const account = fake.accounts.find((a) => a.id === ticket.accountId);
  if (!account?.totp) throw new HttpError('ticket_expired');
  const keep = () => fake.tickets.set(id, ticket);
  const recovery = typeof body.recoveryCode === 'string' ? body.recoveryCode.trim().toLowerCase() : '';
  if (recovery && body.totp === undefined) {
    const index = account.totp.recoveryCodes.indexOf(recovery);
    if (index < 0) {
      keep();
      throw new HttpError('invalid_code', { field: 'recoveryCode' });
    }
    account.totp.recoveryCodes.splice(index, 1);
    const left = account.totp.recoveryCodes.length;
    notice(fake, account, `A recovery code was used to sign in. ${left} recovery codes are left.`);
  } else {
    const code = typeof body.totp === 'string' ? body.totp : '';
    if (!/^\d{6}$/.test(code)) {
      keep();
      throw new HttpError('validation_failed', {
        issues: [{ path: 'totp', code: 'invalid_value', message: 'Enter the 6-digit code.' }],
      });
    }
    if (code !== FAKE_TOTP || account.totp.spent === code) {
      keep();
      throw new HttpError('invalid_code', { field: 'totp' });
    }
    account.totp.spent = code;
  }
  return fake.authenticate(account, ticket.returnTo, 200, true);
}

/** `POST /account/totp/{action}`. */
export function totpAction(
  fake: FakeState,
  account: FakeAccount,
  action: string,
  body: Record<string, unknown>,
): Response {
  if (!offersTotp(fake)) throw new HttpError('method_disabled');
  switch (action) {
    case 'setup': {
      if (account.totp) throw new HttpError('already_bound');
      proveAgain(fake, account, body);
      const uri = `otpauth://totp/Example:${account.email ?? account.id}?secret=${FAKE_TOTP_SECRET}&issuer=Example`;
      const ticket = fake.issueTicket({ kind: 'totp-setup', accountId: account.id });
      return json(200, {
        ticket,
        secret: FAKE_TOTP_SECRET,
        manualKey: FAKE_TOTP_SECRET.replace(/(.{4})(?=.)/g, '$1 '),
        uri,
        qr: qrImage(uri),
        expiresIn: 600,
      });
    }
    case 'confirm': {
      const id = fake.str(body, 'ticket');
      const ticket = fake.tickets.get(id);
      if (ticket?.kind !== 'totp-setup' || ticket.accountId !== account.id)
        throw new HttpError('ticket_expired');
      if (fake.str(body, 'code') !== FAKE_TOTP) throw new HttpError('invalid_code', { field: 'code' });
      fake.tickets.delete(id);
      const recoveryCodes = fakeRecoveryCodes();
      // The confirming code is spent: signing in needs the next one (here: the same, refused once).
      account.totp = { recoveryCodes: [...recoveryCodes], spent: FAKE_TOTP };
      notice(fake, account, 'Two-step verification was turned on');
      return json(200, { recoveryCodes });
    }
    case 'recovery-codes': {
      if (!account.totp) throw new HttpError('not_found');
      proveAgain(fake, account, body);
      const recoveryCodes = fakeRecoveryCodes(1);
      account.totp.recoveryCodes = [...recoveryCodes];
      return json(200, { recoveryCodes });
    }
    case 'disable': {
      if (!account.totp) throw new HttpError('not_found');
      proveAgain(fake, account, body);
      delete account.totp;
      notice(fake, account, 'Two-step verification was turned off');
      return new Response(null, { status: 204 });
    }
  }
  throw new HttpError('not_found');
}

function notice(fake: FakeState, account: FakeAccount, text: string): void {
  if (account.phone) fake.record({ channel: 'sms', to: account.phone, purpose: 'security_notice', text });
  if (account.email && account.emailVerified)
    fake.record({ channel: 'email', to: account.email, purpose: 'security_notice', text });
}
