/**
 * An in-memory implementation of the HTTP contract (packages/server/README.md) as a `Transport`, for Storybook.
 * The elements under a story are the real ones, talking through the real core client; only the
 * network is replaced, at the client's `transport` seam. Nothing here runs inside an element.
 *
 * Deterministic on purpose: every code is `123456`, every seeded password `Passw0rd!`, tickets
 * and tokens count up per backend. A story arranges the answer it needs before the element asks:
 *
 *   const fake = createFakeBackend({ provider: 'qingcloud' });
 *   fake.failNext('/sessions', 'invalid_credentials');        // the next POST /sessions fails
 *   fake.failNext('/codes', 'code_cooldown', { retryAfter: 42 });
 *   fake.hang('/sessions/sms');                                // the next call never answers
 *   fake.delay = 400;                                          // every answer takes 400 ms
 *
 * It reads the same preset as the server (`resolvePreset`, `publicConfig`) and checks fields
 * with the same rules (`@cloud-login/core/rules`), so a story shows what the server would say.
 * No DOM: it runs under node too (test/storybook/fake-backend.test.ts checks it against the
 * contract's schemas).
 */
import {
  ERROR_STATUS,
  createClient,
  isRetryable,
  maskEmail,
  maskName,
  publicConfig,
  resolvePreset,
  type Account,
  type CloudClient,
  type ErrorCode,
  type FieldIssue,
  type Idp,
  type OutboxMessage,
  type Preset,
  type PresetOverrides,
  type ProviderId,
  type QrStatus,
  type Transport,
} from '@cloud-login/core';
import {
  checkAccountName,
  checkEmail,
  checkRecommendationCode,
  issue,
  normalizeAccountName,
  normalizeEmail,
  toIssue,
} from '@cloud-login/core/rules';
import { checkPassword } from '@cloud-login/core/rules/password-checks';
import { maskPhone, parsePhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import { format, isMessageKey } from '@cloud-login/core/messages/index';

/** The one code every SMS, voice call and email carries. */
export const FAKE_CODE = '123456';
/** A code the fake treats as expired (`code_expired`). */
export const EXPIRED_CODE = '000000';
/** The password of every seeded account. */
export const FAKE_PASSWORD = 'Passw0rd!';

/** Seeded phones: shared by several accounts, owned by one, and unknown. */
export const PHONES = {
  shared: '+8613800138000',
  single: '+8613900139000',
  fresh: '+8613700137000',
  hongKong: '+85291234567',
  us: '+12015550123',
} as const;

const FIXED_CREATED = '2024-03-01T08:00:00.000Z';
const LEGACY_CREATED = '2018-05-01T08:00:00.000Z';
const SESSION_EXPIRES = '2030-01-01T00:00:00.000Z';

export interface FakeAccount {
  id: string;
  accountName?: string;
  /** E.164. */
  phone?: string;
  email?: string;
  emailVerified: boolean;
  loginIdentifiers: Account['loginIdentifiers'];
  connections: Idp[];
  password?: string;
  kind: 'main' | 'sub';
  legacy: boolean;
  createdAt: string;
  industry?: string;
  parentId?: string;
}

/** Extra fields of a forced error answer. */
export interface FailOptions {
  retryAfter?: number;
  field?: string;
  issues?: FieldIssue[];
  message?: string;
  /** How many calls in a row fail (default 1). */
  times?: number;
  /** Let this many matching calls through first (default 0): "the second call fails". */
  skip?: number;
}

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

interface ConnectionTicket {
  kind: 'connection';
  step: ConnectionStep;
  idp: Idp;
  /** The identity at the provider (unionid/openid). */
  subject: string;
  phone?: string;
  email?: string;
  accountIds?: string[];
  createNew?: boolean;
}

type Ticket =
  | { kind: 'choose'; accountIds: string[]; createNew: boolean }
  /** A password reset: the accounts the code matched (a chooser first when several), then the new password. */
  | { kind: 'reset'; accountIds: string[] }
  | { kind: 'profile'; accountId: string; required: string[]; optional: string[] }
  | ConnectionTicket;

type Forced = {
  matcher: string;
  code: ErrorCode | 'network_error' | 'hang';
  options: FailOptions;
  left: number;
  skip: number;
};

class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: FailOptions = {},
  ) {
    super(code);
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function errorResponse(code: ErrorCode, extra: FailOptions = {}): Response {
  const message =
    extra.message ??
    (isMessageKey(code)
      ? format('en', code, { seconds: extra.retryAfter ?? 0, count: 5, min: 0, max: 0 })
      : code);
  const error: Record<string, unknown> = { code, message };
  if (extra.field) error.field = extra.field;
  if (extra.retryAfter !== undefined) error.retryAfter = extra.retryAfter;
  if (extra.issues) error.issues = extra.issues;
  const headers: Record<string, string> =
    extra.retryAfter !== undefined ? { 'Retry-After': String(extra.retryAfter) } : {};
  return json(ERROR_STATUS[code], { error }, headers);
}

/** A tiny, obviously fake "QR" as a data URL, so no image request leaves the page. */
function qrImage(seed: string): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  const cells: string[] = [];
  for (let y = 0; y < 21; y++) {
    for (let x = 0; x < 21; x++) {
      // The three finder squares: a ring, a gap, a 3×3 centre.
      const fx = x < 7 ? x : x > 13 ? x - 14 : -1;
      const fy = y < 7 ? y : y > 13 ? y - 14 : -1;
      const finder = fx >= 0 && fy >= 0 && !(x > 13 && y > 13);
      h = Math.imul(h ^ (x * 31 + y), 16777619);
      const on = finder
        ? fx === 0 || fx === 6 || fy === 0 || fy === 6 || (fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4)
        : (h >>> 7) % 2 === 0;
      if (on) cells.push(`<rect x="${x}" y="${y}" width="1" height="1"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 25 25" shape-rendering="crispEdges"><rect x="-2" y="-2" width="25" height="25" fill="#fff"/><g fill="#000">${cells.join('')}</g></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The accounts each preset starts with. */
export function seedAccounts(provider: ProviderId): FakeAccount[] {
  const base = {
    emailVerified: false,
    connections: [] as Idp[],
    password: FAKE_PASSWORD,
    kind: 'main' as const,
    legacy: false,
    createdAt: FIXED_CREATED,
  };
  switch (provider) {
    case 'jdcloud':
      return [
        // First owner of the shared phone: the phone and the verified email log in.
        {
          ...base,
          id: 'acc-jd-dev',
          accountName: 'cloud-dev',
          phone: PHONES.shared,
          email: 'dev@example.com',
          emailVerified: true,
          loginIdentifiers: ['accountName', 'phone', 'email'],
          connections: ['wechat'],
        },
        // Second account on the same phone: only its name logs in; its email is unverified.
        {
          ...base,
          id: 'acc-jd-ops',
          accountName: 'cloud-ops',
          phone: PHONES.shared,
          email: 'ops@example.com',
          loginIdentifiers: ['accountName'],
        },
        // A JD account from before 2019-07-18 that was never upgraded: JD login only.
        {
          ...base,
          id: 'acc-jd-legacy',
          accountName: 'jd_legacy_user',
          phone: PHONES.single,
          loginIdentifiers: [],
          connections: ['jd'],
          password: undefined,
          legacy: true,
          createdAt: LEGACY_CREATED,
        },
        // Created through WeChat without a password: unbinding WeChat needs a password first (docs/flows.md#unbind-a-third-party-login).
        {
          ...base,
          id: 'acc-jd-wx',
          accountName: 'wx-only-user',
          loginIdentifiers: ['accountName'],
          connections: ['wechat'],
          password: undefined,
        },
      ];
    case 'jdcloud-classic':
      return [
        {
          ...base,
          id: 'acc-classic-dev',
          accountName: 'classic-dev',
          phone: PHONES.hongKong,
          loginIdentifiers: ['accountName'],
        },
        {
          ...base,
          id: 'acc-classic-legacy',
          accountName: 'jd_legacy_user',
          loginIdentifiers: [],
          connections: ['jd'],
          password: undefined,
          legacy: true,
          createdAt: LEGACY_CREATED,
        },
      ];
    case 'qingcloud':
      return [
        // One phone, three accounts with the same password: the account chooser.
        {
          ...base,
          id: 'acc-qc-dev',
          phone: PHONES.shared,
          email: 'dev@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
        },
        {
          ...base,
          id: 'acc-qc-ops',
          phone: PHONES.shared,
          email: 'ops@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
        },
        {
          ...base,
          id: 'acc-qc-test',
          phone: PHONES.shared,
          email: 'test@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
          connections: ['wechat'],
        },
        {
          ...base,
          id: 'acc-qc-solo',
          phone: PHONES.single,
          email: 'solo@example.com',
          emailVerified: true,
          loginIdentifiers: ['phone', 'email'],
        },
        {
          ...base,
          id: 'acc-qc-sub',
          email: 'sub@example.com',
          emailVerified: true,
          loginIdentifiers: ['email'],
          kind: 'sub',
          parentId: 'acc-qc-dev',
        },
      ];
    case 'tencentcloud':
      return [
        {
          ...base,
          id: 'acc-tc-dev',
          email: 'dev@example.com',
          emailVerified: true,
          phone: PHONES.shared,
          loginIdentifiers: ['email'],
          industry: 'internet',
        },
        // The shared phone already has five accounts (004's limit).
        ...[2, 3, 4, 5].map((n) => ({
          ...base,
          id: `acc-tc-${n}`,
          email: `user${n}@example.com`,
          emailVerified: true,
          phone: PHONES.shared,
          loginIdentifiers: ['email' as const],
          connections: ['wechat' as Idp],
        })),
      ];
    case 'default':
      return [
        {
          ...base,
          id: 'acc-default-dev',
          email: 'dev@example.com',
          emailVerified: true,
          phone: PHONES.us,
          loginIdentifiers: ['email', 'phone'],
        },
        { ...base, id: 'acc-default-cn', phone: PHONES.single, loginIdentifiers: ['phone'] },
      ];
  }
}

export class FakeBackend {
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

  private forced: Forced[] = [];
  private counter = 0;
  private tickets = new Map<string, Ticket>();
  private sessions = new Map<string, string>(); // token → account id
  /** Sessions a sign-in or registration just made: like the server's 5 minutes, proof enough for a security email. */
  private freshSessions = new Set<string>();
  /** The session a browser would send as its HttpOnly cookie. */
  private cookie?: string;
  private codes = new Map<string, { sentAt: number; wrong: number; dead: boolean }>(); // phone|purpose
  private lastSent = new Map<string, number>(); // phone → time of last code
  private emailTokens = new Map<
    string,
    { accountId: string; purpose: 'activate' | 'verify'; email: string }
  >();
  private qrs = new Map<
    string,
    { secret: string; polls: number; expiresAt: number; status?: QrStatus; handedOut?: boolean }
  >();
  private pendingActivation = new Map<string, { returnTo?: string; sentAt?: number }>();
  /** `idp|subject` → account id: the identities bound to accounts. */
  private subjects = new Map<string, string>();

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
        this.subjects.set(`${idp}|${FakeBackend.subjectOf(idp, account.id)}`, account.id);
  }

  /** The identity a seeded account's connection has at the provider. */
  static subjectOf(idp: Idp, accountId: string): string {
    return `${idp}:${accountId}`;
  }

  /** The `Transport` to hand to `createClient`. */
  readonly transport: Transport = (request) => this.handle(request);

  /** A real core client over this fake. */
  client(): CloudClient {
    return createClient({ baseUrl: this.baseUrl, transport: this.transport });
  }

  /**
   * The next call(s) to `path` answer `code` (with `retryAfter`, `field`… as given).
   * `path` is relative to the provider (`/sessions`), optionally prefixed by a method
   * (`POST /codes`); a trailing `*` matches any rest (`/qr/*`). `network_error` makes the
   * transport reject, as a failed fetch does.
   */
  failNext(path: string, code: ErrorCode | 'network_error', options: FailOptions = {}): this {
    this.forced.push({
      matcher: path,
      code,
      options,
      left: Math.max(1, options.times ?? 1),
      skip: options.skip ?? 0,
    });
    return this;
  }

  /** The next call to `path` never answers: the element stays in its loading state. */
  hang(path: string, { skip = 0 } = {}): this {
    this.forced.push({ matcher: path, code: 'hang', options: {}, left: 1, skip });
    return this;
  }

  /** A flow ticket as the server would hand out (e.g. the `#cl_ticket=` of an activation link). */
  issueTicket(ticket: Ticket): string {
    const id = this.next('ticket');
    this.tickets.set(id, ticket);
    return id;
  }

  /**
   * The ticket a third-party login hands back (popup message or `#cl_ticket=…`). `subject` is the
   * identity at the provider: a seeded account's (`FakeBackend.subjectOf('wechat', 'acc-jd-dev')`)
   * signs that account in; any other starts the preset's first-time steps.
   */
  connectionTicket(idp: Idp, subject = `${idp}:first-time`): string {
    return this.issueTicket({ kind: 'connection', step: 'start', idp, subject });
  }

  /** Signs an account in without a form (for stories that start signed in). */
  signIn(accountId: string): string {
    const token = this.next('session');
    this.sessions.set(token, accountId);
    this.cookie = token;
    return token;
  }

  /** Latest message sent to `to` (newest first, like `GET /dev/outbox`). */
  lastMessage(to?: string): OutboxMessage | undefined {
    return this.outbox.find((m) => !to || m.to === to);
  }

  private next(prefix: string): string {
    this.counter += 1;
    return `fake-${prefix}-${this.counter}`;
  }

  private takeForced(method: string, path: string): Forced | undefined {
    const index = this.forced.findIndex(({ matcher }) => {
      const [m, p] = matcher.includes(' ')
        ? (matcher.split(' ', 2) as [string, string])
        : [undefined, matcher];
      if (m && m.toUpperCase() !== method) return false;
      return p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : p === path;
    });
    if (index < 0) return undefined;
    const found = this.forced[index]!;
    if (found.skip > 0) {
      found.skip -= 1;
      return undefined;
    }
    found.left -= 1;
    if (found.left <= 0) this.forced.splice(index, 1);
    return found;
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const prefix = new URL(this.baseUrl).pathname;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    const method = request.method.toUpperCase();
    let body: unknown;
    const text = method === 'GET' || method === 'HEAD' ? '' : await request.text();
    const call: FakeCall = { method, path };
    this.calls.push(call);

    if (this.delay > 0) await new Promise((resolve) => setTimeout(resolve, this.delay));
    const forced = this.takeForced(method, path);
    if (forced?.code === 'hang') return new Promise<Response>(() => {});
    if (forced?.code === 'network_error') throw new TypeError('Failed to fetch');

    if (text) {
      if (!(request.headers.get('Content-Type') ?? '').startsWith('application/json')) {
        return this.answer(call, errorResponse('unsupported_media_type'));
      }
      try {
        body = JSON.parse(text);
      } catch {
        return this.answer(
          call,
          errorResponse('validation_failed', {
            issues: [{ path: '', code: 'invalid_json', message: 'body is not JSON' }],
          }),
        );
      }
      call.body = body;
    }
    if (forced) return this.answer(call, errorResponse(forced.code as ErrorCode, forced.options));

    try {
      return this.answer(
        call,
        await this.route(method, path, url, (body ?? {}) as Record<string, unknown>, request),
      );
    } catch (error) {
      if (error instanceof HttpError) return this.answer(call, errorResponse(error.code, error.extra));
      throw error;
    }
  }

  private answer(call: FakeCall, response: Response): Response {
    call.status = response.status;
    return response;
  }

  private route(
    method: string,
    path: string,
    url: URL,
    body: Record<string, unknown>,
    request: Request,
  ): Response | Promise<Response> {
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /config':
        return json(200, publicConfig(this.preset));
      case 'POST /codes':
        return this.sendCode(body, request);
      case 'POST /accounts':
        return this.register(body);
      case 'POST /sessions':
        return this.passwordLogin(body);
      case 'POST /sessions/sms':
        return this.smsLogin(body);
      case 'POST /sessions/subaccount':
        return this.subaccountLogin(body);
      case 'POST /password-resets':
        return this.requestReset(body);
      case 'POST /password-resets/verify':
        return this.verifyReset(body);
      case 'POST /continue':
        return this.continueFlow(body);
      case 'GET /session':
        return json(200, { account: this.publicAccount(this.authenticated(request)) });
      case 'DELETE /session': {
        const token = this.tokenOf(request);
        this.authenticated(request);
        if (token) this.sessions.delete(token);
        if (this.cookie === token) this.cookie = undefined;
        return new Response(null, { status: 204 });
      }
      case 'POST /email/verify': {
        const token = (body as { token?: unknown } | undefined)?.token;
        return this.verifyEmail(typeof token === 'string' ? token : '');
      }
      case 'POST /account/email':
        return this.requestEmail(
          this.authenticated(request),
          body,
          this.freshSessions.has(this.tokenOf(request) ?? ''),
        );
      case 'PUT /account/password':
        return this.changePassword(this.authenticated(request), body);
      case 'POST /account/upgrade':
        return this.upgrade(this.authenticated(request), body);
      case 'POST /account/subaccounts':
        return this.createSubaccount(this.authenticated(request), body);
      case 'POST /qr':
        return this.createQr();
      case 'GET /dev/outbox': {
        const to = url.searchParams.get('to');
        return json(200, { messages: this.outbox.filter((m) => !to || m.to === to) });
      }
    }
    let match: RegExpExecArray | null;
    if (method === 'DELETE' && (match = /^\/account\/connections\/([\w-]+)$/.exec(path))) {
      return this.unbind(this.authenticated(request), match[1]! as Idp, body);
    }
    if (method === 'GET' && (match = /^\/qr\/([\w-]+)\.svg$/.exec(path))) {
      return new Response(decodeURIComponent(qrImage(match[1]!).split(',')[1]!), {
        status: 200,
        headers: { 'Content-Type': 'image/svg+xml' },
      });
    }
    if (method === 'GET' && (match = /^\/qr\/([\w-]+)$/.exec(path))) {
      return this.pollQr(
        match[1]!,
        url.searchParams.get('secret') ?? request.headers.get('X-QR-Secret') ?? '',
      );
    }
    if (method === 'POST' && (match = /^\/qr\/([\w-]+)\/(scan|confirm|deny)$/.exec(path))) {
      this.authenticated(request);
      const qr = this.qrs.get(match[1]!);
      if (!qr) throw new HttpError('not_found');
      qr.status = ({ scan: 'scanned', confirm: 'confirmed', deny: 'denied' } as const)[
        match[2] as 'scan' | 'confirm' | 'deny'
      ];
      return json(200, { status: qr.status });
    }
    throw new HttpError('not_found');
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  private str(body: Record<string, unknown>, key: string): string {
    const value = body[key];
    return typeof value === 'string' ? value : '';
  }

  private phoneOf(input: string, field = 'phone'): string {
    const parsed = parsePhone(input, this.preset.phone, phoneMetadata);
    if (!parsed.ok) throw new HttpError('validation_failed', { issues: [issue(field, parsed.code)] });
    return parsed.e164;
  }

  private tokenOf(request: Request): string | undefined {
    const header = request.headers.get('Authorization');
    return header?.startsWith('Bearer ') ? header.slice(7) : this.cookie;
  }

  private authenticated(request: Request): FakeAccount {
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
    if (account.parentId) out.parentId = account.parentId;
    return out;
  }

  private authenticate(account: FakeAccount, returnTo?: string, status = 200): Response {
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

  private chooseAccount(accounts: FakeAccount[], createNew = false): Response {
    const ticket = this.issueTicket({ kind: 'choose', accountIds: accounts.map((a) => a.id), createNew });
    const body: Record<string, unknown> = {
      status: 'choose_account',
      ticket,
      accounts: accounts.map((a) => ({ id: a.id, label: this.label(a) })),
    };
    if (createNew) body.createNew = true;
    return json(200, body);
  }

  private needsProfile(accountId: string, required: string[], optional: string[] = []): Response {
    const ticket = this.issueTicket({ kind: 'profile', accountId, required, optional });
    return json(200, { status: 'needs_profile', ticket, required, optional });
  }

  private record(message: Omit<OutboxMessage, 'sentAt'>): void {
    this.outbox.unshift({ ...message, sentAt: new Date().toISOString() });
  }

  /** Checks `code` for `phone` + `purpose` the way the server does (5 wrong tries, single use). */
  private consumeCode(phone: string, purpose: string, code: string): void {
    const key = `${phone}|${purpose}`;
    const entry = this.codes.get(key);
    if (!entry && !this.lenientCodes) throw new HttpError('invalid_code', { field: 'code' });
    if (entry?.dead) throw new HttpError('too_many_attempts', { field: 'code' });
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

  // -------------------------------------------------------------------------------------------
  // Endpoints

  private sendCode(body: Record<string, unknown>, request: Request): Response {
    const channel = this.str(body, 'channel');
    const purpose = this.str(body, 'purpose');
    if (!['sms', 'voice'].includes(channel) || !['register', 'login', 'bind', 'reauth'].includes(purpose)) {
      throw new HttpError('validation_failed', {
        issues: [{ path: 'channel', code: 'invalid_value', message: 'invalid channel or purpose' }],
      });
    }
    // A reauth code goes to the signed-in account's own phone, never to one the body names.
    const own = purpose === 'reauth' ? this.authenticated(request).phone : undefined;
    if (purpose === 'reauth' && !own) throw new HttpError('method_disabled', { field: 'phone' });
    const phone = own ?? this.phoneOf(this.str(body, 'phone'));
    const now = Date.now();
    const last = this.lastSent.get(phone);
    const resendAfter = this.preset.code.resendAfter;
    if (last !== undefined && now - last < resendAfter * 1000) {
      throw new HttpError('code_cooldown', {
        retryAfter: Math.ceil(resendAfter - (now - last) / 1000),
        field: 'phone',
      });
    }
    this.lastSent.set(phone, now);
    this.codes.set(`${phone}|${purpose}`, { sentAt: now, wrong: 0, dead: false });
    this.record({
      channel: channel as 'sms' | 'voice',
      to: phone,
      purpose,
      code: FAKE_CODE,
      text:
        channel === 'voice'
          ? `Your code is ${[...FAKE_CODE].join(' ')}`
          : `[${this.preset.name.en}] Your verification code is ${FAKE_CODE}. It is valid for 5 minutes.`,
    });
    return json(202, { expiresIn: this.preset.code.ttl, resendAfter }, {});
  }

  /** `POST /password-resets`: always 202; a code goes out only to an account's phone or verified email. */
  private requestReset(body: Record<string, unknown>): Response {
    const identifier = this.str(body, 'identifier');
    const channel = this.str(body, 'channel') || (identifier.includes('@') ? 'email' : 'sms');
    const now = Date.now();
    const last = this.lastSent.get(`reset|${identifier}`);
    const resendAfter = this.preset.code.resendAfter;
    if (last !== undefined && now - last < resendAfter * 1000)
      throw new HttpError('code_cooldown', { retryAfter: Math.ceil(resendAfter - (now - last) / 1000) });
    this.lastSent.set(`reset|${identifier}`, now);
    this.codes.set(`${identifier}|reset`, { sentAt: now, wrong: 0, dead: false });
    const to = this.resetAccounts(identifier)[0];
    if (to)
      this.record({
        channel: channel as 'sms',
        to: (channel === 'email' ? to.email : to.phone)!,
        purpose: 'reset',
        code: FAKE_CODE,
        text: `Your password reset code is ${FAKE_CODE}.`,
      });
    return json(202, { status: 'reset_sent', channel, expiresIn: this.preset.code.ttl, resendAfter });
  }

  private resetAccounts(identifier: string): FakeAccount[] {
    return this.accounts.filter(
      (a) =>
        a.accountName === identifier || a.phone === identifier || (a.email === identifier && a.emailVerified),
    );
  }

  /** `POST /password-resets/verify`: the code, then a chooser, a new-password step, or a refusal. */
  private verifyReset(body: Record<string, unknown>): Response {
    const identifier = this.str(body, 'identifier');
    const code = this.codes.get(`${identifier}|reset`);
    if (!code || code.dead) throw new HttpError('invalid_code', { field: 'code' });
    if (this.str(body, 'code') !== FAKE_CODE) {
      if (++code.wrong >= 5) code.dead = true;
      throw new HttpError(code.dead ? 'too_many_attempts' : 'invalid_code', { field: 'code' });
    }
    this.codes.delete(`${identifier}|reset`);
    const matched = this.resetAccounts(identifier);
    const usable = matched.filter((a) => !a.legacy && a.kind === 'main');
    if (!usable.length && matched[0]?.legacy) throw new HttpError('use_parent_login');
    if (!usable.length && matched[0]) throw new HttpError('use_main_account');
    if (usable.length > 1) {
      const ticket = this.issueTicket({ kind: 'reset', accountIds: usable.map((a) => a.id) });
      return json(200, {
        status: 'choose_account',
        ticket,
        accounts: usable.map((a) => ({ id: a.id, label: maskName(a.accountName ?? a.id) })),
      });
    }
    return json(200, {
      status: 'needs_profile',
      ticket: this.issueTicket({ kind: 'reset', accountIds: usable.map((a) => a.id) }),
      required: ['newPassword'],
      optional: [],
    });
  }

  private continueReset(
    id: string,
    ticket: { kind: 'reset'; accountIds: string[] },
    body: Record<string, unknown>,
  ): Response {
    if (ticket.accountIds.length > 1) {
      const accountId = this.str(body, 'accountId');
      if (!ticket.accountIds.includes(accountId))
        throw new HttpError('validation_failed', { field: 'accountId' });
      return json(200, {
        status: 'needs_profile',
        ticket: this.issueTicket({ kind: 'reset', accountIds: [accountId] }),
        required: ['newPassword'],
        optional: [],
      });
    }
    const account = this.accounts.find((a) => a.id === ticket.accountIds[0]);
    if (!account) throw new HttpError('ticket_expired');
    const password = this.str(body, 'newPassword');
    const found =
      password === account.password
        ? issue('newPassword', 'password_reused')
        : toIssue(
            'newPassword',
            checkPassword(password, this.preset.password, { accountName: account.accountName }),
          );
    if (found) {
      this.tickets.set(id, ticket);
      throw new HttpError('validation_failed', { issues: [found] });
    }
    account.password = password;
    return this.authenticate(account);
  }

  private registrationFlow(body: Record<string, unknown>) {
    const flows = this.preset.registration;
    if (body.accountName !== undefined && flows.account) return flows.account;
    if (body.email !== undefined && flows.email) return flows.email;
    if (body.phone !== undefined && flows.phone) return flows.phone;
    return Object.values(flows)[0]!;
  }

  private checkFields(
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

  private checkAgreements(value: unknown): void {
    const ids = this.preset.agreements.map((a) => a.id);
    if (ids.length === 0) return;
    const accepted = value === true || (Array.isArray(value) && ids.every((id) => value.includes(id)));
    if (!accepted) throw new HttpError('agreements_required', { field: 'agreements' });
  }

  private register(body: Record<string, unknown>): Response {
    const flow = this.registrationFlow(body);
    const fields = flow.steps.flatMap((s) => s.fields);
    const optional = flow.steps.flatMap((s) => s.optional ?? []);
    const accountName = this.str(body, 'accountName') || undefined;
    const issues = this.checkFields(body, fields, optional, accountName);
    if (issues.length) throw new HttpError('validation_failed', { issues });
    if (fields.includes('agreements')) this.checkAgreements(body.agreements);

    const phone = fields.includes('phone') ? this.phoneOf(this.str(body, 'phone')) : undefined;
    if (accountName) {
      const key = normalizeAccountName(accountName);
      if (this.accounts.some((a) => a.accountName && normalizeAccountName(a.accountName) === key)) {
        throw new HttpError('account_name_taken', { field: 'accountName' });
      }
    }
    const email = fields.includes('email') ? normalizeEmail(this.str(body, 'email')) : undefined;
    if (email && flow.activation === 'email-link') {
      const resent = this.resendActivation(email, this.str(body, 'password'));
      if (resent) return resent;
    }
    if (email && this.preset.emailUnique && this.accounts.some((a) => a.email === email)) {
      throw new HttpError('email_taken', { field: 'email' });
    }
    if (
      phone &&
      this.preset.maxAccountsPerPhone !== null &&
      this.accounts.filter((a) => a.phone === phone).length >= this.preset.maxAccountsPerPhone
    ) {
      throw new HttpError('phone_account_limit', { field: 'phone' });
    }
    // Last, so a taken name does not burn a good code: the user fixes the name and resends.
    if (phone) this.consumeCode(phone, 'register', this.str(body, 'code'));

    const identifiers: Account['loginIdentifiers'] = [];
    if (accountName) identifiers.push('accountName');
    // A phone logs in only for the first account that had it (JD); QingCloud shares it.
    if (
      phone &&
      (this.preset.passwordLogin.shared === 'password-picks' || !this.accounts.some((a) => a.phone === phone))
    )
      identifiers.push('phone');
    const account: FakeAccount = {
      id: this.next('account'),
      emailVerified: false,
      loginIdentifiers: identifiers,
      connections: [],
      password: this.str(body, 'password') || undefined,
      kind: 'main',
      legacy: false,
      createdAt: FIXED_CREATED,
    };
    if (accountName) account.accountName = accountName;
    if (phone) account.phone = phone;
    if (email) account.email = email;
    this.accounts.push(account);

    const returnTo = this.str(body, 'returnTo') || undefined;
    if (flow.activation === 'email-link' && email) {
      this.sendActivation(account, email, returnTo);
      return json(202, { status: 'activation_sent', email });
    }
    return this.authenticate(account, returnTo, 201);
  }

  /**
   * Registering again while the account waits for its activation link (the "resend" button),
   * as the reference server does: the same password sends a new link after the cooldown,
   * another password is `email_taken`.
   */
  private resendActivation(email: string, password: string): Response | undefined {
    const pending = this.accounts.find(
      (a) => a.email === email && this.pendingActivation.has(a.id) && !a.emailVerified,
    );
    if (!pending) return undefined;
    if (pending.password !== password) throw new HttpError('email_taken', { field: 'email' });
    const state = this.pendingActivation.get(pending.id)!;
    const since = (Date.now() - (state.sentAt ?? 0)) / 1000;
    const resendAfter = this.preset.code.resendAfter;
    if (since < resendAfter)
      throw new HttpError('code_cooldown', {
        field: 'email',
        retryAfter: Math.max(1, Math.ceil(resendAfter - since)),
      });
    this.sendActivation(pending, email, state.returnTo);
    return json(202, { status: 'activation_sent', email });
  }

  private sendActivation(account: FakeAccount, email: string, returnTo?: string): void {
    const token = this.next('link');
    this.emailTokens.set(token, { accountId: account.id, purpose: 'activate', email });
    this.pendingActivation.set(account.id, { ...(returnTo ? { returnTo } : {}), sentAt: Date.now() });
    this.record({
      channel: 'email',
      to: email,
      purpose: 'activate',
      link: `https://auth.example.test/email/verify?token=${token}`,
      text: 'Activate your account',
    });
  }

  private passwordLogin(body: Record<string, unknown>): Response {
    const identifier = this.str(body, 'identifier').trim();
    const password = this.str(body, 'password');
    if (!identifier || !password) {
      throw new HttpError('validation_failed', {
        issues: [
          ...(identifier ? [] : [issue('identifier', 'field_required')]),
          ...(password ? [] : [issue('password', 'field_required')]),
        ],
      });
    }
    const allowed = this.preset.passwordLogin.identifiers;
    // Account name first (JD), then phone or email.
    if (allowed.includes('accountName')) {
      const key = normalizeAccountName(identifier);
      const byName = this.accounts.find((a) => a.accountName && normalizeAccountName(a.accountName) === key);
      if (byName) {
        if (byName.legacy) throw new HttpError('use_parent_login');
        if (byName.password !== password) throw new HttpError('invalid_credentials');
        return this.authenticate(byName);
      }
    }
    let kind: 'phone' | 'email' | undefined;
    let value = identifier;
    if (identifier.includes('@')) {
      kind = 'email';
      value = normalizeEmail(identifier);
    } else {
      const parsed = parsePhone(identifier, this.preset.phone, phoneMetadata);
      if (parsed.ok) {
        kind = 'phone';
        value = parsed.e164;
      }
    }
    if (!kind || !allowed.includes(kind)) throw new HttpError('invalid_credentials');
    const holders = this.accounts.filter((a) => a[kind] === value && a.kind === 'main');
    const loginable = holders.filter((a) => a.loginIdentifiers.includes(kind));
    if (holders.length > 0 && loginable.length === 0)
      throw new HttpError('identifier_not_loginable', { field: 'identifier' });
    const matching = loginable.filter((a) => a.password === password);
    if (matching.length === 0) throw new HttpError('invalid_credentials');
    if (matching.length > 1 && this.preset.passwordLogin.shared === 'password-picks')
      return this.chooseAccount(matching);
    return this.authenticate(matching[0]!);
  }

  private smsLogin(body: Record<string, unknown>): Response {
    const phone = this.phoneOf(this.str(body, 'phone'));
    this.consumeCode(phone, 'login', this.str(body, 'code'));
    const loginable = this.accounts.filter(
      (a) => a.phone === phone && a.kind === 'main' && a.loginIdentifiers.includes('phone'),
    );
    if (loginable.length === 0) throw new HttpError('invalid_credentials');
    if (loginable.length > 1) return this.chooseAccount(loginable);
    return this.authenticate(loginable[0]!);
  }

  private subaccountLogin(body: Record<string, unknown>): Response {
    const email = normalizeEmail(this.str(body, 'email'));
    const password = this.str(body, 'password');
    // The main account's email works on the sub-account page too (003).
    const account = this.accounts.find((a) => a.email === email && a.password === password);
    if (!account) throw new HttpError('invalid_credentials');
    return this.authenticate(account);
  }

  private continueFlow(body: Record<string, unknown>): Response {
    const id = this.str(body, 'ticket');
    const ticket = this.tickets.get(id);
    if (!ticket) throw new HttpError('ticket_expired');
    this.tickets.delete(id); // single use
    if (ticket.kind === 'connection') {
      try {
        return this.advanceConnection(ticket, body);
      } catch (error) {
        if (error instanceof HttpError && isRetryable(error.code)) this.tickets.set(id, ticket);
        throw error;
      }
    }
    if (ticket.kind === 'reset') return this.continueReset(id, ticket, body);
    if (ticket.kind === 'choose') {
      if (body.createNew === true && ticket.createNew) {
        return this.needsProfile(ticket.accountIds[0] ?? this.next('account'), ['accountName', 'password']);
      }
      const accountId = this.str(body, 'accountId');
      const account = this.accounts.find((a) => a.id === accountId && ticket.accountIds.includes(a.id));
      if (!account) throw new HttpError('not_found', { field: 'accountId' });
      return this.authenticate(account);
    }
    const account = this.accounts.find((a) => a.id === ticket.accountId);
    if (!account) throw new HttpError('ticket_expired');
    const issues: FieldIssue[] = [];
    for (const field of ticket.required) {
      const value = this.str(body, field);
      if (!value) issues.push(issue(field, 'field_required'));
      else if (field === 'industry' && !this.preset.industries.some((i) => i.id === value)) {
        issues.push({ path: 'industry', code: 'invalid_value', message: 'unknown industry' });
      }
    }
    if (issues.length) {
      // A refused answer keeps the step open: hand out a fresh ticket for the retry.
      this.tickets.set(id, ticket);
      throw new HttpError('validation_failed', { issues });
    }
    if (ticket.required.includes('industry')) account.industry = this.str(body, 'industry');
    return this.authenticate(account, this.pendingActivation.get(account.id)?.returnTo);
  }

  private connectionStep(
    from: ConnectionTicket,
    step: ConnectionStep,
    required: string[],
    optional: string[] = [],
    extra: Partial<ConnectionTicket> = {},
  ): Response {
    const ticket = this.issueTicket({ ...from, ...extra, step });
    return json(200, { status: 'needs_profile', ticket, required, optional });
  }

  private missing(body: Record<string, unknown>, fields: string[]): FieldIssue[] {
    return fields
      .filter((field) => this.str(body, field).trim() === '')
      .map((field) => issue(field, 'field_required'));
  }

  /** `POST /continue` with a connection ticket: the reference server's third-party login steps, per preset. */
  private advanceConnection(data: ConnectionTicket, body: Record<string, unknown>): Response {
    const provider = this.provider;
    switch (data.step) {
      case 'start': {
        const boundId = this.subjects.get(`${data.idp}|${data.subject}`);
        const bound = boundId ? this.accounts.find((a) => a.id === boundId) : undefined;
        if (bound) return this.authenticate(bound);
        if (provider === 'jdcloud-classic')
          return this.connectionStep(
            data,
            'service',
            ['agreements', 'contactPhone'],
            ['contactEmail', 'recommendationCode'],
          );
        if (provider === 'jdcloud' || provider === 'qingcloud' || provider === 'tencentcloud')
          return this.connectionStep(data, 'phone', ['phone', 'code']);
        throw new HttpError('method_disabled');
      }
      case 'phone': {
        const issues = this.missing(body, ['phone', 'code']);
        if (issues.length) throw new HttpError('validation_failed', { issues });
        const phone = this.phoneOf(this.str(body, 'phone'));
        const limit = this.preset.maxAccountsPerPhone;
        // Tencent's limit is checked before the code is spent.
        if (
          provider === 'tencentcloud' &&
          limit !== null &&
          this.accounts.filter((a) => a.phone === phone).length >= limit
        ) {
          throw new HttpError('phone_account_limit', { field: 'phone' });
        }
        this.consumeCode(phone, 'bind', this.str(body, 'code'));
        const next = { ...data, phone };
        const mains = this.accounts.filter((a) => a.phone === phone && a.kind === 'main');
        if (provider === 'jdcloud') {
          if (mains.length === 0)
            return this.connectionStep(next, 'create', ['accountName', 'agreements'], ['password']);
          return this.connectionChoice(next, mains, true);
        }
        if (provider === 'qingcloud') {
          if (mains.length === 0) throw new HttpError('not_found', { field: 'phone' });
          if (mains.length > 1) return this.connectionChoice(next, mains, false);
          return this.bind(next, mains[0]!);
        }
        if (data.idp === 'wechat') return this.connectionStep(next, 'email', ['email']);
        return this.connectionStep(next, 'industry', ['industry', 'agreements']);
      }
      case 'choose': {
        if (body.createNew === true) {
          if (!data.createNew)
            throw new HttpError('validation_failed', {
              issues: [{ path: 'createNew', code: 'invalid_value', message: 'not offered' }],
            });
          return this.connectionStep(data, 'create', ['accountName', 'agreements'], ['password']);
        }
        const accountId = this.str(body, 'accountId');
        const account = this.accounts.find((a) => a.id === accountId && data.accountIds?.includes(a.id));
        if (!account)
          throw new HttpError('validation_failed', {
            issues: [
              { path: 'accountId', code: 'invalid_value', message: 'choose one of the accounts offered' },
            ],
          });
        return this.bind(data, account);
      }
      case 'create': {
        const accountName = this.str(body, 'accountName');
        const issues = this.checkFields(body, ['accountName', 'password'], ['password'], accountName);
        if (issues.length) throw new HttpError('validation_failed', { issues });
        this.checkAgreements(body.agreements);
        const key = normalizeAccountName(accountName);
        if (this.accounts.some((a) => a.accountName && normalizeAccountName(a.accountName) === key)) {
          throw new HttpError('account_name_taken', { field: 'accountName' });
        }
        return this.createConnected(data, {
          accountName,
          password: this.str(body, 'password') || undefined,
          loginIdentifiers: ['accountName'],
        });
      }
      case 'email': {
        const issues = this.checkFields(body, ['email'], []);
        if (issues.length) throw new HttpError('validation_failed', { issues });
        const email = normalizeEmail(this.str(body, 'email'));
        if (this.preset.emailUnique && this.accounts.some((a) => a.email === email))
          throw new HttpError('email_taken', { field: 'email' });
        return this.connectionStep(data, 'industry', ['industry', 'agreements'], [], { email });
      }
      case 'industry': {
        const industry = this.str(body, 'industry').trim();
        const issues = this.missing(body, ['industry']);
        if (industry && !this.preset.industries.some((i) => i.id === industry))
          issues.push({ path: 'industry', code: 'invalid_value', message: 'unknown industry' });
        if (issues.length) throw new HttpError('validation_failed', { issues });
        this.checkAgreements(body.agreements);
        return this.createConnected(data, { industry });
      }
      case 'service': {
        const issues = this.checkFields(body, ['contactPhone', 'contactEmail'], ['contactEmail']);
        const code = this.str(body, 'recommendationCode').trim();
        const recommendationIssue = code
          ? toIssue('recommendationCode', checkRecommendationCode(code))
          : undefined;
        if (recommendationIssue) issues.push(recommendationIssue);
        if (issues.length) throw new HttpError('validation_failed', { issues });
        this.checkAgreements(body.agreements);
        return this.createConnected(data, {});
      }
    }
  }

  private connectionChoice(from: ConnectionTicket, accounts: FakeAccount[], createNew: boolean): Response {
    const ticket = this.issueTicket({
      ...from,
      step: 'choose',
      accountIds: accounts.map((a) => a.id),
      createNew,
    });
    const body: Record<string, unknown> = {
      status: 'choose_account',
      ticket,
      accounts: accounts.map((a) => ({ id: a.id, label: this.label(a) })),
    };
    if (createNew) body.createNew = true;
    return json(200, body);
  }

  /** Binds the identity to an existing account (JD Cloud, QingCloud) and signs it in. */
  private bind(data: ConnectionTicket, account: FakeAccount): Response {
    if (account.legacy) throw new HttpError('legacy_account_cannot_bind', { field: 'accountId' });
    const own = [...this.subjects].find(([key, id]) => id === account.id && key.startsWith(`${data.idp}|`));
    if (own && own[0] !== `${data.idp}|${data.subject}`)
      throw new HttpError('already_bound', { field: 'accountId' });
    this.subjects.set(`${data.idp}|${data.subject}`, account.id);
    if (!account.connections.includes(data.idp)) account.connections.push(data.idp);
    return this.authenticate(account);
  }

  private createConnected(data: ConnectionTicket, fields: Partial<FakeAccount>): Response {
    const account: FakeAccount = {
      id: this.next('account'),
      emailVerified: false,
      loginIdentifiers: [],
      connections: [data.idp],
      kind: 'main',
      legacy: false,
      createdAt: FIXED_CREATED,
      ...(data.phone ? { phone: data.phone } : {}),
      ...(data.email ? { email: data.email } : {}),
      ...fields,
    };
    if (data.phone && !this.accounts.some((a) => a.phone === data.phone))
      account.loginIdentifiers.push('phone');
    this.accounts.push(account);
    this.subjects.set(`${data.idp}|${data.subject}`, account.id);
    return this.authenticate(account);
  }

  private label(account: FakeAccount): string {
    if (account.accountName) return maskName(account.accountName);
    if (account.email) return maskEmail(account.email);
    return `${account.phone ? maskPhone(account.phone, phoneMetadata) : account.id.slice(0, 8)} (${account.createdAt.slice(0, 10)})`;
  }

  private verifyEmail(token: string): Response {
    const entry = this.emailTokens.get(token);
    if (!entry) throw new HttpError('link_expired');
    this.emailTokens.delete(token);
    const account = this.accounts.find((a) => a.id === entry.accountId);
    if (!account) throw new HttpError('link_expired');
    account.email = entry.email;
    account.emailVerified = true;
    if (!account.loginIdentifiers.includes('email')) account.loginIdentifiers.push('email');
    const after = this.preset.registration.email?.afterActivation ?? [];
    if (entry.purpose === 'activate' && after.length) {
      return this.needsProfile(
        account.id,
        after.flatMap((s) => s.fields.filter((f) => !(s.optional ?? []).includes(f))),
      );
    }
    return json(200, { status: 'verified', account: this.publicAccount(account) });
  }

  /**
   * The ticket an activation link carries to the page (`#cl_ticket=…`), for stories of the
   * step after activation (Tencent's industry).
   */
  activationTicket(accountId = this.accounts[0]?.id ?? 'none'): string {
    const required = (this.preset.registration.email?.afterActivation ?? [{ fields: ['industry'] }]).flatMap(
      (s) => s.fields,
    );
    return this.issueTicket({ kind: 'profile', accountId, required, optional: [] });
  }

  private requestEmail(account: FakeAccount, body: Record<string, unknown>, fresh: boolean): Response {
    const email = this.str(body, 'email');
    const check = checkEmail(email);
    if (!check.ok) throw new HttpError('validation_failed', { issues: [issue('email', check.code)] });
    if (!fresh) this.proveAgain(account, body);
    const normal = normalizeEmail(email);
    if (this.preset.emailUnique && this.accounts.some((a) => a.email === normal && a.id !== account.id)) {
      throw new HttpError('email_taken', { field: 'email' });
    }
    const token = this.next('link');
    this.emailTokens.set(token, { accountId: account.id, purpose: 'verify', email: normal });
    this.record({
      channel: 'email',
      to: normal,
      purpose: 'verify',
      link: `https://auth.example.test/email/verify?token=${token}`,
      text: 'Verify your security email',
    });
    return json(202, { expiresIn: this.preset.emailLinkTtl });
  }

  /** The proof a sensitive change carries, as the server checks it (`reauth_required` without). */
  private proveAgain(account: FakeAccount, body: Record<string, unknown>): void {
    const currentPassword = typeof body.currentPassword === 'string' ? body.currentPassword : '';
    const code = typeof body.code === 'string' ? body.code : '';
    if (currentPassword && account.password) {
      if (currentPassword !== account.password)
        throw new HttpError('invalid_credentials', { field: 'currentPassword' });
      return;
    }
    if (code && account.phone) return this.consumeCode(account.phone, 'reauth', code);
    throw new HttpError('reauth_required', { field: account.password ? 'currentPassword' : 'code' });
  }

  private changePassword(account: FakeAccount, body: Record<string, unknown>): Response {
    this.proveAgain(account, body);
    const next = this.str(body, 'newPassword');
    const found = toIssue(
      'newPassword',
      checkPassword(next, this.preset.password, { accountName: account.accountName }),
    );
    if (found) throw new HttpError('validation_failed', { issues: [found] });
    account.password = next;
    return new Response(null, { status: 204 });
  }

  private unbind(account: FakeAccount, idp: Idp, body: Record<string, unknown>): Response {
    if (!account.connections.includes(idp)) throw new HttpError('not_found');
    // Allowed only when the account can still sign in afterwards (docs/flows.md#unbind-a-third-party-login).
    const canSignIn =
      (!!account.password && account.loginIdentifiers.length > 0) || account.connections.length > 1;
    if (!canSignIn) throw new HttpError('password_required');
    this.proveAgain(account, body);
    account.connections = account.connections.filter((c) => c !== idp);
    return new Response(null, { status: 204 });
  }

  private upgrade(account: FakeAccount, body: Record<string, unknown>): Response {
    const accountName = this.str(body, 'accountName');
    const issues = this.checkFields(body, ['accountName', 'password'], [], accountName);
    if (issues.length) throw new HttpError('validation_failed', { issues });
    const key = normalizeAccountName(accountName);
    if (
      this.accounts.some(
        (a) => a.id !== account.id && a.accountName && normalizeAccountName(a.accountName) === key,
      )
    ) {
      throw new HttpError('account_name_taken', { field: 'accountName' });
    }
    Object.assign(account, { accountName, password: this.str(body, 'password'), legacy: false });
    if (!account.loginIdentifiers.includes('accountName')) account.loginIdentifiers.push('accountName');
    return json(200, { account: this.publicAccount(account) });
  }

  private createSubaccount(account: FakeAccount, body: Record<string, unknown>): Response {
    if (account.kind !== 'main' || !this.preset.subaccounts) throw new HttpError('method_disabled');
    const issues = this.checkFields(body, ['email', 'password'], []);
    if (issues.length) throw new HttpError('validation_failed', { issues });
    const email = normalizeEmail(this.str(body, 'email'));
    if (this.accounts.some((a) => a.email === email)) throw new HttpError('email_taken', { field: 'email' });
    const sub: FakeAccount = {
      id: this.next('account'),
      email,
      emailVerified: true,
      loginIdentifiers: ['email'],
      connections: [],
      password: this.str(body, 'password'),
      kind: 'sub',
      legacy: false,
      createdAt: FIXED_CREATED,
      parentId: account.id,
    };
    this.accounts.push(sub);
    return json(201, { account: this.publicAccount(sub) });
  }

  private createQr(): Response {
    const id = this.next('qr');
    const secret = `${id}-secret`;
    const expiresAt = Date.now() + this.preset.qrTtl * 1000;
    this.qrs.set(id, { secret, polls: 0, expiresAt });
    return json(201, {
      id,
      secret,
      payload: `cloudlogin://qr/${id}`,
      image: qrImage(id),
      expiresAt: new Date(expiresAt).toISOString(),
      pollInterval: 1,
    });
  }

  private pollQr(id: string, secret: string): Response {
    const qr = this.qrs.get(id);
    if (!qr || qr.secret !== secret) throw new HttpError('not_found');
    const scripted = this.qrScript[Math.min(qr.polls, this.qrScript.length - 1)] ?? 'pending';
    qr.polls += 1;
    const status = qr.status ?? (Date.now() > qr.expiresAt ? 'expired' : scripted);
    if (status === 'confirmed') {
      qr.status = 'confirmed';
      // The session is handed out once, on the first `confirmed` poll, as the contract says.
      const account = this.accounts.find((a) => a.kind === 'main' && !a.legacy);
      if (qr.handedOut || !account) return json(200, { status });
      qr.handedOut = true;
      const token = this.signIn(account.id);
      return json(200, {
        status,
        account: this.publicAccount(account),
        session: { token, expiresAt: SESSION_EXPIRES },
      });
    }
    return json(200, { status });
  }
}

export function createFakeBackend(options: FakeOptions = {}): FakeBackend {
  return new FakeBackend(options);
}
