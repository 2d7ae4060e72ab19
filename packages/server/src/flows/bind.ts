/**
 * Third-party login (docs/flows.md#third-party-login) after the identity provider: the connection's ticket goes to
 * `POST /continue`, which signs in the account already bound to the identity, or walks the
 * preset's first-time steps (its `firstLogin` data) — each answer a new single-use ticket, the
 * identity carried inside it (never by the browser):
 *
 * - `phone: 'bind-or-create'` (JD Cloud, seed 002): phone + code → the phone's accounts, "bind
 *   one" or "create a new one" (the create form: account name, agreements, optional password);
 * - `phone: 'bind'` (QingCloud, 003): phone + code → bind the phone's account (a chooser when it
 *   has several);
 * - `phone: 'create'` (Tencent Cloud, 004): phone + code (the phone's account limit checked
 *   first) → an email when the identity provider gives none (`askEmail`) → the create form
 *   (industry + agreements) → a new account;
 * - `phone: null` (JD Cloud classic, 001): JD login → the create form (the enable-service form:
 *   agreements, contact phone, contact email, recommendation code) → a new account.
 *
 * Binding to an account that has a password needs that password: a code proves the phone, and
 * one phone may hold someone else's account too. Choosing such an account answers `NeedsProfile`
 * with `required: ["password"]` (a step of its own, so a refused password does not cost the spent
 * code; sending `password` or `currentPassword` with the `accountId` binds at once). A wrong
 * password is `invalid_credentials`, counted in sign-in's windows, the ticket kept. An account
 * without a password binds on the phone's proof. Either way the account gets a `security_notice`.
 *
 * Refusals with their own codes: `already_bound` (the account has another identity of that
 * provider), `legacy_account_cannot_bind` (a legacy JD account, until upgraded), and
 * `phone_account_limit`. Also here: unbinding (docs/flows.md#unbind-a-third-party-login) and the legacy upgrade (docs/flows.md#legacy-jd-accounts).
 */
import type { Context } from 'hono';
import type {
  Account,
  AccountField,
  ChooseAccount,
  ContinueRequest,
  FieldIssue,
  FirstLogin,
  Idp,
  NeedsProfile,
  Preset,
  RegisterStep,
  UpgradeRequest,
} from '@cloud-login/core';
import { IDPS, isRetryable } from '@cloud-login/core';
import { checkRecommendationCode, toIssue } from '@cloud-login/core/rules';
import { newId } from '../crypto.ts';
import { hashPassword } from '../passwords.ts';
import { StoreConflictError, type AccountRecord, type Frozen, type TicketRecord } from '../store/types.ts';
import { ApiFailure, fail, invalid } from '../middleware/errors.ts';
import type { Identity } from '../idp/types.ts';
import { accountLabel, loginIdentifiersOf, toPublicAccount } from './accounts.ts';
import { accountNameKey, findAccountByNameAlike } from './account-names.ts';
import { consumeCode } from './codes.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { sendEmailLink } from './email-links.ts';
import {
  accountNameField,
  emailField,
  must,
  passwordField,
  phoneField,
  required,
  type FieldResult,
} from './fields.ts';
import type { SignInAnswer } from './login.ts';
import { localeFor, notifyAccount } from './notify.ts';
import { checkCurrentPassword } from './reauth.ts';
import { agreementsAccepted, isFirstHolder } from './register.ts';
import { completeSignIn, startSession } from './sessions.ts';
import { issueTicket, restoreTicket, type ConnectionStep, type ConnectionTicket } from './tickets.ts';

/** The ticket the callback hands to the browser: the identity, checked and kept server-side. */
export function startConnection(
  ctx: ProviderContext,
  identity: Identity,
  returnTo?: string,
  flowHash?: string,
): Promise<string> {
  return issueTicket(ctx, {
    kind: 'connection:start',
    idp: identity.idp,
    subject: identity.subject,
    ...(returnTo !== undefined && { returnTo }),
    ...(flowHash !== undefined && { flowHash }),
  });
}

type Field = NeedsProfile['required'][number];

