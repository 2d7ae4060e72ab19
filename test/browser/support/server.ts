/**
 * The test server, through its HTTP API: requests, the dev outbox (codes and links), its clock,
 * and accounts made directly for tests whose subject is another flow.
 */
import { expect } from '@open-wc/testing';
import { API_ORIGIN, LANE, apiUrl, type Provider } from './lane.ts';
import { until } from './dom.ts';

export function api<T = Record<string, unknown>>(
  provider: Provider,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  return requestJson<T>(`${apiUrl(provider)}${path}`, method, body, token);
}

/** One JSON request to the test server; `credentials` as `fetch` takes them. */
export async function requestJson<T = Record<string, unknown>>(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
  credentials?: RequestCredentials,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(url, {
    method,
    headers,
    ...(credentials && { credentials }),
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const textBody = await res.text();
  return { status: res.status, body: (textBody ? JSON.parse(textBody) : {}) as T };
}

interface OutboxMessage {
  channel: string;
  to: string;
  purpose: string;
  code?: string;
  link?: string;
  sentAt: string;
}

export async function outbox(provider: Provider, to: string): Promise<OutboxMessage[]> {
  const res = await api<{ messages: OutboxMessage[] }>(
    provider,
    'GET',
    `/dev/outbox?to=${encodeURIComponent(to)}`,
  );
  expect(res.status, 'dev outbox answers').to.equal(200);
  return res.body.messages;
}

/**
 * The newest code sent to `phone`, waiting for it to arrive; `seen` is the number of codes the
 * phone had before, so an older code is never taken for the new one.
 */
export async function outboxCode(provider: Provider, phone: string, seen = 0): Promise<string> {
  let code: string | undefined;
  await until(async () => {
    const messages = (await outbox(provider, phone)).filter((m) => m.code);
    if (messages.length > seen) code = messages[0]!.code;
    return code !== undefined;
  }, `a code for ${phone} in the ${provider} outbox`);
  return code!;
}

/** How many codes `phone` has been sent: pass it to `outboxCode` to wait for the next one. */
export async function codesSent(provider: Provider, phone: string): Promise<number> {
  return (await outbox(provider, phone)).filter((m) => m.code).length;
}

export async function outboxCount(provider: Provider, to: string): Promise<number> {
  return (await outbox(provider, to)).length;
}

/** The newest link sent to `email`. */
export async function outboxLink(provider: Provider, email: string, purpose?: string): Promise<string> {
  let link: string | undefined;
  await until(async () => {
    const messages = (await outbox(provider, email)).filter(
      (m) => m.link && (!purpose || m.purpose === purpose),
    );
    link = messages[0]?.link;
    return link !== undefined;
  }, `a link for ${email} in the ${provider} outbox`);
  return link!;
}

/**
 * Spends an email link as a client reading JSON: `POST /email/verify {token}` (`GET` only
 * shows the link, so the mail scanners that fetch links spend nothing).
 */
export function spendLink(link: string): Promise<Response> {
  const url = new URL(link);
  return fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token: url.searchParams.get('token') }),
  });
}

/**
 * What a `<cloud-register>` of this origin keeps when it registers with an activation link: a
 * secret in `localStorage`, per API. Returns its hash, the registration's `flowHash` (the ticket
 * the link brings back is bound to it).
 */
export async function keepActivationSecret(provider: Provider): Promise<string> {
  const secret = `e2e-${Math.random().toString(36).slice(2)}`;
  localStorage.setItem(`cloud-login:activation:${apiUrl(provider)}`, JSON.stringify({ secret }));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Moves the test server's clock forward (codes' cooldown and expiry, tickets' expiry). */
export async function advanceClock(seconds: number): Promise<void> {
  const res = await fetch(`${API_ORIGIN}/__e2e/clock?lane=${LANE}&advance=${seconds}`, { method: 'POST' });
  expect(res.status, 'test clock moved').to.equal(200);
}

/** This page's server time (its lane's clock). */
export async function serverNow(): Promise<Date> {
  const res = await fetch(`${API_ORIGIN}/__e2e/clock?lane=${LANE}`);
  return new Date(((await res.json()) as { now: string }).now);
}

/** The account a session token belongs to, asked of the server (proves a real session). */
export async function sessionAccount(
  provider: Provider,
  token: string,
): Promise<Record<string, unknown> & { id: string }> {
  const res = await api<{ account: Record<string, unknown> & { id: string } }>(
    provider,
    'GET',
    '/session',
    undefined,
    token,
  );
  expect(
    res.status,
    `GET /session with the token from the success event (${JSON.stringify(res.body)})`,
  ).to.equal(200);
  return res.body.account;
}

/** Asks for a code and reads it from the outbox. */
export async function codeFor(
  provider: Provider,
  phone: string,
  purpose: 'register' | 'login' | 'bind',
): Promise<string> {
  const seen = (await outbox(provider, phone)).filter((m) => m.code).length;
  const sent = await api(provider, 'POST', '/codes', { phone, channel: 'sms', purpose });
  expect(sent.status, `POST /codes ${JSON.stringify(sent.body)}`).to.equal(202);
  return outboxCode(provider, phone, seen);
}

/** Creates an account through the API (for tests whose subject is another flow). */
export async function createAccount(
  provider: Provider,
  body: Record<string, unknown>,
): Promise<{ account: Record<string, unknown> & { id: string }; session: { token: string } }> {
  const res = await api<{ account: Record<string, unknown> & { id: string }; session: { token: string } }>(
    provider,
    'POST',
    '/accounts',
    body,
  );
  expect(res.status, `POST /accounts ${JSON.stringify(res.body)}`).to.equal(201);
  return res.body;
}

/** Agreement ids the server wants for `provider` (from `GET /config`). */
export async function agreementIds(provider: Provider): Promise<string[]> {
  const res = await api<{ agreements: { id: string }[] }>(provider, 'GET', '/config');
  return res.body.agreements.map((a) => a.id);
}
