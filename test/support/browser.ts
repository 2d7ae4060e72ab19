/**
 * A browser as far as the server can tell: a cookie jar, form posts, redirects not followed
 * (each hop is inspected). Over a real socket, for the third-party login flows and email links.
 */
import { createHash } from 'node:crypto';
import type { Idp, ProviderId } from '@cloud-login/core';

/**
 * The secret a tab keeps when it leaves for an identity provider in redirect mode; `authorize`
 * gets only its hash (`flowHash`), and the ticket coming back needs the secret (`flowSecret`).
 */
export const FLOW_SECRET = 'security-suite-tab-secret';
export const flowHashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const FLOW_HASH = flowHashOf(FLOW_SECRET);

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  /** The `Location` header, resolved against the request's URL. */
  location?: URL;
}

export interface Browser {
  cookies: Map<string, string>;
  request(
    method: string,
    url: string | URL,
    options?: { form?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<Page>;
  get(url: string | URL, headers?: Record<string, string>): Promise<Page>;
}

export function browser(base: string): Browser {
  const cookies = new Map<string, string>();
  const b: Browser = {
    cookies,
    async request(method, url, { form, headers = {} } = {}) {
      const target = new URL(url, base);
      const h: Record<string, string> = { ...headers };
      if (cookies.size > 0) h.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      let body: string | undefined;
      if (form) {
        h['Content-Type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(form).toString();
      }
      const response = await fetch(target, {
        method,
        headers: h,
        redirect: 'manual',
        ...(body !== undefined && { body }),
      });
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
    get: (url, headers) => b.request('GET', url, { ...(headers && { headers }) }),
  };
  return b;
}

const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

/** The hand-off data of a popup callback page (`<meta name="cl-handoff">`). */
export function handoffOf(page: Page): {
  target: string;
  message: { type: string; ticket?: string; error?: { code: string } };
  fallback?: string;
} {
  const match = /<meta name="cl-handoff" content="([^"]*)">/.exec(page.text);
  if (!match) throw new Error(`no hand-off in ${page.status} ${page.text.slice(0, 300)}`);
  return JSON.parse(unescapeHtml(match[1]!));
}

/**
 * Third-party login up to our callback: `authorize` → the simulated provider's page → the form
 * a person would submit there. Returns the callback URL the provider sent the browser to
 * (with `code` and `state`), not yet followed. OAuth providers only (not `wechat-mp`).
 */
export async function toCallback(
  b: Browser,
  provider: ProviderId,
  idp: Exclude<Idp, 'wechat-mp'>,
  name: string,
  query: Record<string, string> = { mode: 'redirect', returnTo: '/console', flowHash: FLOW_HASH },
): Promise<URL> {
  const start = await b.get(`/api/${provider}/connections/${idp}/authorize?${new URLSearchParams(query)}`);
  if (start.status !== 302 || !start.location) throw new Error(`authorize: ${start.status} ${start.text}`);
  const authorize = start.location;
  const fields = Object.fromEntries(authorize.searchParams);
  const form =
    idp === 'jd'
      ? { ...fields, username: name, password: 'jd-pass-1' }
      : idp === 'qq'
        ? { ...fields, qq: name, decision: 'allow' }
        : { ...fields, nickname: name, decision: 'allow' };
  const back = await b.request('POST', authorize.pathname, { form });
  if (back.status !== 302 || !back.location)
    throw new Error(`provider page: ${back.status} ${back.text.slice(0, 300)}`);
  return back.location;
}

/**
 * Opens an email link as a browser does: the page `GET /email/verify` shows, then its confirm
 * button (a form post of the token to the path the form names, relative to the page). `link`
 * is absolute, as in the email.
 */
export async function followEmailLink(b: Browser, link: string): Promise<Page> {
  const page = await b.get(link, { Accept: 'text/html' });
  const form = /<form method="post" action="([^"]+)"><input type="hidden" name="token" value="([^"]+)">/.exec(
    page.text,
  );
  if (!form) return page;
  return b.request('POST', new URL(unescapeHtml(form[1]!), link), {
    form: { token: unescapeHtml(form[2]!) },
    headers: { Accept: 'text/html' },
  });
}