async function needs(
  ctx: ProviderContext,
  from: ConnectionTicket,
  step: ConnectionStep,
  requiredFields: Field[],
  optional: Field[] = [],
  extra: Partial<ConnectionTicket> = {},
): Promise<NeedsProfile> {
  // The next ticket travels in a JSON answer to the tab that proved the flow: unbound.
  const { flowHash: _proven, ...rest } = from;
  const ticket = await issueTicket(ctx, { ...rest, ...extra, kind: `connection:${step}` });
  return { status: 'needs_profile', ticket, required: requiredFields, optional };
}

async function choose(
  ctx: ProviderContext,
  from: ConnectionTicket,
  accounts: AccountRecord[],
  createNew: boolean,
): Promise<ChooseAccount> {
  const ticket = await issueTicket(ctx, {
    ...from,
    kind: 'connection:choose',
    accountIds: accounts.map((account) => account.id),
    createNew,
  });
  return {
    status: 'choose_account',
    ticket,
    accounts: accounts.map((account) => ({ id: account.id, label: accountLabel(account) })),
    ...(createNew && { createNew: true }),
  };
}

/** `POST /continue` for a `connection:*` ticket (already consumed by the caller). */
export async function continueConnection(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  ticket: TicketRecord<ConnectionTicket>,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  try {
    return await advance(c, ctx, ticket.data, body);
  } catch (error) {
    // A wrong password keeps the ticket too: sign-in's guessing windows bound the tries.
    if (error instanceof ApiFailure && (isRetryable(error.code) || error.code === 'invalid_credentials'))
      await restoreTicket(ctx, ticket);
    throw error;
  }
}

/** Which of `fields` the body lacks, as `field_required` issues. */
function missing(body: ContinueRequest, fields: (keyof ContinueRequest)[]): FieldIssue[] {
  return fields
    .filter(
      (field) => body[field] === undefined || (typeof body[field] === 'string' && body[field].trim() === ''),
    )
    .map((field) => required(field));
}

function take<T>(issues: FieldIssue[], result: FieldResult<T>): T | undefined {
  if (result.ok) return result.value;
  issues.push(result.issue);
  return undefined;
}

/** The preset's first-time steps; a preset without them binds no identity provider. */
function firstLoginOf(preset: Preset): FirstLogin {
  if (!preset.firstLogin) fail('method_disabled', 'Third-party login is not offered here.');
  return preset.firstLogin;
}

/** Asks for the form that creates the account (after an email, for identity providers that give none). */
function newAccount(
  ctx: ProviderContext,
  from: ConnectionTicket,
  extra: Partial<ConnectionTicket> = {},
): Promise<NeedsProfile> {
  const first = firstLoginOf(ctx.preset);
  const data = { ...from, ...extra };
  if (first.askEmail.includes(data.idp) && data.email === undefined)
    return needs(ctx, data, 'email', ['email']);
  const optional = first.create.optional ?? [];
  const requiredFields = first.create.fields.filter((field) => !optional.includes(field));
  return needs(ctx, data, 'create', requiredFields, optional);
}

