/**
 * Signing in with a password, an SMS code or a sub-account's email (`POST /sessions`,
 * `/sessions/sms`, `/sessions/subaccount`).
 */
import { normalizeAccountName, normalizeEmail, issue } from '@cloud-login/core/rules';
import { parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import { HttpError } from './http.ts';
import type { FakeState } from './state.ts';

export function passwordLogin(fake: FakeState, body: Record<string, unknown>): Response {
  const identifier = fake.str(body, 'identifier').trim();
  const password = fake.str(body, 'password');
  if (!identifier || !password) {
    throw new HttpError('validation_failed', {
      issues: [
        ...(identifier ? [] : [issue('identifier', 'field_required')]),
        ...(password ? [] : [issue('password', 'field_required')]),
      ],
    });
  }
  const allowed = fake.preset.passwordLogin.identifiers;
  // Account name first (JD), then phone or email.
  if (allowed.includes('accountName')) {
    const key = normalizeAccountName(identifier);
    const byName = fake.accounts.find((a) => a.accountName && normalizeAccountName(a.accountName) === key);
    if (byName) {
      if (byName.legacy) throw new HttpError('use_parent_login');
      if (byName.password !== password) throw new HttpError('invalid_credentials');
      return fake.authenticate(byName);
    }
  }
  let kind: 'phone' | 'email' | undefined;
  let value = identifier;
  if (identifier.includes('@')) {
    kind = 'email';
    value = normalizeEmail(identifier);
  } else {
    const parsed = parsePhone(identifier, fake.preset.phone, phoneMetadata);
    if (parsed.ok) {
      kind = 'phone';
      value = parsed.e164;
    }
  }
  if (!kind || !allowed.includes(kind)) throw new HttpError('invalid_credentials');
  const holders = fake.accounts.filter((a) => a[kind] === value && a.kind === 'main');
  const loginable = holders.filter((a) => a.loginIdentifiers.includes(kind));
  const matching = loginable.filter((a) => a.password === password);
  // The right password of a holder that cannot use this identifier is told so (000, 002).
  const other = holders.find((a) => !loginable.includes(a) && a.password === password);
  if (matching.length === 0 && other?.legacy) throw new HttpError('use_parent_login');
  if (matching.length === 0 && other)
    throw new HttpError('identifier_not_loginable', { field: 'identifier' });
  if (matching.length === 0) throw new HttpError('invalid_credentials');
  if (matching.length > 1 && fake.preset.passwordLogin.shared === 'password-picks')
    return fake.chooseAccount(matching);
  return fake.authenticate(matching[0]!);
}

export function smsLogin(fake: FakeState, body: Record<string, unknown>): Response {
  const phone = fake.phoneOf(fake.str(body, 'phone'));
  fake.consumeCode(phone, 'login', fake.str(body, 'code'));
  const loginable = fake.accounts.filter(
    (a) => a.phone === phone && a.kind === 'main' && a.loginIdentifiers.includes('phone'),
  );
  if (loginable.length === 0) throw new HttpError('invalid_credentials');
  if (loginable.length > 1) return fake.chooseAccount(loginable);
  return fake.authenticate(loginable[0]!);
}

export function subaccountLogin(fake: FakeState, body: Record<string, unknown>): Response {
  const email = normalizeEmail(fake.str(body, 'email'));
  const password = fake.str(body, 'password');
  // The main account's email works on the sub-account page too (003).
  const account = fake.accounts.find((a) => a.email === email && a.password === password);
  if (!account) throw new HttpError('invalid_credentials');
  return fake.authenticate(account);
}
