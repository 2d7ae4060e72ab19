/**
 * Test support for third-party login: a browser with a cookie jar that clicks through the
 * simulated identity providers' pages of a real app. Not part of the package's exports.
 */
import assert from 'node:assert/strict';
import type { Idp, ProviderId } from '@cloud-login/core';
import type { Harness } from '../testing.ts';
import { hashSecret } from '../crypto.ts';

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  /** The `Location` header, absolute. */
  location?: URL;
}

export interface Browser {
  cookies: Map<string, string>;
  request(
    method: string,
    url: string | URL,
    options?: { form?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<Page>;
  get(url: string | URL): Promise<Page>;
}

let browsers = 0;

/** A browser with its own cookie jar and its own client address (so per-address limits see separate people). */
export function browser(h: Harness, address = `203.0.113.${(browsers++ % 250) + 1}`): Browser {
  const cookies = new Map<string, string>();
  const env = { incoming: { socket: { remoteAddress: address } } };
  const b: Browser = {
    cookies,
    async request(method, url, { form, headers = {} } = {}) {
      const target = new URL(url, 'http://localhost');
      const h2: Record<string, string> = { ...headers };
      if (cookies.size > 0) h2.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      let body: string | undefined;
      if (form) {
        h2['Content-Type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(form).toString();
      }
      const response = await h.app.request(
        target.href,
        { method, headers: h2, ...(body !== undefined && { body }) },
        env,
      );
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        const name = pair!.slice(0, at).trim();
        const value = pair!.slice(at + 1).trim();
        if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
      const location = response.headers.get('Location');
      return {
        status: response.status,
        headers: response.headers,
        text: await response.text(),
        ...(location && { location: new URL(location, target) }),
      };
    },
    get: (url) => b.request('GET', url),
  };
  return b;
}

const unescape = (text: string) =>
  text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

/** The hand-off data of a popup callback page. */
export function handoffOf(page: Page): {
  target: string;
  message: { type: string; idp: Idp; ticket?: string; error?: { code: string } };
  fallback?: string;
} {
  const match = /<meta name="cl-handoff" content="([^"]*)">/.exec(page.text);
  assert.ok(match, `no hand-off in ${page.status} ${page.text.slice(0, 300)}`);
  return JSON.parse(unescape(match[1]!));
}

export interface LoginAs {
  /** WeChat nickname, the Official Account's name, QQ number, or JD user name. */
  name: string;
  /** JD and QQ. */
  password?: string;
  /** JD: the mobile phone a new JD user gets (none when left out). */
  mobile?: string;
  /** At the provider: allow (default) or refuse. */
  refuse?: boolean;
}

/**
 * The secret the tab keeps in redirect mode (the ticket coming back is bound to its hash): the
 * first `POST /continue` of a ticket from `signInAt` carries it as `flowSecret`.
 */
export const TEST_FLOW_SECRET = 'test-flow-secret-of-this-tab';
export const TEST_FLOW_HASH = hashSecret(TEST_FLOW_SECRET);

/**
 * Walks `authorize` → the provider's page → our callback in redirect mode and returns what the
 * callback sent the browser to (`/console#cl_ticket=…` or `#cl_error=…`).
 */
export async function signInAt(
  b: Browser,
  provider: ProviderId,
  idp: Idp,
  who: LoginAs,
  returnTo = '/console',
): Promise<URL> {
  const start = await b.get(
    `/api/${provider}/connections/${idp}/authorize?${new URLSearchParams({ mode: 'redirect', returnTo, flowHash: TEST_FLOW_HASH })}`,
  );
  assert.equal(start.status, 302, start.text);
  let callback: URL;
  if (idp === 'wechat-mp') {
    const scan = await b.get(start.location!);
    assert.equal(scan.status, 200, scan.text);
    const phone = /href="([^"]*\/idp\/wechat-mp\/q\/[^"]+)"/.exec(scan.text)?.[1];
    assert.ok(phone, 'the scan page links the simulated phone');
    if (!who.refuse) {
      // 004: the Official Account's owner chooses it and grants the account service permission.
      const followed = await b.request('POST', unescape(phone), {
        form: { nickname: who.name, decision: 'authorize', account: who.name, service: '1' },
      });
      assert.equal(followed.status, 200, followed.text);
      const done = await b.get(start.location!);
      assert.equal(done.status, 302, 'the scan page moves on once scanned');
      callback = done.location!;
    } else {
      callback = new URL(start.location!.href.replace('/scan?', '/callback?'));
    }
  } else {
    const authorize = start.location!;
    const page = await b.get(authorize);
    assert.equal(page.status, 200, page.text);
    const fields = Object.fromEntries(authorize.searchParams);
    const form =
      idp === 'jd'
        ? { ...fields, username: who.name, password: who.password ?? 'jd-pass-1', mobile: who.mobile ?? '' }
        : idp === 'qq'
          ? {
              ...fields,
              qq: who.name,
              password: who.password ?? 'qq-pass-1',
              decision: who.refuse ? 'cancel' : 'allow',
            }
          : { ...fields, nickname: who.name, decision: who.refuse ? 'deny' : 'allow' };
    const back = await b.request('POST', authorize.pathname, { form });
    assert.equal(back.status, 302, back.text);
    callback = back.location!;
  }
  const done = await b.get(callback);
  assert.equal(done.status, 302, done.text);
  return done.location!;
}

/** `signInAt`, then the connection ticket from the fragment. */
export async function connectionTicket(
  b: Browser,
  provider: ProviderId,
  idp: Idp,
  who: LoginAs,
): Promise<string> {
  const back = await signInAt(b, provider, idp, who);
  const ticket = new URLSearchParams(back.hash.slice(1)).get('cl_ticket');
  assert.ok(ticket, `no ticket in ${back.href}`);
  return ticket;
}