async function advance(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: ConnectionTicket,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  const { preset, provider, store } = ctx;
  switch (data.kind) {
    case 'connection:start': {
      const bound = await store.accounts.findByConnection(provider, data.idp, data.subject);
      if (bound) return completeSignIn(c, ctx, bound, data.returnTo);
      if (firstLoginOf(preset).phone) return needs(ctx, data, 'phone', ['phone', 'code']);
      return newAccount(ctx, data);
    }

    case 'connection:phone': {
      const first = firstLoginOf(preset);
      const issues = missing(body, ['phone', 'code']);
      if (issues.length > 0) invalid(issues);
      const phone = must(phoneField(preset, 'phone', body.phone!));
      const mains = async () =>
        (await store.accounts.findByPhone(provider, phone)).filter(
          (account) => account.kind === 'main' && account.status === 'active',
        );
      // A preset that always creates checks its limit before the code is spent, so a full phone does not cost one.
      if (preset.maxAccountsPerPhone !== null && first.phone === 'create') {
        if ((await store.accounts.findByPhone(provider, phone)).length >= preset.maxAccountsPerPhone)
          phoneLimit();
      }
      await consumeCode(ctx, phone, 'bind', body.code!);
      const next = { ...data, phone };
      if (first.phone === 'bind-or-create') {
        const accounts = await mains();
        if (accounts.length === 0) return newAccount(ctx, next);
        return choose(ctx, next, accounts, true);
      }
      if (first.phone === 'bind') {
        const accounts = await mains();
        if (accounts.length === 0)
          fail('not_found', 'No account uses this phone number; register first, then bind WeChat.', {
            field: 'phone',
          });
        if (accounts.length > 1) return choose(ctx, next, accounts, false);
        return bindOrAskPassword(c, ctx, next, accounts[0]!, body);
      }
      return newAccount(ctx, next);
    }

    case 'connection:choose': {
      if (body.createNew) {
        if (!data.createNew)
          invalid([
            {
              path: 'createNew',
              code: 'invalid_value',
              message: 'Creating a new account is not offered at this step.',
            },
          ]);
        return newAccount(ctx, data);
      }
      if (!body.accountId) invalid([required('accountId')]);
      if (!data.accountIds?.includes(body.accountId))
        invalid([
          { path: 'accountId', code: 'invalid_value', message: 'Choose one of the accounts offered.' },
        ]);
      const account = await store.accounts.get(body.accountId);
      if (!account || account.status !== 'active')
        fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
      return bindOrAskPassword(c, ctx, data, account, body);
    }

    case 'connection:password': {
      const account =
        data.accountIds?.length === 1 ? await store.accounts.get(data.accountIds[0]!) : undefined;
      if (!account || account.status !== 'active')
        fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
      if (!body.password && !body.currentPassword) invalid([required('password')]);
      return bind(c, ctx, data, account, body);
    }

    case 'connection:email': {
      const issues = missing(body, ['email']);
      if (issues.length > 0) invalid(issues);
      const email = must(emailField('email', body.email!));
      if (preset.emailUnique && (await store.accounts.findByEmail(provider, email)).length > 0) {
        fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      }
      return newAccount(ctx, data, { email });
    }

    case 'connection:create':
      return create(c, ctx, data, await createForm(ctx, firstLoginOf(preset).create, body));
  }
}

/**
 * The fields of the preset's create form, checked as registration checks them; refused with
 * every issue at once, then `agreements_required`, then `account_name_taken`.
 */
async function createForm(
  ctx: ProviderContext,
  form: RegisterStep,
  body: ContinueRequest,
): Promise<Partial<AccountRecord>> {
  const { preset } = ctx;
  const optional = form.optional ?? [];
  const issues = missing(
    body,
    form.fields.filter(
      (field): field is keyof ContinueRequest & AccountField =>
        field !== 'agreements' && !optional.includes(field),
    ),
  );
  const fields: Partial<AccountRecord> = {};
  let password: string | undefined;
  for (const field of form.fields) {
    switch (field) {
      case 'accountName':
        if (body.accountName !== undefined)
          fields.accountName = take(issues, accountNameField(preset, 'accountName', body.accountName));
        break;
      case 'password':
        if (body.password)
          password = take(issues, passwordField(preset, 'password', body.password, body.accountName));
        break;
      case 'industry': {
        const industry = body.industry?.trim();
        if (industry && !preset.industries.some((entry) => entry.id === industry))
          issues.push({ path: 'industry', code: 'invalid_value', message: 'Unknown industry.' });
        else if (industry) fields.industry = industry;
        break;
      }
      case 'contactPhone':
        if (body.contactPhone)
          fields.contactPhone = take(issues, phoneField(preset, 'contactPhone', body.contactPhone));
        break;
      case 'contactEmail':
        if (body.contactEmail?.trim())
          fields.contactEmail = take(issues, emailField('contactEmail', body.contactEmail));
        break;
      case 'recommendationCode': {
        const recommendationCode = body.recommendationCode?.trim() || undefined;
        const issue =
          recommendationCode === undefined
            ? undefined
            : toIssue('recommendationCode', checkRecommendationCode(recommendationCode));
        if (issue) issues.push(issue);
        else if (recommendationCode !== undefined) fields.recommendationCode = recommendationCode;
        break;
      }
    }
  }
  if (issues.length > 0) invalid(issues);
  if (form.fields.includes('agreements')) {
    const agreements = agreementsAccepted(preset, body.agreements);
    const what = form.id === 'enable-service' ? 'enable the service' : 'create an account';
    if (!agreements)
      fail('agreements_required', `Accept the agreements to ${what}.`, { field: 'agreements' });
    fields.agreements = agreements;
  }
  if (fields.accountName !== undefined) {
    fields.accountNameKey = accountNameKey(fields.accountName);
    if (await findAccountByNameAlike(ctx, fields.accountName))
      fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
  }
  if (password !== undefined) fields.passwordHash = await hashPassword(password);
  for (const key of Object.keys(fields) as (keyof AccountRecord)[])
    if (fields[key] === undefined) delete fields[key];
  return fields;
}

