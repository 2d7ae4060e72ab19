/**
 * Sign-in: password (docs/flows.md#password-login), SMS code with the account chooser (docs/flows.md#sms-login-and-account-chooser), sub-account (docs/flows.md#sub-account-login), and the
 * chooser's answer through `/continue`.
 *
 * Password login never tells "no such account" from "wrong password": both answer
 * `invalid_credentials` after the same argon2 work (`burnVerify` stands in for the missing
 * hash). Failures are throttled per account (or per unknown identifier) and per client
 * address. Each attempt takes its place in both windows *before* any hash is verified, and
 * gives it back only when the password was right — otherwise requests sent in parallel would
 * all pass the check before the first failure was counted. The windows slide, so nobody is
 * ever locked out for good.
 */
import type { Context } from 'hono';
import type {
  ContinueRequest,
  ChooseAccount,
  NeedsProfile,
  Authenticated,
  PasswordLoginRequest,
  SmsLoginRequest,
  SubaccountLoginRequest,
} from '@cloud-login/core';
import { parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import { looksLikePhone, normalizeAccountName, normalizeEmail } from '@cloud-login/core/rules';
import { burnVerify, verifyPassword } from '../passwords.ts';
import type { AccountRecord, TicketRecord } from '../store/types.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { accountLabel } from './accounts.ts';
import { consumeCode } from './codes.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { emailField, must, phoneField, required } from './fields.ts';
import { findAccountByNameAlike } from './account-names.ts';
import { checkSignInBudget } from './limits.ts';
import {
  attemptSucceeded,
  codeStep,
  proveLoginCode,
  reserveAttempt,
  type LoginCodeTicket,
} from './login-code.ts';
import { completeSignIn } from './sessions.ts';
import { issueTicket } from './tickets.ts';

export type SignInAnswer = Authenticated | ChooseAccount | NeedsProfile;

/**
 * The most accounts one password is tried against (QingCloud: one phone, several accounts).
 * Bounds the hashing work a single request can cause.
 */
const MAX_CANDIDATES = 10;

function requireMethod(ctx: ProviderContext, method: 'password' | 'sms' | 'subaccount') {
  if (!ctx.preset.methods.login.includes(method))
    fail('method_disabled', `${method} login is not offered here.`);
  if (method === 'subaccount' && !ctx.preset.subaccounts)
    fail('method_disabled', 'Sub-accounts are not offered here.');
}

type Resolution =
  | { kind: 'accounts'; accounts: AccountRecord[]; key: string }
  /** The phone or email belongs to accounts, none of which may log in with it (JD). */
  | { kind: 'not-loginable'; key: string }
  | { kind: 'none'; key: string };

/**
 * Password login's resolution: an account name first; else a phone or email that is a login identifier of
 * its holders (JD: of exactly its first holder; QingCloud: of all of them, and the password
 * will pick).
 */
async function resolveIdentifier(ctx: ProviderContext, identifier: string): Promise<Resolution> {
  const { preset, store, provider } = ctx;
  const kinds = preset.passwordLogin.identifiers;
  const text = identifier.trim();

  if (kinds.includes('accountName') && preset.accountName) {
    const account = await findAccountByNameAlike(ctx, text);
    if (account && account.kind === 'main')
      return { kind: 'accounts', accounts: [account], key: await guessBucket(ctx, account) };
  }

  let holders: AccountRecord[] | undefined;
  let loginable: (account: AccountRecord) => boolean = () => false;
  let key = `name:${provider}:${normalizeAccountName(text)}`;
  if (text.includes('@') && kinds.includes('email')) {
    const email = normalizeEmail(text);
    key = `email:${provider}:${email}`;
    holders = await store.accounts.findByEmail(provider, email);
    loginable = (account) => account.emailLoginable;
  } else if (looksLikePhone(text) && kinds.includes('phone')) {
    const parsed = parsePhone(text, preset.phone, phoneMetadata);
    if (parsed.ok) {
      key = `phone:${provider}:${parsed.e164}`;
      holders = await store.accounts.findByPhone(provider, parsed.e164);
      loginable = (account) => account.phoneLoginable;
    }
  }
  const mains = (holders ?? []).filter((account) => account.kind === 'main');
  if (mains.length === 0) return { kind: 'none', key };
  const usable = mains.filter((account) => loginable(account) && account.status === 'active');
  if (usable.length === 0) return { kind: 'not-loginable', key };
  return {
    kind: 'accounts',
    accounts: usable,
    key: usable.length === 1 ? await guessBucket(ctx, usable[0]!) : key,
  };
}

/**
 * The one window that counts the failed passwords of `account`, whichever door they come
 * through (password login by name, phone or email; sub-account login by email). Where a guess at
 * a shared phone is checked against every account on it (QingCloud: the password picks the
 * account), those accounts share the phone's window, and their email doors count there too —
 * otherwise each would have two windows and twice the guesses.
 */
async function guessBucket(ctx: ProviderContext, account: AccountRecord): Promise<string> {
  if (ctx.preset.passwordLogin.shared === 'password-picks' && account.phone && account.phoneLoginable) {
    const sharing = (await ctx.store.accounts.findByPhone(ctx.provider, account.phone)).filter(
      (holder) => holder.kind === 'main' && holder.phoneLoginable && holder.status === 'active',
    );
    if (sharing.length > 1) return `phone:${ctx.provider}:${account.phone}`;
  }
  return `account:${account.id}`;
}

/** Verifies `password` against each candidate; the same work when there is none. */
async function matching(candidates: AccountRecord[], password: string): Promise<AccountRecord[]> {
  if (candidates.length === 0) {
    await burnVerify(password);
    return [];
  }
  const matches: AccountRecord[] = [];
  for (const account of candidates.slice(0, MAX_CANDIDATES)) {
    const ok = account.passwordHash
      ? await verifyPassword(account.passwordHash, password)
      : await burnVerify(password);
    if (ok) matches.push(account);
  }
  return matches;
}

async function chooseAccount(
  ctx: ProviderContext,
  accounts: AccountRecord[],
  returnTo?: string,
): Promise<ChooseAccount> {
  const ticket = await issueTicket(ctx, {
    kind: 'choose-account',
    accountIds: accounts.map((account) => account.id),
    ...(returnTo !== undefined && { returnTo }),
  });
  return {
    status: 'choose_account',
    ticket,
    accounts: accounts.map((account) => ({ id: account.id, label: accountLabel(account) })),
  };
}

function invalidCredentials(): never {
  fail('invalid_credentials', 'The account or password is not correct.');
}

export async function passwordLogin(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: PasswordLoginRequest,
): Promise<SignInAnswer> {
  requireMethod(ctx, 'password');
  if (body.identifier.trim() === '') invalid([required('identifier')]);
  if (body.password === '') invalid([required('password')]);
  const address = c.get('address');
  const resolution = await resolveIdentifier(ctx, body.identifier);
  await checkSignInBudget(ctx, resolution.key);
  // Under attack, this address's answer is the code step (login-code.ts), whatever the password.
  const { underAttack } = await reserveAttempt(ctx, address, resolution.key, true);

  if (resolution.kind === 'not-loginable') {
    // Same work as a real check, so timing does not separate this answer from the others.
    await burnVerify(body.password);
    fail(
      'identifier_not_loginable',
      'This phone number or email cannot be used to log in; use your account name, or JD login if your account is an older JD account.',
      { field: 'identifier' },
    );
  }
  const candidates = resolution.kind === 'accounts' ? resolution.accounts : [];
  const matches = await matching(candidates, body.password);
  if (underAttack) return codeStep(c, ctx, matches, resolution.key);
  if (matches.length === 0) invalidCredentials();
  await attemptSucceeded(ctx, address, resolution.key);
  return signInMatched(c, ctx, matches);
}

/** The password (or the code step's code) was right for `matches`. */
function signInMatched(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  matches: AccountRecord[],
  returnTo?: string,
): Promise<SignInAnswer> {
  if (matches.length > 1) return chooseAccount(ctx, matches, returnTo);
  const account = matches[0]!;
  // Only someone who knows the password learns that the account is a legacy one.
  if (account.legacy)
    fail('use_parent_login', 'This is an older JD account: log in with JD login.', { field: 'identifier' });
  return completeSignIn(c, ctx, account, returnTo);
}

/** `POST /continue {ticket, code}` after the code step of an account under attack. */
export async function continueLoginCode(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  ticket: TicketRecord<LoginCodeTicket>,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  const accounts = await proveLoginCode(ctx, ticket, body);
  return signInMatched(c, ctx, accounts, ticket.data.returnTo);
}

export async function smsLogin(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: SmsLoginRequest,
): Promise<SignInAnswer> {
  requireMethod(ctx, 'sms');
  const phone = must(phoneField(ctx.preset, 'phone', body.phone));
  await consumeCode(ctx, phone, 'login', body.code);
  // The code proved the phone; which of its holders may use it follows the preset's rule.
  const firstOwner = ctx.preset.passwordLogin.shared === 'first-owner';
  const accounts = (await ctx.store.accounts.findByPhone(ctx.provider, phone)).filter(
    (account) =>
      account.kind === 'main' &&
      account.status === 'active' &&
      !account.legacy &&
      (!firstOwner || account.phoneLoginable),
  );
  if (accounts.length === 0)
    fail('not_found', 'No account can log in with this phone number.', { field: 'phone' });
  if (accounts.length > 1) return chooseAccount(ctx, accounts);
  return completeSignIn(c, ctx, accounts[0]!);
}

/** Sub-account login: a sub-account's email + password; the main account's (verified) email works here too. */
export async function subaccountLogin(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: SubaccountLoginRequest,
): Promise<Authenticated | ChooseAccount | NeedsProfile> {
  requireMethod(ctx, 'subaccount');
  const email = must(emailField('email', body.email));
  if (body.password === '') invalid([required('password')]);
  const address = c.get('address');
  const holders = (await ctx.store.accounts.findByEmail(ctx.provider, email)).filter(
    (account) => account.emailLoginable && account.status === 'active',
  );
  const key = holders.length === 1 ? await guessBucket(ctx, holders[0]!) : `email:${ctx.provider}:${email}`;
  await checkSignInBudget(ctx, key);
  await reserveAttempt(ctx, address, key);
  const matches = await matching(holders, body.password);
  if (matches.length === 0) invalidCredentials();
  await attemptSucceeded(ctx, address, key);
  if (matches.length > 1) return chooseAccount(ctx, matches);
  return completeSignIn(c, ctx, matches[0]!);
}
