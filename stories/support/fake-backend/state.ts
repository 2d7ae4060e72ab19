/**
 * The fake backend's state and the helpers every resource's handlers share: tickets, sessions,
 * codes, the outbox, and the answers that end a flow (signed in, choose an account, complete
 * the profile). The handlers in this folder read and write these fields directly; stories use
 * `FakeBackend`'s documented methods.
 */
import {
  maskEmail,
  maskName,
  resolvePreset,
  type Account,
  type ChooserAccount,
  type FieldIssue,
  type Idp,
  type OutboxMessage,
  type Preset,
  type PresetOverrides,
  type ProviderId,
  type QrStatus,
} from '@cloud-login/core';
import { checkAccountName, checkEmail, issue, toIssue } from '@cloud-login/core/rules';
import { checkPassword } from '@cloud-login/core/rules/password-checks';
import { maskPhone, parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import { HttpError, json } from './http.ts';
import type { FakePasskey } from './passkeys.ts';
import { offersTotp, twoStepAnswer } from './totp.ts';
import { EXPIRED_CODE, FAKE_CODE, SESSION_EXPIRES, seedAccounts, type FakeAccount } from './seeds.ts';

export interface FakeOptions {
  provider?: ProviderId;
  overrides?: PresetOverrides;
  /** Milliseconds before every answer (default 0). */
  delay?: number;
  /** Extra accounts besides the preset's seeds. */
  accounts?: FakeAccount[];
  /** Replace the seeds entirely. */
  seed?: boolean;
  /** Status sequence an app QR goes through, one step per poll (default: stays pending). */
  qrScript?: QrStatus[];
  /** Accept `123456` even when no code was sent first (default false: like the server). */
  lenientCodes?: boolean;
}

export interface FakeCall {
  method: string;
  path: string;
  body?: unknown;
  status?: number;
}

/** The steps of a first third-party login, as the reference server walks them (docs/flows.md#third-party-login). */
export type ConnectionStep = 'start' | 'phone' | 'choose' | 'create' | 'email' | 'industry' | 'service';

export interface ConnectionTicket {
  kind: 'connection';
  step: ConnectionStep;
  idp: Idp;
  /** The identity at the provider (unionid/openid). */
  subject: string;
  phone?: string;
  email?: string;
  accountIds?: string[];
  createNew?: boolean;
  /** The provider's name for the person (WeChat nickname), on every step's answer (002). */
  nickname?: string;
  /** Accepted at JD's phone step, for the account created without another step (002). */
  agreements?: boolean;
}

export type Ticket =
  | { kind: 'choose'; accountIds: string[]; createNew: boolean }
  /** A password reset: the accounts the code matched (a chooser first when several), then the new password. */
  | { kind: 'reset'; accountIds: string[] }
  | { kind: 'profile'; accountId: string; required: string[]; optional: string[] }
  /** Two-step verification (fake-backend/totp.ts): a sign-in's second step, an app being set up. */
  | { kind: 'two-step'; accountId: string; returnTo?: string }
  | { kind: 'totp-setup'; accountId: string }
  | ConnectionTicket;

export class FakeState {
  readonly provider: ProviderId;
  readonly preset: Preset;
  readonly baseUrl: string;
  /** Milliseconds before every answer. */
  delay: number;
  /** Every request, in order (for play functions to assert on). */
  readonly calls: FakeCall[] = [];
  readonly outbox: OutboxMessage[] = [];
  readonly accounts: FakeAccount[];
  /** Status sequence of app QRs, one step per poll; the last one stays. */
  qrScript: QrStatus[];
  lenientCodes: boolean;

  counter = 0;
  tickets = new Map<string, Ticket>();
  sessions = new Map<string, string>(); // token → account id
  /** Sessions a sign-in or registration just made: like the server's 5 minutes, proof enough for a security email. */
  freshSessions = new Set<string>();
  /** Passkeys of the accounts (fake-backend/passkeys.ts); stories seed them with `addPasskey`. */
  readonly passkeys: FakePasskey[] = [];
  /** The session a browser would send as its HttpOnly cookie. */
  cookie?: string;
  codes = new Map<string, { sentAt: number; wrong: number; dead: boolean }>(); // phone|purpose
  /** `POST /codes/verify`'s tickets: the phone each proves. */
  codeTickets = new Map<string, string>();
  lastSent = new Map<string, number>(); // phone → time of last code
  emailTokens = new Map<string, { accountId: string; purpose: 'activate' | 'verify'; email: string }>();
  qrs = new Map<
    string,
    { secret: string; polls: number; expiresAt: number; status?: QrStatus; handedOut?: boolean }
  >();
  pendingActivation = new Map<string, { returnTo?: string; sentAt?: number }>();
  /** `idp|subject` → account id: the identities bound to accounts. */
  subjects = new Map<string, string>();

  constructor(options: FakeOptions = {}) {
    this.provider = options.provider ?? 'default';
    this.preset = resolvePreset(this.provider, options.overrides);
    this.baseUrl = `https://auth.example.test/api/${this.provider}`;
    this.delay = options.delay ?? 0;
    this.accounts = [
      ...(options.seed === false ? [] : seedAccounts(this.provider)),
      ...(options.accounts ?? []),
    ].map((a) => ({ ...a }));
    this.qrScript = options.qrScript ?? ['pending'];
    this.lenientCodes = options.lenientCodes ?? false;
    // Every seeded connection is an identity `<idp>:<account id>` at its provider.
    for (const account of this.accounts)
      for (const idp of account.connections)
        this.subjects.set(`${idp}|${FakeState.subjectOf(idp, account.id)}`, account.id);
  }

  /** The identity a seeded account's connection has at the provider. */
  static subjectOf(idp: Idp, accountId: string): string {
    return `${idp}:${accountId}`;
  }

  /** A flow ticket as the server would hand out (e.g. the `#cl_ticket=` of an activation link). */
  issueTicket(ticket: Ticket): string {
    const id = this.next('ticket');
    this.tickets.set(id, ticket);
    return id;
  }

  /** Signs an account in without a form (for stories that start signed in). */
  signIn(accountId: string): string {
    const token = this.next('session');
    this.sessions.set(token, accountId);
    this.cookie = token;
    return token;
  }

  /** A fresh id (`fake-<prefix>-<n>`): ids count up per backend, so stories are deterministic. */
  next(prefix: string): string {
    this.counter += 1;
    return `fake-${prefix}-${this.counter}`;
  }

  str(body: Record<string, unknown>, key: string): string {
    const value = body[key];
    return typeof value === 'string' ? value : '';
  }

  phoneOf(input: string, field = 'phone'): string {
    const parsed = parsePhone(input, this.preset.phone, phoneMetadata);
    if (!parsed.ok) throw new HttpError('validation_failed', { issues: [issue(field, parsed.code)] });
    return parsed.e164;
  }

  tokenOf(request: Request): string | undefined {
    const header = request.headers.get('Authorization');
    return header?.startsWith('Bearer ') ? header.slice(7) : this.cookie;
  }

  authenticated(request: Request): FakeAccount {
    const token = this.tokenOf(request);
    const id = token ? this.sessions.get(token) : undefined;
    const account = id ? this.accounts.find((a) => a.id === id) : undefined;
    if (!account) throw new HttpError('unauthenticated');
    return account;
  }

  publicAccount(account: FakeAccount): Account {
    const out: Account = {
      id: account.id,
      provider: this.provider,
      emailVerified: account.emailVerified,
      loginIdentifiers: [...account.loginIdentifiers],
      connections: [...account.connections],
      hasPassword: !!account.password,
      kind: account.kind,
      legacy: account.legacy,
      createdAt: account.createdAt,
    };
    if (account.accountName) out.accountName = account.accountName;
    if (account.phone) out.phone = maskPhone(account.phone, phoneMetadata);
    if (account.email) out.email = account.email;
    if (account.industry) out.industry = account.industry;
    if (account.contactPhone) out.contactPhone = maskPhone(account.contactPhone, phoneMetadata);
    if (account.contactEmail) out.contactEmail = account.contactEmail;
    if (account.parentId) out.parentId = account.parentId;
    if (offersTotp(this) || account.totp)
      out.twoStep = {
        totp: !!account.totp,
        ...(account.totp && { recoveryCodesLeft: account.totp.recoveryCodes.length }),
      };
    if (account.accountNameGenerated) out.accountNameGenerated = true;
    if (account.connectionNames?.length) out.connectionNames = account.connectionNames.map((n) => ({ ...n }));
    return out;
  }

  /** Signs in, or (an account with TOTP on, `secondStep` not yet passed) asks for the app's code. */
  authenticate(account: FakeAccount, returnTo?: string, status = 200, secondStep = false): Response {
    if (account.totp && !secondStep && offersTotp(this)) return twoStepAnswer(this, account, returnTo);
    const token = this.signIn(account.id);
    this.freshSessions.add(token);
    const body: Record<string, unknown> = {
      status: 'authenticated',
      account: this.publicAccount(account),
      session: { token, expiresAt: SESSION_EXPIRES },
    };
    if (returnTo) body.returnTo = returnTo;
    return json(status, body, {
      'Set-Cookie': `cl_session=${token}; HttpOnly; Secure; SameSite=None; Path=/`,
    });
  }

  chooseAccount(accounts: FakeAccount[], createNew = false): Response {
    const ticket = this.issueTicket({ kind: 'choose', accountIds: accounts.map((a) => a.id), createNew });
    const body: Record<string, unknown> = {
      status: 'choose_account',
      ticket,
      accounts: accounts.map((a) => this.chooserEntry(a)),
    };
    if (createNew) body.createNew = true;
    return json(200, body);
  }

  needsProfile(accountId: string, required: string[], optional: string[] = []): Response {
    const ticket = this.issueTicket({ kind: 'profile', accountId, required, optional });
    return json(200, { status: 'needs_profile', ticket, required, optional });
  }

  record(message: Omit<OutboxMessage, 'sentAt'>): void {
    this.outbox.unshift({ ...message, sentAt: new Date().toISOString() });
  }

  /** Checks `code` for `phone` + `purpose` the way the server does (5 wrong tries, single use). */
  consumeCode(phone: string, purpose: string, code: string): void {
    const key = `${phone}|${purpose}`;
    const entry = this.codes.get(key);
    if (!entry && !this.lenientCodes) throw new HttpError('invalid_code', { field: 'code' });
    // Killed by wrong tries: any later try, the right code included, is told it is used up.
    if (entry?.dead) throw new HttpError('code_expired', { field: 'code' });
    if (code === EXPIRED_CODE) throw new HttpError('code_expired', { field: 'code' });
    if (code !== FAKE_CODE) {
      if (entry) {
        entry.wrong += 1;
        if (entry.wrong >= this.preset.code.maxAttempts) {
          entry.dead = true;
          throw new HttpError('too_many_attempts', { field: 'code' });
        }
      }
      throw new HttpError('invalid_code', { field: 'code' });
    }
    this.codes.delete(key);
  }

  checkFields(
    body: Record<string, unknown>,
    fields: string[],
    optional: string[],
    accountName?: string,
  ): FieldIssue[] {
    const issues: FieldIssue[] = [];
    for (const field of fields) {
      if (field === 'agreements') continue;
      const value = this.str(body, field);
      if (value === '') {
        if (!optional.includes(field)) issues.push(issue(field, 'field_required'));
        continue;
      }
      let found: FieldIssue | undefined;
      if (field === 'accountName' && this.preset.accountName)
        found = toIssue(field, checkAccountName(value, this.preset.accountName));
      if (field === 'password')
        found = toIssue(field, checkPassword(value, this.preset.password, { accountName }));
      if (field === 'email' || field === 'contactEmail') found = toIssue(field, checkEmail(value));
      if (field === 'phone' || field === 'contactPhone') {
        const parsed = parsePhone(value, this.preset.phone, phoneMetadata);
        if (!parsed.ok) found = issue(field, parsed.code);
      }
      if (found) issues.push(found);
    }
    return issues;
  }

  checkAgreements(value: unknown): void {
    const ids = this.preset.agreements.map((a) => a.id);
    if (ids.length === 0) return;
    const accepted = value === true || (Array.isArray(value) && ids.every((id) => value.includes(id)));
    if (!accepted) throw new HttpError('agreements_required', { field: 'agreements' });
  }

  missing(body: Record<string, unknown>, fields: string[]): FieldIssue[] {
    return fields
      .filter((field) => this.str(body, field).trim() === '')
      .map((field) => issue(field, 'field_required'));
  }

  /** A chooser entry as the server makes it (`ChooseAccount` in packages/server/README.md). */
  chooserEntry(account: FakeAccount): ChooserAccount {
    const phone = account.phone ? maskPhone(account.phone, phoneMetadata) : undefined;
    const email = account.email ? maskEmail(account.email) : undefined;
    const label = account.accountName
      ? maskName(account.accountName)
      : (email ?? phone ?? account.id.slice(0, 8));
    const detail = account.accountName ? (email ?? phone) : email ? phone : undefined;
    return {
      id: account.id,
      label,
      ...(detail !== undefined && { detail }),
      createdAt: account.createdAt,
      ...(account.lastSignInAt !== undefined && { lastSignInAt: account.lastSignInAt }),
    };
  }
}
