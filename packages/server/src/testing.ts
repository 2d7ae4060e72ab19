/**
 * Test support: a real app on a real lowdb store in a temporary directory, a movable clock shared
 * by both, and small helpers to call the API and read the dev outbox. Nothing of ours is mocked.
 * Not part of the package's public exports.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Authenticated, OutboxMessage, ProviderId } from '@cloud-login/core';
import { createAuthServer, type AuthServerOptions } from './app.ts';
import { createLowdbStore } from './store/lowdb.ts';
import type { Store } from './store/types.ts';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON (for 415 / malformed-JSON tests). */
  raw?: string;
  headers?: Record<string, string>;
  token?: string;
  /** The socket address the request appears to come from. */
  address?: string;
}

export interface Clock {
  now(): Date;
  advance(seconds: number): void;
}

export interface Harness {
  app: ReturnType<typeof createAuthServer>;
  store: Store;
  dir: string;
  clock: Clock;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Answer<T>>;
  post<T = any>(path: string, body: unknown, options?: Omit<CallOptions, 'body'>): Promise<Answer<T>>;
  get<T = any>(path: string, options?: CallOptions): Promise<Answer<T>>;
  outbox(provider: ProviderId, to?: string): Promise<OutboxMessage[]>;
  /** Asks for a code and returns it, read from the outbox. */
  code(
    provider: ProviderId,
    phone: string,
    purpose?: 'register' | 'login' | 'bind',
    channel?: 'sms' | 'voice',
  ): Promise<string>;
  /** Reopens the store on the same directory and builds a new app on it (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret';

export async function createHarness(options: Partial<AuthServerOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'cl-server-test-'));
  let time = Date.now();
  const clock: Clock = {
    now: () => new Date(time),
    advance: (seconds) => {
      time += seconds * 1000;
    },
  };
  const open = () => createLowdbStore({ dir, now: () => time });
  const build = (store: Store) =>
    createAuthServer({
      devMode: true,
      secret: TEST_SECRET,
      now: clock.now,
      logError: () => {},
      ...options,
      store,
    });

  const harness: Harness = {
    store: await open(),
    app: undefined as never,
    dir,
    clock,
    async call(method, path, { body, raw, headers = {}, token, address } = {}) {
      const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers } };
      const h = init.headers as Record<string, string>;
      if (token) h.Authorization = `Bearer ${token}`;
      if (body !== undefined) {
        h['Content-Type'] ??= 'application/json';
        init.body = JSON.stringify(body);
      } else if (raw !== undefined) {
        init.body = raw;
      }
      const env = address ? { incoming: { socket: { remoteAddress: address } } } : undefined;
      const response = await harness.app.request(`http://localhost${path}`, init, env);
      const text = await response.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed as any, text };
    },
    post: (path, body, options) => harness.call('POST', path, { ...options, body }),
    get: (path, options) => harness.call('GET', path, options),
    async outbox(provider, to) {
      const query = to ? `?to=${encodeURIComponent(to)}` : '';
      const answer = await harness.get(`/api/${provider}/dev/outbox${query}`);
      if (answer.status !== 200) throw new Error(`outbox: ${answer.status} ${answer.text}`);
      return answer.body.messages;
    },
    async code(provider, phone, purpose = 'register', channel = 'sms') {
      const sent = await harness.post(`/api/${provider}/codes`, { phone, channel, purpose });
      if (sent.status !== 202) throw new Error(`codes: ${sent.status} ${sent.text}`);
      const [message] = await harness.outbox(provider, phone);
      if (!message?.code) throw new Error('codes: nothing in the outbox');
      return message.code;
    },
    async restart() {
      await harness.store.close();
      harness.store = await open();
      harness.app = build(harness.store);
    },
    async close() {
      await harness.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  harness.app = build(harness.store);
  return harness;
}

/**
 * A `reauth` code (`POST /codes` purpose `reauth`, signed in with `token`), read from the outbox
 * of `phone` — the account's own phone, the only place it goes.
 */
export async function reauthCode(
  h: Harness,
  provider: ProviderId,
  token: string,
  phone: string,
): Promise<string> {
  const sent = await h.post(`/api/${provider}/codes`, { channel: 'sms', purpose: 'reauth' }, { token });
  if (sent.status !== 202) throw new Error(`reauth code: ${sent.status} ${sent.text}`);
  const [message] = await h.outbox(provider, phone);
  if (message?.purpose !== 'reauth' || !message.code) throw new Error('reauth code: nothing in the outbox');
  return message.code;
}

/** The link's token, from an outbox email. */
export function tokenOf(message: OutboxMessage | undefined): string {
  const link = message?.link;
  if (!link) throw new Error('no link in the message');
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Registers a JD Cloud account (docs/flows.md#register-jdcloud; one hash) and returns the `Authenticated` answer. */
export async function registerJd(
  h: Harness,
  accountName: string,
  phone: string,
  password = 'Secret-123',
): Promise<Authenticated> {
  const code = await h.code('jdcloud', phone);
  const answer = await h.post('/api/jdcloud/accounts', {
    accountName,
    password,
    phone,
    code,
    agreements: true,
  });
  if (answer.status !== 201) throw new Error(`register: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** Registers a QingCloud account (docs/flows.md#register-qingcloud). */
export async function registerQing(h: Harness, phone: string, password: string): Promise<Authenticated> {
  const code = await h.code('qingcloud', phone);
  const answer = await h.post('/api/qingcloud/accounts', { phone, code, password, agreements: true });
  if (answer.status !== 201) throw new Error(`register: ${answer.status} ${answer.text}`);
  return answer.body;
}

/**
 * A browser following an email link: the page `GET /email/verify` shows, then its confirm
 * button (a form post of the token). Returns the page when it has no button.
 */
export async function followEmailLink(
  h: Harness,
  provider: ProviderId,
  token: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const html = { Accept: 'text/html', ...headers };
  const page = await h.get(`/api/${provider}/email/verify?token=${token}`, { headers: html });
  const form = /<form method="post" action="verify"><input type="hidden" name="token" value="([^"]+)">/.exec(
    page.text,
  );
  if (!form) return page;
  return h.call('POST', `/api/${provider}/email/verify`, {
    raw: new URLSearchParams({ token: form[1]! }).toString(),
    headers: { ...html, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

/** Spends an email link as a client that reads JSON (`POST /email/verify {token}`). */
export function spendEmailLink(h: Harness, provider: ProviderId, token: string): Promise<Answer> {
  return h.post(`/api/${provider}/email/verify`, { token });
}

/**
 * Registers a JD Cloud classic account (docs/flows.md#register-jdcloud-classic), its phone also
 * the contact phone.
 */
export async function registerClassic(
  h: Harness,
  accountName: string,
  phone: string,
  password = 'abcdef',
): Promise<Authenticated> {
  const code = await h.code('jdcloud-classic', phone);
  const answer = await h.post('/api/jdcloud-classic/accounts', {
    phone,
    code,
    agreements: true,
    accountName,
    password,
    contactPhone: phone,
  });
  if (answer.status !== 201) throw new Error(`register: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** Password login (docs/flows.md#password-login), from `address` when given. */
export function signIn(
  h: Harness,
  provider: string,
  identifier: string,
  password: string,
  address?: string,
): Promise<Answer> {
  return h.post(`/api/${provider}/sessions`, { identifier, password }, address ? { address } : {});
}