function phoneLimit(): never {
  fail('phone_account_limit', 'This phone number already has the most accounts allowed.', { field: 'phone' });
}

function alreadyBound(idp: Idp): never {
  fail(
    'already_bound',
    `This account is already bound to another ${idp === 'wechat' ? 'WeChat' : idp} identity.`,
    { field: 'accountId' },
  );
}

/**
 * Binds at once when the account has no password, or the request carries it; otherwise asks for
 * it (`NeedsProfile` with `password`). Refusals that need no password come first.
 */
async function bindOrAskPassword(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: ConnectionTicket,
  account: AccountRecord,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  const same = account.connections.find((connection) => connection.idp === data.idp);
  if (account.legacy || same || account.passwordHash === undefined || body.password || body.currentPassword)
    return bind(c, ctx, data, account, body);
  return needs(ctx, { ...data, accountIds: [account.id] }, 'password', ['password']);
}

/** Binds the identity to an existing account (JD Cloud, QingCloud) and signs it in. */
async function bind(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: ConnectionTicket,
  account: AccountRecord,
  body: ContinueRequest,
): Promise<SignInAnswer> {
  if (account.legacy) {
    fail(
      'legacy_account_cannot_bind',
      'This older JD account must be upgraded (account name and password) before it can bind another login.',
      { field: 'accountId' },
    );
  }
  const bound = account.connections.find((connection) => connection.idp === data.idp);
  if (bound && bound.subject !== data.subject) alreadyBound(data.idp);
  if (account.passwordHash !== undefined && !bound) {
    const password = body.currentPassword || body.password;
    if (!password)
      fail('reauth_required', 'Enter this account’s password to bind this login to it.', {
        field: 'password',
      });
    await checkCurrentPassword(c, ctx, account, password, 'password');
  }
  let updated: AccountRecord | undefined;
  try {
    updated = await ctx.store.accounts.update(account.id, (record) => {
      const same = record.connections.find((connection) => connection.idp === data.idp);
      if (same && same.subject !== data.subject)
        throw new ApiFailure(
          'already_bound',
          'This account is already bound to another identity of this provider.',
          { field: 'accountId' },
        );
      if (same) return record;
      return {
        ...record,
        connections: [...record.connections, { idp: data.idp, subject: data.subject, boundAt: isoNow(ctx) }],
      };
    });
  } catch (error) {
    // The identity was bound to another account meanwhile (a second tab finished first).
    if (error instanceof StoreConflictError && error.conflict === 'connection') alreadyBound(data.idp);
    throw error;
  }
  if (!updated)
    fail('ticket_expired', 'The account is no longer available; start again.', { field: 'ticket' });
  if (updated.connections.length !== account.connections.length)
    await notifyAccount(
      ctx,
      updated,
      accountLabel(updated),
      'bind',
      localeFor(c.req.header('Accept-Language'), ctx.preset),
      data.idp,
    );
  return completeSignIn(c, ctx, updated, data.returnTo);
}

