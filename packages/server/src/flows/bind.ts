/**
 * Third-party login (docs/flows.md#third-party-login) after the identity provider: the connection's ticket goes to
 * `POST /continue`, which signs in the account already bound to the identity, or walks the
 * preset's first-time steps (its `firstLogin` data) — each answer a new single-use ticket, the
 * identity carried inside it (never by the browser):
 *
 * - `phone: 'bind-or-create'` (JD Cloud, seed 002): phone + code + agreements → the phone's
 *   accounts, "bind one" or "create a new one"; a phone without accounts gets a new account at
 *   once (a create form without fields: a generated account name, no password, both set later
 *   in account security) and is signed in;
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
 * `phone_account_limit`. The create form's checks are in connection-fields.ts, the new account in
 * connection-create.ts; unbinding and the legacy upgrade in account-connections.ts.
 */
import type { Context } from 'hono';
import type {
  ChooseAccount,
  ContinueRequest,
  FirstLogin,
  Idp,
  NeedsProfile,
  Preset,
} from '@cloud-login/core';
import { isRetryable } from '@cloud-login/core';
import { StoreConflictError, type AccountRecord, type TicketRecord } from '../store/types.ts';
import { ApiFailure, fail, invalid } from '../middleware/errors.ts';
import type { Identity } from '../idp/types.ts';
import { accountLabel, chooserEntry } from './accounts.ts';
import { consumeCode } from './codes.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { create, createAutomatically, phoneLimit } from './connection-create.ts';
import { createForm, missing } from './connection-fields.ts';
import { emailField, must, phoneField, required } from './fields.ts';
import type { SignInAnswer } from './login.ts';
import { agreementsAccepted } from './register.ts';
import { localeFor, notifyAccount } from './notify.ts';
import { checkCurrentPassword } from './reauth.ts';
import { completeSignIn } from './sessions.ts';
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
    ...(identity.nickname !== undefined && { nickname: identity.nickname }),
    ...(identity.phone !== undefined && { idpPhone: identity.phone }),
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
  // 001: "In this step, you can modify your phone": the JD account's phone comes filled in, when
  // the preset's regions take it.
  const asked = [...requiredFields, ...optional].includes('contactPhone');
  const phone = asked && from.idpPhone ? phoneField(ctx.preset, 'contactPhone', from.idpPhone) : undefined;
  return {
    status: 'needs_profile',
    ticket,
    required: requiredFields,
    optional,
    ...(from.nickname !== undefined && { nickname: from.nickname }),
    ...(phone?.ok && { prefill: { contactPhone: phone.value } }),
  };
}

async function choose(
  ctx: ProviderContext,
  from: ConnectionTicket,
  accounts: AccountRecord[],
  createNew: boolean,
): Promise<ChooseAccount> {
  const { flowHash: _proven, ...rest } = from;
  const ticket = await issueTicket(ctx, {
    ...rest,
    kind: 'connection:choose',
    accountIds: accounts.map((account) => account.id),
    createNew,
  });
  return {
    status: 'choose_account',
    ticket,
    accounts: await Promise.all(accounts.map((account) => chooserEntry(ctx, account))),
    ...(createNew && { createNew: true }),
    ...(from.nickname !== undefined && { nickname: from.nickname }),
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

/** The preset's first-time steps; a preset without them binds no identity provider. */
function firstLoginOf(preset: Preset): FirstLogin {
  if (!preset.firstLogin) fail('method_disabled', 'Third-party login is not offered here.');
  return preset.firstLogin;
}

/**
 * Asks for the form that creates the account (after an email, for identity providers that give
 * none); a form without fields creates it at once (002).
 */
function newAccount(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  from: ConnectionTicket,
  extra: Partial<ConnectionTicket> = {},
): Promise<SignInAnswer> {
  const first = firstLoginOf(ctx.preset);
  const data = { ...from, ...extra };
  if (first.askEmail.includes(data.idp) && data.email === undefined)
    return needs(ctx, data, 'email', ['email']);
  if (first.create.fields.length === 0) return createAutomatically(c, ctx, data);
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
      const first = firstLoginOf(preset);
      if (first.phone) return needs(ctx, data, 'phone', ['phone', 'code', ...(first.phoneStep ?? [])]);
      return newAccount(c, ctx, data);
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
      // Agreements asked here are checked before the code is spent, so a missed box costs none.
      let agreements: string[] | undefined;
      if (first.phoneStep?.includes('agreements')) {
        agreements = agreementsAccepted(preset, body.agreements);
        if (!agreements)
          fail('agreements_required', 'Accept the agreements to continue.', { field: 'agreements' });
      }
      await consumeCode(ctx, phone, 'bind', body.code!);
      const next = { ...data, phone, ...(agreements && { agreements }) };
      if (first.phone === 'bind-or-create') {
        const accounts = await mains();
        if (accounts.length === 0) return newAccount(c, ctx, next);
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
      return newAccount(c, ctx, next);
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
        return newAccount(c, ctx, data);
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
      return newAccount(c, ctx, data, { email });
    }

    case 'connection:create':
      return create(c, ctx, data, await createForm(ctx, firstLoginOf(preset).create, body));
  }
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
        connections: [
          ...record.connections,
          {
            idp: data.idp,
            subject: data.subject,
            boundAt: isoNow(ctx),
            ...(data.nickname !== undefined && { nickname: data.nickname }),
          },
        ],
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
