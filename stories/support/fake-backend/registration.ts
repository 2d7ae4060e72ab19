/**
 * Registration (`POST /accounts`) per the preset's flows, the activation email, and the email
 * links (`POST /email/verify`) that activate an account or verify a security email.
 */
import type { Account } from '@cloud-login/core';
import { normalizeAccountName, normalizeEmail } from '@cloud-login/core/rules';
import { HttpError, json } from './http.ts';
import { FIXED_CREATED, type FakeAccount } from './seeds.ts';
import type { FakeState } from './state.ts';

export function registrationFlow(fake: FakeState, body: Record<string, unknown>) {
  const flows = fake.preset.registration;
  if (body.accountName !== undefined && flows.account) return flows.account;
  if (body.email !== undefined && flows.email) return flows.email;
  if (body.phone !== undefined && flows.phone) return flows.phone;
  return Object.values(flows)[0]!;
}

export function register(fake: FakeState, body: Record<string, unknown>): Response {
  const flow = registrationFlow(fake, body);
  const ticket = typeof body.codeTicket === 'string' && body.code === undefined ? body.codeTicket : undefined;
  // A code proven at its own step (`POST /codes/verify`): its ticket stands in for it.
  const fields = flow.steps.flatMap((s) => s.fields).filter((f) => !(ticket && f === 'code'));
  const optional = flow.steps.flatMap((s) => s.optional ?? []);
  const accountName = fake.str(body, 'accountName') || undefined;
  const issues = fake.checkFields(body, fields, optional, accountName);
  if (issues.length) throw new HttpError('validation_failed', { issues });
  if (fields.includes('agreements')) fake.checkAgreements(body.agreements);

  const phone = fields.includes('phone') ? fake.phoneOf(fake.str(body, 'phone')) : undefined;
  if (accountName) {
    const key = normalizeAccountName(accountName);
    if (fake.accounts.some((a) => a.accountName && normalizeAccountName(a.accountName) === key)) {
      throw new HttpError('account_name_taken', { field: 'accountName' });
    }
  }
  const email = fields.includes('email') ? normalizeEmail(fake.str(body, 'email')) : undefined;
  if (email && flow.activation === 'email-link') {
    const resent = resendActivation(fake, email, fake.str(body, 'password'));
    if (resent) return resent;
  }
  if (email && fake.preset.emailUnique && fake.accounts.some((a) => a.email === email)) {
    throw new HttpError('email_taken', { field: 'email' });
  }
  if (
    phone &&
    fake.preset.maxAccountsPerPhone !== null &&
    fake.accounts.filter((a) => a.phone === phone).length >= fake.preset.maxAccountsPerPhone
  ) {
    throw new HttpError('phone_account_limit', { field: 'phone' });
  }
  // Last, so a taken name does not burn a good code: the user fixes the name and resends.
  if (phone && ticket) {
    const proven = fake.codeTickets.get(ticket);
    fake.codeTickets.delete(ticket);
    if (proven !== phone) throw new HttpError('code_expired', { field: 'code' });
  } else if (phone) fake.consumeCode(phone, 'register', fake.str(body, 'code'));

  const identifiers: Account['loginIdentifiers'] = [];
  if (accountName) identifiers.push('accountName');
  // A phone logs in only for the first account that had it (JD); QingCloud shares it.
  if (
    phone &&
    (fake.preset.passwordLogin.shared === 'password-picks' || !fake.accounts.some((a) => a.phone === phone))
  )
    identifiers.push('phone');
  const account: FakeAccount = {
    id: fake.next('account'),
    emailVerified: false,
    loginIdentifiers: identifiers,
    connections: [],
    password: fake.str(body, 'password') || undefined,
    kind: 'main',
    legacy: false,
    createdAt: FIXED_CREATED,
  };
  if (accountName) account.accountName = accountName;
  if (phone) account.phone = phone;
  if (email) account.email = email;
  fake.accounts.push(account);

  const returnTo = fake.str(body, 'returnTo') || undefined;
  if (flow.activation === 'email-link' && email) {
    sendActivation(fake, account, email, returnTo);
    return json(202, { status: 'activation_sent', email });
  }
  return fake.authenticate(account, returnTo, 201);
}

/**
 * Registering again while the account waits for its activation link (the "resend" button),
 * as the reference server does: the same password sends a new link after the cooldown,
 * another password is `email_taken`.
 */
export function resendActivation(fake: FakeState, email: string, password: string): Response | undefined {
  const pending = fake.accounts.find(
    (a) => a.email === email && fake.pendingActivation.has(a.id) && !a.emailVerified,
  );
  if (!pending) return undefined;
  if (pending.password !== password) throw new HttpError('email_taken', { field: 'email' });
  const state = fake.pendingActivation.get(pending.id)!;
  const since = (Date.now() - (state.sentAt ?? 0)) / 1000;
  const resendAfter = fake.preset.code.resendAfter;
  if (since < resendAfter)
    throw new HttpError('code_cooldown', {
      field: 'email',
      retryAfter: Math.max(1, Math.ceil(resendAfter - since)),
    });
  sendActivation(fake, pending, email, state.returnTo);
  return json(202, { status: 'activation_sent', email });
}

export function sendActivation(
  fake: FakeState,
  account: FakeAccount,
  email: string,
  returnTo?: string,
): void {
  const token = fake.next('link');
  fake.emailTokens.set(token, { accountId: account.id, purpose: 'activate', email });
  fake.pendingActivation.set(account.id, { ...(returnTo ? { returnTo } : {}), sentAt: Date.now() });
  fake.record({
    channel: 'email',
    to: email,
    purpose: 'activate',
    link: `https://auth.example.test/email/verify?token=${token}`,
    text: 'Activate your account',
  });
}

export function verifyEmail(fake: FakeState, token: string): Response {
  const entry = fake.emailTokens.get(token);
  if (!entry) throw new HttpError('link_expired');
  fake.emailTokens.delete(token);
  const account = fake.accounts.find((a) => a.id === entry.accountId);
  if (!account) throw new HttpError('link_expired');
  account.email = entry.email;
  account.emailVerified = true;
  if (!account.loginIdentifiers.includes('email')) account.loginIdentifiers.push('email');
  const after = fake.preset.registration.email?.afterActivation ?? [];
  if (entry.purpose === 'activate' && after.length) {
    return fake.needsProfile(
      account.id,
      after.flatMap((s) => s.fields.filter((f) => !(s.optional ?? []).includes(f))),
    );
  }
  return json(200, { status: 'verified', account: fake.publicAccount(account) });
}