/** Creates the account the first-time flow collected, bound to the identity, and signs it in. */
async function create(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  data: ConnectionTicket,
  fields: Partial<AccountRecord>,
): Promise<SignInAnswer> {
  const { provider, preset, store } = ctx;
  const phone = data.phone;
  const email = data.email;
  const locks = [
    ...(phone ? [`phone:${provider}:${phone}`] : []),
    ...(email ? [`email:${provider}:${email}`] : []),
  ];
  const record = await ctx.locks.run(locks, async () => {
    const now = isoNow(ctx);
    const record: AccountRecord = {
      id: newId(),
      provider,
      kind: 'main',
      ...(phone !== undefined && { phone }),
      phoneLoginable: phone !== undefined && (await isFirstHolder(ctx, 'phone', phone)),
      // An email given here is verified by its link before it becomes a login identifier.
      ...(email !== undefined && { email }),
      emailVerified: false,
      emailLoginable: false,
      connections: [{ idp: data.idp, subject: data.subject, boundAt: now }],
      legacy: false,
      status: 'active',
      ...fields,
      createdAt: now,
      updatedAt: now,
    };
    const created = await store.accounts.create(record, {
      emailUnique: preset.emailUnique,
      maxAccountsPerPhone: preset.maxAccountsPerPhone,
    });
    if (!created.ok) {
      switch (created.conflict) {
        case 'accountName':
          fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
        case 'email':
          fail('email_taken', 'This email is already used by another account.', { field: 'email' });
        case 'phoneLimit':
          phoneLimit();
        case 'connection':
          fail('already_bound', 'This login was bound to another account meanwhile; sign in again.');
      }
    }
    return record;
  });
  if (email !== undefined)
    await sendEmailLink(c, ctx, {
      accountId: record.id,
      email,
      purpose: 'verify',
      ...(data.returnTo !== undefined && { returnTo: data.returnTo }),
    });
  return startSession(c, ctx, record, data.returnTo);
}

// ---- account security: unbinding, the legacy upgrade -------------------------------------------------------------

export function isIdp(value: string): value is Idp {
  return (IDPS as readonly string[]).includes(value);
}

/**
 * `DELETE /account/connections/{idp}` (docs/flows.md#unbind-a-third-party-login): allowed only when the account can still sign in
 * afterwards — it has a password and a password login identifier, or another connection. A
 * legacy JD account signs in only through JD, so it upgrades first.
 */
export async function unbindConnection(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  idp: string,
): Promise<void> {
  checkUnbind(ctx, account, idp);
  await ctx.store.accounts.update(account.id, (record) => ({
    ...record,
    connections: record.connections.filter((connection) => connection.idp !== idp),
  }));
}

/** Why `idp` cannot be unbound (`not_found`, `password_required`), answered before any proof is asked for. */
export function checkUnbind(ctx: ProviderContext, account: Frozen<AccountRecord>, idp: string): void {
  if (!isIdp(idp) || !account.connections.some((connection) => connection.idp === idp))
    fail('not_found', 'This login is not bound to the account.');
  const others = account.connections.filter((connection) => connection.idp !== idp);
  const canUsePassword =
    account.passwordHash !== undefined && loginIdentifiersOf(account, ctx.preset).length > 0;
  if (!canUsePassword && others.length === 0) {
    const message = account.legacy
      ? 'Upgrade the account (account name and password) before unbinding.'
      : account.passwordHash === undefined
        ? 'Set a password before unbinding, so you can still sign in.'
        : 'The password has no identifier to sign in with yet (verify the email first); unbinding would lock the account.';
    fail('password_required', message);
  }
}

/**
 * `POST /account/upgrade` (docs/flows.md#legacy-jd-accounts): a legacy JD account chooses an account name and password and
 * becomes an ordinary account (password login works from then on; JD login stays bound).
 */
export async function upgradeLegacy(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  body: UpgradeRequest,
): Promise<Account> {
  if (!account.legacy) fail('method_disabled', 'Only an older JD account can be upgraded.');
  const issues: FieldIssue[] = [];
  const accountName = take(issues, accountNameField(ctx.preset, 'accountName', body.accountName));
  const password = take(issues, passwordField(ctx.preset, 'password', body.password, body.accountName));
  if (issues.length > 0) invalid(issues);
  const nameKey = accountNameKey(accountName!);
  if (await findAccountByNameAlike(ctx, accountName!))
    fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
  const passwordHash = await hashPassword(password!);
  try {
    const updated = await ctx.store.accounts.update(account.id, (record) => ({
      ...record,
      accountName: accountName!,
      accountNameKey: nameKey,
      passwordHash,
      legacy: false,
    }));
    if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
    return toPublicAccount(updated, ctx.preset);
  } catch (error) {
    if (error instanceof StoreConflictError && error.conflict === 'accountName')
      fail('account_name_taken', 'This account name is taken.', { field: 'accountName' });
    throw error;
  }
}
