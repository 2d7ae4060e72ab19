/**
 * The signed-in account's security (`/account/*`): security email, password, unbinding a
 * third-party login, the legacy upgrade and sub-accounts. Sensitive changes need fresh proof.
 */
import { contactFields, type Idp } from '@cloud-login/core';
import {
  checkAccountName,
  checkEmail,
  issue,
  normalizeAccountName,
  normalizeEmail,
  toIssue,
} from '@cloud-login/core/rules';
import { checkPassword } from '@cloud-login/core/rules/password-checks';
import { HttpError, json } from './http.ts';
import { FIXED_CREATED, type FakeAccount } from './seeds.ts';
import type { FakeState } from './state.ts';

export function requestEmail(
  fake: FakeState,
  account: FakeAccount,
  body: Record<string, unknown>,
  fresh: boolean,
): Response {
  const email = fake.str(body, 'email');
  const check = checkEmail(email);
  if (!check.ok) throw new HttpError('validation_failed', { issues: [issue('email', check.code)] });
  if (!fresh) proveAgain(fake, account, body);
  const normal = normalizeEmail(email);
  if (fake.preset.emailUnique && fake.accounts.some((a) => a.email === normal && a.id !== account.id)) {
    throw new HttpError('email_taken', { field: 'email' });
  }
  const token = fake.next('link');
  fake.emailTokens.set(token, { accountId: account.id, purpose: 'verify', email: normal });
  fake.record({
    channel: 'email',
    to: normal,
    purpose: 'verify',
    link: `https://auth.example.test/email/verify?token=${token}`,
    text: 'Verify your security email',
  });
  return json(202, { expiresIn: fake.preset.emailLinkTtl });
}

/** The proof a sensitive change carries, as the server checks it (`reauth_required` without). */
export function proveAgain(fake: FakeState, account: FakeAccount, body: Record<string, unknown>): void {
  const currentPassword = typeof body.currentPassword === 'string' ? body.currentPassword : '';
  const code = typeof body.code === 'string' ? body.code : '';
  if (currentPassword && account.password) {
    if (currentPassword !== account.password)
      throw new HttpError('invalid_credentials', { field: 'currentPassword' });
    return;
  }
  if (code && account.phone) return fake.consumeCode(account.phone, 'reauth', code);
  throw new HttpError('reauth_required', { field: account.password ? 'currentPassword' : 'code' });
}

export function changePassword(
  fake: FakeState,
  account: FakeAccount,
  body: Record<string, unknown>,
): Response {
  proveAgain(fake, account, body);
  const next = fake.str(body, 'newPassword');
  const found = toIssue(
    'newPassword',
    checkPassword(next, fake.preset.password, { accountName: account.accountName }),
  );
  if (found) throw new HttpError('validation_failed', { issues: [found] });
  account.password = next;
  return new Response(null, { status: 204 });
}

/**
 * `PATCH /account/contact` (001): a field left out stays, a blank one is cleared (refused where
 * the preset requires it), a given one checked for form only.
 */
export function changeContact(
  fake: FakeState,
  account: FakeAccount,
  body: Record<string, unknown>,
): Response {
  const fields = contactFields(fake.preset);
  if (fields.length === 0) throw new HttpError('method_disabled');
  const given = fields.filter(({ field }) => typeof body[field] === 'string');
  const issues = fake.checkFields(
    body,
    given.map((f) => f.field),
    given.filter((f) => !f.required).map((f) => f.field),
  );
  if (issues.length) throw new HttpError('validation_failed', { issues });
  proveAgain(fake, account, body);
  for (const { field } of given) {
    const value = fake.str(body, field).trim();
    if (!value) delete account[field];
    else account[field] = field === 'contactPhone' ? fake.phoneOf(value) : normalizeEmail(value);
  }
  return json(200, { account: fake.publicAccount(account) });
}

