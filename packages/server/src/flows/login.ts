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
  NeedsTwoStep,
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
import { chooserEntry } from './accounts.ts';
import { consumeCode } from './codes.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { emailField, must, phoneField, required } from './fields.ts';
import { findAccountByNameAlike } from './account-names.ts';
import {
  attemptSucceeded,
  codeStep,
  proveLoginCode,
  reserveAttempt,
  type LoginCodeTicket,
} from './login-code.ts';
import { completeSignIn } from './sessions.ts';
import { issueTicket } from './tickets.ts';

export type SignInAnswer = Authenticated | ChooseAccount | NeedsProfile | NeedsTwoStep;

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

/**
 * What a password is checked against. `loginable`: the accounts the identifier signs in to.
 * `others`: the identifier's other holders (JD: a second account on the phone, an unverified or
 * shared email, an account not activated yet) — a password right for one of them answers
 * `identifier_not_loginable`, which tells nothing a stranger could not learn from the password.
 * `work`: how many verifies the attempt costs, fixed by the kind of identifier and never by how
 * many accounts hold it.
 */
interface Resolution {
  loginable: AccountRecord[];
  others: AccountRecord[];
  key: string;
  work: number;
}

/**
 * The verifies a phone or email attempt costs in a `first-owner` preset (JD: the first holder
 * and up to two later ones are checked). Constant, so the time of an answer says nothing about
 * how many accounts share the phone or email.
 */
export const SHARED_IDENTIFIER_WORK = 3;

/**
 * Password login's resolution: an account name first; else a phone or email that is a login identifier of
 * its holders (JD: of exactly its first holder; QingCloud: of all of them, and the password
 * will pick).
 */
async function resolveIdentifier(ctx: ProviderContext, identifier: string): Promise<Resolution> {
  const { preset, store, provider } = ctx;
  const kinds = preset.passwordLogin.identifiers;
  const text = identifier.trim();
  const picks = preset.passwordLogin.shared === 'password-picks';

  if (kinds.includes('accountName') && preset.accountName) {
    const account = await findAccountByNameAlike(ctx, text);
    if (account && account.kind === 'main')
      return { loginable: [account], others: [], key: await guessBucket(ctx, account), work: 1 };
  }

  let holders: AccountRecord[] | undefined;
  let loginable: (account: AccountRecord) => boolean = () => false;
  let key = `name:${provider}:${normalizeAccountName(text)}`;
  let shared = false;
  if (text.includes('@') && kinds.includes('email')) {
    const email = normalizeEmail(text);
    key = `email:${provider}:${email}`;
    holders = await store.accounts.findByEmail(provider, email);
    loginable = (account) => account.emailLoginable;
    shared = true;
  } else if (looksLikePhone(text) && kinds.includes('phone')) {
    const parsed = parsePhone(text, preset.phone, phoneMetadata);
    if (parsed.ok) {
      key = `phone:${provider}:${parsed.e164}`;
      holders = await store.accounts.findByPhone(provider, parsed.e164);
      loginable = (account) => account.phoneLoginable;
    }
    shared = true;
  }
  const mains = (holders ?? []).filter((account) => account.kind === 'main');
  const usable = mains.filter((account) => loginable(account) && account.status === 'active');
  const others = mains.filter((account) => !usable.includes(account));
  // QingCloud checks every account of the phone (README, "Enumeration trade-offs"); the others pay a fixed price.
  const work = picks
    ? Math.max(1, Math.min(usable.length + others.length, MAX_CANDIDATES))
    : shared
      ? SHARED_IDENTIFIER_WORK
      : 1;
  const single =
    usable.length === 1 ? usable[0] : usable.length === 0 && others.length === 1 ? others[0] : undefined;
  return { loginable: usable, others, key: single ? await guessBucket(ctx, single) : key, work };
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

/**
 * Verifies `password` against the candidates, loginable ones first, exactly `work` times: a
 * missing candidate costs a dummy verify (`burnVerify`), so the work is the same however many
 * accounts hold the identifier, or none.
 */
async function matching(
  resolution: Pick<Resolution, 'loginable' | 'others' | 'work'>,
  password: string,
): Promise<{ loginable: AccountRecord[]; others: AccountRecord[] }> {
  const candidates = [...resolution.loginable, ...resolution.others].slice(0, resolution.work);
  const found = { loginable: [] as AccountRecord[], others: [] as AccountRecord[] };
  for (let i = 0; i < resolution.work; i++) {
    const account = candidates[i];
    const ok = account?.passwordHash
      ? await verifyPassword(account.passwordHash, password)
      : await burnVerify(password);
    if (ok && account)
      (resolution.loginable.includes(account) ? found.loginable : found.others).push(account);
  }
  return found;
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
    accounts: await Promise.all(accounts.map((account) => chooserEntry(ctx, account))),
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
  // Under attack, this address's answer is the code step (login-code.ts), whatever the password.
  const { underAttack } = await reserveAttempt(ctx, address, resolution.key, {
    codeStep: true,
    signInBudget: true,
  });
  const matches = await matching(resolution, body.password);
  if (underAttack) return codeStep(c, ctx, matches.loginable, resolution.key, body.locale);
  if (matches.loginable.length > 0) {
    await attemptSucceeded(ctx, address, resolution.key);
    return signInMatched(c, ctx, matches.loginable);
  }
  const holder = matches.others[0];
  if (!holder) invalidCredentials();
  // The password proves the account; the identifier is what cannot sign in to it (000, 002).
  if (holder.legacy)
    fail('use_parent_login', 'This is an older JD account: log in with JD login.', { field: 'identifier' });
  fail(
    'identifier_not_loginable',
    holder.status === 'active'
      ? 'This phone number or email cannot be used to log in; use your account name, or JD login if your account is an older JD account.'
      : 'This account is not activated yet; follow the link in the activation email first.',
    { field: 'identifier' },
  );
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
): Promise<SignInAnswer> {
  requireMethod(ctx, 'subaccount');
  const email = must(emailField('email', body.email));
  if (body.password === '') invalid([required('password')]);
  const address = c.get('address');
  const holders = (await ctx.store.accounts.findByEmail(ctx.provider, email)).filter(
    (account) => account.emailLoginable && account.status === 'active',
  );
  const key = holders.length === 1 ? await guessBucket(ctx, holders[0]!) : `email:${ctx.provider}:${email}`;
  await reserveAttempt(ctx, address, key, { signInBudget: true });
  const matches = (
    await matching(
      { loginable: holders, others: [], work: Math.max(1, Math.min(holders.length, MAX_CANDIDATES)) },
      body.password,
    )
  ).loginable;
  if (matches.length === 0) invalidCredentials();
  await attemptSucceeded(ctx, address, key);
  if (matches.length > 1) return chooseAccount(ctx, matches);
  return completeSignIn(c, ctx, matches[0]!);
}
