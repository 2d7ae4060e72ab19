/**
 * A first third-party login (docs/flows.md#third-party-login): the steps after the provider's
 * ticket, per preset, ending in a bound existing account or a new one.
 */
import {
  checkRecommendationCode,
  normalizeAccountName,
  normalizeEmail,
  toIssue,
} from '@cloud-login/core/rules';
import { HttpError, json } from './http.ts';
import { FIXED_CREATED, PHONES, type FakeAccount } from './seeds.ts';
import type { ConnectionStep, ConnectionTicket, FakeState } from './state.ts';

/** `POST /continue` with a connection ticket: the reference server's third-party login steps, per preset. */
export function advanceConnection(
  fake: FakeState,
  data: ConnectionTicket,
  body: Record<string, unknown>,
): Response {
  const provider = fake.provider;
  switch (data.step) {
    case 'start': {
      const boundId = fake.subjects.get(`${data.idp}|${data.subject}`);
      const bound = boundId ? fake.accounts.find((a) => a.id === boundId) : undefined;
      if (bound) return fake.authenticate(bound);
      // 001: the JD account's phone (the fake JD gives every user the shared one) starts the form.
      if (provider === 'jdcloud-classic')
        return connectionStep(
          fake,
          data,
          'service',
          ['agreements', 'contactPhone'],
          ['contactEmail', 'recommendationCode'],
          {},
          { contactPhone: PHONES.shared },
        );
      if (provider === 'jdcloud') return connectionStep(fake, data, 'phone', ['phone', 'code', 'agreements']);
      if (provider === 'qingcloud' || provider === 'tencentcloud')
        return connectionStep(fake, data, 'phone', ['phone', 'code']);
      throw new HttpError('method_disabled');
    }
    case 'phone': {
      const issues = fake.missing(body, ['phone', 'code']);
      if (issues.length) throw new HttpError('validation_failed', { issues });
      const phone = fake.phoneOf(fake.str(body, 'phone'));
      const limit = fake.preset.maxAccountsPerPhone;
      // Tencent's limit is checked before the code is spent.
      if (
        provider === 'tencentcloud' &&
        limit !== null &&
        fake.accounts.filter((a) => a.phone === phone).length >= limit
      ) {
        throw new HttpError('phone_account_limit', { field: 'phone' });
      }
      // JD's agreements sit on the phone step, checked before the code is spent (002).
      if (provider === 'jdcloud') fake.checkAgreements(body.agreements);
      fake.consumeCode(phone, 'bind', fake.str(body, 'code'));
      const next = { ...data, phone };
      const mains = fake.accounts.filter((a) => a.phone === phone && a.kind === 'main');
      if (provider === 'jdcloud') {
        if (mains.length === 0) return createAutomatically(fake, next);
        return connectionChoice(fake, next, mains, true);
      }
      if (provider === 'qingcloud') {
        if (mains.length === 0) throw new HttpError('not_found', { field: 'phone' });
        if (mains.length > 1) return connectionChoice(fake, next, mains, false);
        return bind(fake, next, mains[0]!);
      }
      if (data.idp === 'wechat') return connectionStep(fake, next, 'email', ['email']);
      return connectionStep(fake, next, 'industry', ['industry', 'agreements']);
    }
    case 'choose': {
      if (body.createNew === true) {
        if (!data.createNew)
          throw new HttpError('validation_failed', {
            issues: [{ path: 'createNew', code: 'invalid_value', message: 'not offered' }],
          });
        if (provider === 'jdcloud') return createAutomatically(fake, data);
        return connectionStep(fake, data, 'create', ['accountName', 'agreements'], ['password']);
      }
      const accountId = fake.str(body, 'accountId');
      const account = fake.accounts.find((a) => a.id === accountId && data.accountIds?.includes(a.id));
      if (!account)
        throw new HttpError('validation_failed', {
          issues: [
            { path: 'accountId', code: 'invalid_value', message: 'choose one of the accounts offered' },
          ],
        });
      return bind(fake, data, account);
    }
    case 'create': {
      const accountName = fake.str(body, 'accountName');
      const issues = fake.checkFields(body, ['accountName', 'password'], ['password'], accountName);
      if (issues.length) throw new HttpError('validation_failed', { issues });
      fake.checkAgreements(body.agreements);
      const key = normalizeAccountName(accountName);
      if (fake.accounts.some((a) => a.accountName && normalizeAccountName(a.accountName) === key)) {
        throw new HttpError('account_name_taken', { field: 'accountName' });
      }
      return createConnected(fake, data, {
        accountName,
        password: fake.str(body, 'password') || undefined,
        loginIdentifiers: ['accountName'],
      });
    }
    case 'email': {
      const issues = fake.checkFields(body, ['email'], []);
      if (issues.length) throw new HttpError('validation_failed', { issues });
      const email = normalizeEmail(fake.str(body, 'email'));
      if (fake.preset.emailUnique && fake.accounts.some((a) => a.email === email))
        throw new HttpError('email_taken', { field: 'email' });
      return connectionStep(fake, data, 'industry', ['industry', 'agreements'], [], { email });
    }
    case 'industry': {
      const industry = fake.str(body, 'industry').trim();
      const issues = fake.missing(body, ['industry']);
      if (industry && !fake.preset.industries.some((i) => i.id === industry))
        issues.push({ path: 'industry', code: 'invalid_value', message: 'unknown industry' });
      if (issues.length) throw new HttpError('validation_failed', { issues });
      fake.checkAgreements(body.agreements);
      return createConnected(fake, data, { industry });
    }
    case 'service': {
      const issues = fake.checkFields(body, ['contactPhone', 'contactEmail'], ['contactEmail']);
      const code = fake.str(body, 'recommendationCode').trim();
      const recommendationIssue = code
        ? toIssue('recommendationCode', checkRecommendationCode(code))
        : undefined;
      if (recommendationIssue) issues.push(recommendationIssue);
      if (issues.length) throw new HttpError('validation_failed', { issues });
      fake.checkAgreements(body.agreements);
      return createConnected(fake, data, {});
    }
  }
}