/** `PUT /account/name`: a chosen name in place of a generated one, once (002). */
export function rename(fake: FakeState, account: FakeAccount, body: Record<string, unknown>): Response {
  if (!account.accountNameGenerated || !fake.preset.accountName)
    throw new HttpError('method_disabled', { field: 'accountName' });
  proveAgain(fake, account, body);
  const accountName = fake.str(body, 'accountName');
  const found = toIssue('accountName', checkAccountName(accountName, fake.preset.accountName));
  if (found) throw new HttpError('validation_failed', { issues: [found] });
  const key = normalizeAccountName(accountName);
  if (fake.accounts.some((a) => a.accountName && normalizeAccountName(a.accountName) === key))
    throw new HttpError('account_name_taken', { field: 'accountName' });
  account.accountName = accountName;
  delete account.accountNameGenerated;
  return json(200, { account: fake.publicAccount(account) });
}

export function unbind(
  fake: FakeState,
  account: FakeAccount,
  idp: Idp,
  body: Record<string, unknown>,
): Response {
  if (!account.connections.includes(idp)) throw new HttpError('not_found');
  // Allowed only when the account can still sign in afterwards (docs/flows.md#unbind-a-third-party-login).
  const canSignIn =
    (!!account.password && account.loginIdentifiers.length > 0) || account.connections.length > 1;
  if (!canSignIn) throw new HttpError('password_required');
  proveAgain(fake, account, body);
  account.connections = account.connections.filter((c) => c !== idp);
  return new Response(null, { status: 204 });
}

/**
 * `POST /account/connections`. The stories have no popup: a story hands the element a ticket
 * `story-bind-<idp>` (what the `mode=bind` hand-off would have posted), which this accepts.
 */
export function bind(fake: FakeState, account: FakeAccount, body: Record<string, unknown>): Response {
  const idp = /^story-bind-([\w-]+)$/.exec(fake.str(body, 'ticket'))?.[1] as Idp | undefined;
  if (!idp) throw new HttpError('ticket_expired', { field: 'ticket' });
  if (account.legacy) throw new HttpError('legacy_account_cannot_bind');
  proveAgain(fake, account, body);
  if (!account.connections.includes(idp)) account.connections.push(idp);
  return json(200, { account: fake.publicAccount(account) });
}

export function upgrade(fake: FakeState, account: FakeAccount, body: Record<string, unknown>): Response {
  const accountName = fake.str(body, 'accountName');
  const issues = fake.checkFields(body, ['accountName', 'password'], [], accountName);
  if (issues.length) throw new HttpError('validation_failed', { issues });
  const key = normalizeAccountName(accountName);
  if (
    fake.accounts.some(
      (a) => a.id !== account.id && a.accountName && normalizeAccountName(a.accountName) === key,
    )
  ) {
    throw new HttpError('account_name_taken', { field: 'accountName' });
  }
  Object.assign(account, { accountName, password: fake.str(body, 'password'), legacy: false });
  if (!account.loginIdentifiers.includes('accountName')) account.loginIdentifiers.push('accountName');
  return json(200, { account: fake.publicAccount(account) });
}

export function createSubaccount(
  fake: FakeState,
  account: FakeAccount,
  body: Record<string, unknown>,
): Response {
  if (account.kind !== 'main' || !fake.preset.subaccounts) throw new HttpError('method_disabled');
  const issues = fake.checkFields(body, ['email', 'password'], []);
  if (issues.length) throw new HttpError('validation_failed', { issues });
  const email = normalizeEmail(fake.str(body, 'email'));
  if (fake.accounts.some((a) => a.email === email)) throw new HttpError('email_taken', { field: 'email' });
  const sub: FakeAccount = {
    id: fake.next('account'),
    email,
    emailVerified: true,
    loginIdentifiers: ['email'],
    connections: [],
    password: fake.str(body, 'password'),
    kind: 'sub',
    legacy: false,
    createdAt: FIXED_CREATED,
    parentId: account.id,
  };
  fake.accounts.push(sub);
  return json(201, { account: fake.publicAccount(sub) });
}
