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
 *
 * The handlers live beside this file, one module per resource (fake-backend/*.ts); this class
 * is the transport: it records calls, plays forced answers and routes each request.
 */
import {
  createClient,
  publicConfig,
  type CloudClient,
  type ErrorCode,
  type Idp,
  type OutboxMessage,
  type Transport,
} from '@cloud-login/core';
import {
  bind,
  changePassword,
  createSubaccount,
  rename,
  changeContact,
  requestEmail,
  unbind,
  upgrade,
} from './fake-backend/account.ts';
import { sendCode, verifyCode } from './fake-backend/codes.ts';
import { continueFlow } from './fake-backend/continue.ts';
import { HttpError, errorResponse, json, type FailOptions } from './fake-backend/http.ts';
import { requestReset, verifyReset } from './fake-backend/password-resets.ts';
import { answerQr, createQr, pollQr, qrImage } from './fake-backend/qr.ts';
import { register, verifyEmail } from './fake-backend/registration.ts';
import {
  addPasskey,
  deletePasskey,
  listPasskeys,
  passkeyCreateOptions,
  passkeySignIn,
  passkeySignInOptions,
  renamePasskey,
} from './fake-backend/passkeys.ts';
import { passwordLogin, smsLogin, subaccountLogin } from './fake-backend/sessions.ts';
import type { FakePasskey } from './fake-backend/passkeys.ts';
import { FakeState, type FakeCall, type FakeOptions } from './fake-backend/state.ts';
import { totpAction } from './fake-backend/totp.ts';

export { EXPIRED_CODE, FAKE_CODE, FAKE_PASSWORD, PHONES, seedAccounts } from './fake-backend/seeds.ts';
export type { FakeAccount } from './fake-backend/seeds.ts';
export { FAKE_TOTP, FAKE_TOTP_SECRET, fakeRecoveryCodes } from './fake-backend/totp.ts';
export type { FailOptions } from './fake-backend/http.ts';
export type { ConnectionStep, FakeCall, FakeOptions } from './fake-backend/state.ts';
export type { FakePasskey } from './fake-backend/passkeys.ts';

/** An answer a story arranged with `failNext` or `hang`. */
type Forced = {
  matcher: string;
  code: ErrorCode | 'network_error' | 'hang';
  options: FailOptions;
  left: number;
  skip: number;
};

export class FakeBackend extends FakeState {
  private forced: Forced[] = [];

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

  /**
   * The ticket a third-party login hands back (popup message or `#cl_ticket=…`). `subject` is the
   * identity at the provider: a seeded account's (`FakeBackend.subjectOf('wechat', 'acc-jd-dev')`)
   * signs that account in; any other starts the preset's first-time steps.
   */
  connectionTicket(idp: Idp, subject = `${idp}:first-time`, nickname?: string): string {
    return this.issueTicket({
      kind: 'connection',
      step: 'start',
      idp,
      subject,
      ...(nickname !== undefined && { nickname }),
    });
  }

  /** Gives a seeded account a passkey (`id` is the credential id a sign-in would present). */
  seedPasskey(accountId: string, name: string, fields: Partial<FakePasskey> = {}): this {
    this.passkeys.push({
      id: `fake-passkey-${this.passkeys.length + 1}`,
      accountId,
      name,
      createdAt: '2024-03-01T08:00:00.000Z',
      lastUsedAt: null,
      backedUp: true,
      ...fields,
    });
    return this;
  }

  /** Latest message sent to `to` (newest first, like `GET /dev/outbox`). */
  lastMessage(to?: string): OutboxMessage | undefined {
    return this.outbox.find((m) => !to || m.to === to);
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
        return sendCode(this, body, request);
      case 'POST /codes/verify':
        return verifyCode(this, body);
      case 'POST /accounts':
        return register(this, body);
      case 'POST /sessions':
        return passwordLogin(this, body);
      case 'POST /sessions/sms':
        return smsLogin(this, body);
      case 'POST /sessions/subaccount':
        return subaccountLogin(this, body);
      case 'POST /password-resets':
        return requestReset(this, body);
      case 'POST /password-resets/verify':
        return verifyReset(this, body);
      case 'POST /continue':
        return continueFlow(this, body);
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
        return verifyEmail(this, typeof token === 'string' ? token : '');
      }
      case 'POST /account/email':
        return requestEmail(
          this,
          this.authenticated(request),
          body,
          this.freshSessions.has(this.tokenOf(request) ?? ''),
        );
      case 'PUT /account/password':
        return changePassword(this, this.authenticated(request), body);
      case 'PUT /account/name':
        return rename(this, this.authenticated(request), body);
      case 'PATCH /account/contact':
        return changeContact(this, this.authenticated(request), body);
      case 'POST /account/connections':
        return bind(this, this.authenticated(request), body);
      case 'POST /account/upgrade':
        return upgrade(this, this.authenticated(request), body);
      case 'POST /account/subaccounts':
        return createSubaccount(this, this.authenticated(request), body);
      case 'POST /qr':
        return createQr(this);
      case 'POST /sessions/passkey/options':
        return passkeySignInOptions(this);
      case 'POST /sessions/passkey':
        return passkeySignIn(this, body);
      case 'GET /account/passkeys':
        return listPasskeys(this, this.authenticated(request));
      case 'POST /account/passkeys/options':
        return passkeyCreateOptions(this, this.authenticated(request), body);
      case 'POST /account/passkeys':
        return addPasskey(this, this.authenticated(request), body);
      case 'GET /dev/outbox': {
        const to = url.searchParams.get('to');
        return json(200, { messages: this.outbox.filter((m) => !to || m.to === to) });
      }
    }
    let match: RegExpExecArray | null;
    if (
      method === 'POST' &&
      (match = /^\/account\/totp\/(setup|confirm|recovery-codes|disable)$/.exec(path))
    ) {
      return totpAction(this, this.authenticated(request), match[1]!, body);
    }
    if (method === 'DELETE' && (match = /^\/account\/connections\/([\w-]+)$/.exec(path))) {
      return unbind(this, this.authenticated(request), match[1]! as Idp, body);
    }
    if ((match = /^\/account\/passkeys\/([\w-]+)$/.exec(path))) {
      if (method === 'PATCH') return renamePasskey(this, this.authenticated(request), match[1]!, body);
      if (method === 'DELETE') return deletePasskey(this, this.authenticated(request), match[1]!, body);
    }
    if (method === 'GET' && (match = /^\/qr\/([\w-]+)\.svg$/.exec(path))) {
      return new Response(decodeURIComponent(qrImage(match[1]!).split(',')[1]!), {
        status: 200,
        headers: { 'Content-Type': 'image/svg+xml' },
      });
    }
    if (method === 'GET' && (match = /^\/qr\/([\w-]+)$/.exec(path))) {
      return pollQr(
        this,
        match[1]!,
        url.searchParams.get('secret') ?? request.headers.get('X-QR-Secret') ?? '',
      );
    }
    if (method === 'POST' && (match = /^\/qr\/([\w-]+)\/(scan|confirm|deny)$/.exec(path))) {
      this.authenticated(request);
      return answerQr(this, match[1]!, match[2] as 'scan' | 'confirm' | 'deny');
    }
    throw new HttpError('not_found');
  }
}

export function createFakeBackend(options: FakeOptions = {}): FakeBackend {
  return new FakeBackend(options);
}