export function connectionStep(
  fake: FakeState,
  from: ConnectionTicket,
  step: ConnectionStep,
  required: string[],
  optional: string[] = [],
  extra: Partial<ConnectionTicket> = {},
  prefill?: { contactPhone: string },
): Response {
  const ticket = fake.issueTicket({ ...from, ...extra, step });
  return json(200, {
    status: 'needs_profile',
    ticket,
    required,
    optional,
    ...(from.nickname !== undefined && { nickname: from.nickname }),
    ...(prefill && { prefill }),
  });
}

export function connectionChoice(
  fake: FakeState,
  from: ConnectionTicket,
  accounts: FakeAccount[],
  createNew: boolean,
): Response {
  const ticket = fake.issueTicket({
    ...from,
    step: 'choose',
    accountIds: accounts.map((a) => a.id),
    createNew,
  });
  const body: Record<string, unknown> = {
    status: 'choose_account',
    ticket,
    accounts: accounts.map((a) => fake.chooserEntry(a)),
  };
  if (createNew) body.createNew = true;
  if (from.nickname !== undefined) body.nickname = from.nickname;
  return json(200, body);
}

/** JD's account made at once (002): a generated name, no password; the owner sets both later. */
function createAutomatically(fake: FakeState, data: ConnectionTicket): Response {
  return createConnected(fake, data, {
    accountName: `wx_${fake.next('name').replace(/\W/g, '').slice(-10).padStart(10, 'k')}`,
    accountNameGenerated: true,
    loginIdentifiers: ['accountName'],
  });
}

/** Binds the identity to an existing account (JD Cloud, QingCloud) and signs it in. */
export function bind(fake: FakeState, data: ConnectionTicket, account: FakeAccount): Response {
  if (account.legacy) throw new HttpError('legacy_account_cannot_bind', { field: 'accountId' });
  const own = [...fake.subjects].find(([key, id]) => id === account.id && key.startsWith(`${data.idp}|`));
  if (own && own[0] !== `${data.idp}|${data.subject}`)
    throw new HttpError('already_bound', { field: 'accountId' });
  fake.subjects.set(`${data.idp}|${data.subject}`, account.id);
  if (!account.connections.includes(data.idp)) account.connections.push(data.idp);
  if (data.nickname !== undefined)
    account.connectionNames = [
      ...(account.connectionNames ?? []).filter((n) => n.idp !== data.idp),
      { idp: data.idp, nickname: data.nickname },
    ];
  return fake.authenticate(account);
}

export function createConnected(
  fake: FakeState,
  data: ConnectionTicket,
  fields: Partial<FakeAccount>,
): Response {
  const account: FakeAccount = {
    id: fake.next('account'),
    emailVerified: false,
    loginIdentifiers: [],
    connections: [data.idp],
    kind: 'main',
    legacy: false,
    createdAt: FIXED_CREATED,
    ...(data.phone ? { phone: data.phone } : {}),
    ...(data.email ? { email: data.email } : {}),
    ...(data.nickname !== undefined && { connectionNames: [{ idp: data.idp, nickname: data.nickname }] }),
    ...fields,
  };
  if (data.phone && !fake.accounts.some((a) => a.phone === data.phone))
    account.loginIdentifiers.push('phone');
  fake.accounts.push(account);
  fake.subjects.set(`${data.idp}|${data.subject}`, account.id);
  return fake.authenticate(account);
}
