/**
 * What the third-party, QR and account-security end-to-end files share: the identity provider's
 * window driven as a person would (`idp-driver.mjs`), the API of the lane those flows must use,
 * and the strings of the elements' on-demand chunks.
 *
 * Why not this page's own lane: the simulated identity providers live at `/idp/…` of the server
 * and accept only the callback `/api/{provider}/connections/{idp}/callback` on its origin; a lane
 * (`/lanes/{lane}/api/…`, support/auth-server.ts) sends them `/lanes/{lane}/api/…/callback`, which
 * they refuse ("redirect_uri 参数错误"), and the authorize redirect goes to `/idp/…` of the main
 * lane anyway. So every flow that goes through an identity provider runs on the main lane
 * (`/api/{provider}`). Data never collides: phones, names and nicknames are unique per test; the
 * main lane's clock moves only where a setup must outwait a code cooldown (`advanceMainClock`).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { StringKey } from '@cloud-login/elements/i18n/index.ts';
import {
  API_ORIGIN,
  button,
  deepAll,
  field,
  fill,
  maybeField,
  newAccountName,
  part,
  record,
  requestJson,
  settle,
  until,
  waitForStep,
  type Locale,
  type Phone,
  type Provider,
  type Recorder,
  type StepAudit,
  text,
} from './support/e2e.ts';

/** The element's text for `key`, the on-demand chunks' strings included (see `text`). */
export const say = (locale: Locale, key: StringKey, params?: Record<string, string | number>): string =>
  text(locale, key, params);

/** The main lane's API of `provider` (see above). */
export const mainApiUrl = (provider: Provider): string => `${API_ORIGIN}/api/${provider}`;

export function mainApi<T = Record<string, unknown>>(
  provider: Provider,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  // `omit`: these calls play another device (the mobile app, a script); no cookie of this browser.
  return requestJson<T>(`${mainApiUrl(provider)}${path}`, method, body, token, 'omit');
}

interface OutboxMessage {
  to: string;
  purpose: string;
  code?: string;
  link?: string;
}

async function mainOutbox(provider: Provider, to: string): Promise<OutboxMessage[]> {
  const res = await mainApi<{ messages: OutboxMessage[] }>(
    provider,
    'GET',
    `/dev/outbox?to=${encodeURIComponent(to)}`,
  );
  expect(res.status, 'dev outbox answers').to.equal(200);
  return res.body.messages;
}

/** The newest code for `phone` (and `purpose`) newer than the `seen` first ones. */
export async function mainOutboxCode(
  provider: Provider,
  phone: string,
  purpose: string,
  seen = 0,
): Promise<string> {
  let code: string | undefined;
  await until(async () => {
    const messages = (await mainOutbox(provider, phone)).filter((m) => m.code && m.purpose === purpose);
    if (messages.length > seen) code = messages[0]!.code;
    return code !== undefined;
  }, `a ${purpose} code for ${phone} in the ${provider} outbox`);
  return code!;
}

export async function mainCodeCount(provider: Provider, phone: string, purpose: string): Promise<number> {
  return (await mainOutbox(provider, phone)).filter((m) => m.code && m.purpose === purpose).length;
}

/** Asks for a code through the API and reads it from the outbox. */
export async function mainCodeFor(
  provider: Provider,
  phone: string,
  purpose: 'register' | 'login' | 'bind',
): Promise<string> {
  const seen = await mainCodeCount(provider, phone, purpose);
  const sent = await mainApi(provider, 'POST', '/codes', { phone, channel: 'sms', purpose });
  expect(sent.status, `POST /codes ${JSON.stringify(sent.body)}`).to.equal(202);
  return mainOutboxCode(provider, phone, purpose, seen);
}

export async function mainOutboxLink(provider: Provider, email: string): Promise<string> {
  let link: string | undefined;
  await until(async () => {
    link = (await mainOutbox(provider, email)).find((m) => m.link)?.link;
    return link !== undefined;
  }, `a link for ${email} in the ${provider} outbox`);
  return link!;
}

/** Moves the main lane's clock (see above: only past a code cooldown, and sparingly). */
export async function advanceMainClock(seconds: number): Promise<void> {
  const res = await fetch(`${API_ORIGIN}/__e2e/clock?lane=main&advance=${seconds}`, { method: 'POST' });
  expect(res.status, 'main lane clock moved').to.equal(200);
}

// --- the identity provider's window ------------------------------------------------------------

export interface IdpPageAction {
  /** A part of the window's URL. */
  url: string;
  fill?: Record<string, string>;
  click?: string;
  close?: boolean;
  timeout?: number;
}

export interface IdpPageSeen {
  url: string;
  title: string;
  text: string;
  /** After a click: whether the page navigated (or closed), and what it logged meanwhile. */
  navigated?: boolean;
  console?: string[];
}

/** Finds a window this test opened that shows `url`, fills it in and presses its button. */
export async function idpPage(action: IdpPageAction): Promise<IdpPageSeen> {
  const seen = await executeServerCommand<IdpPageSeen, IdpPageAction>('idp-page', action);
  if (!seen) throw new Error('idp-page: the idp-driver plugin is not in web-test-runner.config.mjs');
  return seen;
}

export type Idp = 'wechat' | 'wechat-mp' | 'qq' | 'jd';

/** A person at an identity provider: a WeChat nickname, a QQ number and password, a JD user name and password. */
export interface IdpUser {
  name: string;
  password?: string;
}

/**
 * Signs in at the simulated identity provider's page, in whichever window of this test shows it,
 * and allows the app: WeChat ("scan", then allow on the simulated phone), QQ (consent), JD
 * (user name and password), the WeChat Official Account (its QR page links the simulated phone,
 * where the owner chooses one of their Official Accounts and authorizes it; the page then moves
 * on by itself).
 */
export async function signInAtIdp(idp: Idp, user: IdpUser): Promise<IdpPageSeen> {
  switch (idp) {
    case 'wechat':
      return idpPage({
        url: '/idp/wechat/connect/qrconnect',
        fill: { '#nickname': user.name },
        click: 'button[value=allow]',
      });
    case 'qq':
      return idpPage({
        url: '/idp/qq/oauth2.0/authorize',
        fill: { '#qq': user.name, '#password': user.password ?? 'qq-pass-1' },
        click: 'button[value=allow]',
      });
    case 'jd':
      return idpPage({
        url: '/idp/jd/oauth2/to_login',
        fill: { '#username': user.name, '#password': user.password ?? 'jd-pass-1' },
        click: 'button[value=login]',
      });
    case 'wechat-mp': {
      // The Official Account's QR page; its "simulated phone" link opens the page the QR encodes.
      await idpPage({ url: '/connections/wechat-mp/scan', click: 'a[target=_blank]' });
      // What the phone shows (004): confirm the scan, then choose one of your Official Accounts
      // (the first, `<name>的订阅号`) and authorize it with the account service permission.
      await idpPage({
        url: '/idp/wechat-mp/q/',
        fill: { '#nickname': user.name },
        click: 'button[value=scan]',
      });
      return idpPage({ url: '/idp/wechat-mp/q/', click: 'button[value=authorize]', close: true });
    }
  }
}

/** A nickname / QQ name / JD user name unique to this run. */
export const idpName = (tag: string): string =>
  `${tag}${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1e4)}`;

// --- a third-party sign-in done by a script (test setup) ------------------------------------------

/**
 * The connection ticket of a sign-in at `idp` as `user`, obtained the way the element obtains it
 * — a popup on the real authorize URL, the identity provider's page clicked through, the ticket
 * posted back by the server's hand-off page — but by the test itself, for setups whose subject is
 * something else (an account bound to WeChat, a phone with 5 accounts).
 */
export async function connectionTicket(provider: Provider, idp: Idp, user: IdpUser): Promise<string> {
  const returnTo = location.href.split('#')[0]!;
  const url = `${mainApiUrl(provider)}/connections/${idp}/authorize?${new URLSearchParams({ mode: 'popup', returnTo })}`;
  const apiOrigin = new URL(API_ORIGIN).origin;
  const received = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no hand-off from ${idp} within 20 s`)), 20_000);
    const onMessage = (event: MessageEvent) => {
      const data = event.data as {
        type?: string;
        idp?: string;
        ticket?: string;
        error?: { code: string };
      } | null;
      if (event.origin !== apiOrigin || data?.type !== 'cloud-login:connection' || data.idp !== idp) return;
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      if (data.ticket) resolve(data.ticket);
      else reject(new Error(`${idp} handed back ${JSON.stringify(data.error)}`));
    };
    addEventListener('message', onMessage);
  });
  const popup = window.open(url, `setup-${idp}-${Math.random()}`, 'popup,width=500,height=600');
  expect(popup, 'the popup opened').to.not.equal(null);
  await signInAtIdp(idp, user);
  return received;
}

/** `POST /continue` on the main lane; fails the test unless it answers 200. */
export async function mainContinue(
  provider: Provider,
  body: Record<string, unknown>,
): Promise<Record<string, unknown> & { status: string; ticket?: string }> {
  const res = await mainApi<Record<string, unknown> & { status: string; ticket?: string }>(
    provider,
    'POST',
    '/continue',
    body,
  );
  expect(res.status, `POST /continue ${JSON.stringify(res.body)}`).to.equal(200);
  return res.body;
}

// --- <cloud-login> flows --------------------------------------------------------------------------

export interface Flow {
  el: HTMLElement;
  rec: Recorder;
  locale: Locale;
  provider: Provider;
}

/** A `<cloud-login>` on the main lane, its events recorded. */
export async function loginElement(provider: Provider, locale: Locale): Promise<Flow> {
  const el = await fixture<HTMLElement>(
    html`<cloud-login provider=${provider} api=${mainApiUrl(provider)} locale=${locale}></cloud-login>`,
  );
  const rec = record(el);
  await settle(el);
  return { el, rec, locale, provider };
}

/** Presses the provider's button and signs in at its page in the popup that opens. */
export async function startAt(flow: Flow, idp: Idp, user: IdpUser): Promise<IdpPageSeen> {
  if (flow.provider === 'qingcloud' && idp === 'wechat') {
    // 003: QingCloud's WeChat QR is the card's corner toggle, not a button.
    const label = say(flow.locale, 'method.wechat');
    const corner = () => deepAll<HTMLButtonElement>(flow.el, 'button').find((b) => b.ariaLabel === label);
    await until(() => !!corner(), 'the corner toggle');
    corner()!.click();
  } else button(flow.el, say(flow.locale, `method.${idp}`)).click();
  const seen = await signInAtIdp(idp, user);
  // The page the person saw names the site they sign in to.
  expect(seen.text, `${idp}'s page`).to.match(/京东云|JD Cloud|青云|QingCloud|腾讯云|Tencent Cloud/);
  return seen;
}

/** The first-time phone step: the number, "get code" (purpose bind), the code from the outbox. */
export async function answerPhone(flow: Flow, phone: Phone, audit?: StepAudit): Promise<void> {
  const { el, locale, provider } = flow;
  await until(
    () => maybeField(el, say(locale, 'label.phone')),
    () =>
      `the phone step; steps: ${JSON.stringify(flow.rec.steps)}, errors: ${JSON.stringify(flow.rec.errors)}`,
    20_000,
  );
  await settle(el);
  await audit?.check(el, 'phone');
  expect(deepAll(el, '[part~=step-title]').map((h) => h.textContent!.trim())).to.include(
    say(locale, 'step.phone'),
  );
  fill(field(el, say(locale, 'label.phone')), phone.national);
  const seen = await mainCodeCount(provider, phone.e164, 'bind');
  button(el, say(locale, 'action.getCode')).click();
  const code = await mainOutboxCode(provider, phone.e164, 'bind', seen);
  fill(field(el, say(locale, 'label.code')), code);
  // 002: JD Cloud's agreements sit on this step, since an account may be created without another.
  if (provider === 'jdcloud') part(el, 'checkbox').click();
  // 003: phone and code, then 确定 binds the third-party login.
  button(el, say(locale, 'action.confirm')).click();
}

/** The industry + agreements step (Tencent). */
export async function answerIndustry(flow: Flow, industry: string, audit?: StepAudit): Promise<void> {
  const { el, locale } = flow;
  await until(() => maybeField(el, say(locale, 'label.industry')), 'the industry step');
  await settle(el);
  await audit?.check(el, 'industry');
  fill(field<HTMLSelectElement>(el, say(locale, 'label.industry')), industry);
  part(el, 'checkbox').click();
  button(el, say(locale, 'action.completeRegistration')).click();
}

/** Waits for "done", and returns the account the success event's session belongs to (asked of the server). */
export async function signedIn(flow: Flow): Promise<Record<string, unknown> & { id: string }> {
  await waitForStep(flow.el, flow.rec, 'done', 20_000);
  expect(flow.rec.success, 'cloud-login-success').to.exist;
  const res = await mainApi<{ account: Record<string, unknown> & { id: string } }>(
    flow.provider,
    'GET',
    '/session',
    undefined,
    flow.rec.success!.session.token,
  );
  expect(res.status, 'GET /session with the token of the success event').to.equal(200);
  return res.body.account;
}

/** A returning login: the button, the provider's page, and signed in without any further step. */
export async function returning(
  provider: Provider,
  locale: Locale,
  idp: Idp,
  user: IdpUser,
  accountId: string,
): Promise<void> {
  const flow = await loginElement(provider, locale);
  await startAt(flow, idp, user);
  const account = await signedIn(flow);
  expect(account.id, 'the same account').to.equal(accountId);
  expect(
    flow.rec.steps.filter((s) => s === 'profile' || s === 'choose-account'),
    'no binding step the second time',
  ).to.deep.equal([]);
}

/**
 * An account registered through the API on `phone` (as JD Cloud's or QingCloud's registration does). Registering
 * spent the phone's code of the minute, and the flow under test asks for a bind code next, so
 * the main lane's clock is moved past the 60 s cooldown.
 */
export async function accountOnPhone(
  provider: 'jdcloud' | 'qingcloud',
  phone: Phone,
  password = 'Jdcloud#2024',
): Promise<{ id: string; accountName?: string }> {
  const code = await mainCodeFor(provider, phone.e164, 'register');
  const accountName = provider === 'jdcloud' ? newAccountName('jd') : undefined;
  const res = await mainApi<{ account: { id: string } }>(provider, 'POST', '/accounts', {
    ...(accountName && { accountName }),
    password,
    phone: phone.e164,
    code,
    agreements: true,
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  await advanceMainClock(61);
  return { id: res.body.account.id, ...(accountName && { accountName }) };
}

/** Binds WeChat user `nickname` to the JD Cloud account on `phone`, by script (a setup). */
export async function bindWechatByScript(
  phone: Phone,
  accountId: string,
  nickname: string,
  password = 'Jdcloud#2024',
): Promise<void> {
  const ticket = await connectionTicket('jdcloud', 'wechat', { name: nickname });
  const needsPhone = await mainContinue('jdcloud', { ticket });
  const chooser = await mainContinue('jdcloud', {
    ticket: needsPhone.ticket,
    phone: phone.e164,
    code: await mainCodeFor('jdcloud', phone.e164, 'bind'),
    agreements: true,
  });
  // The account's password proves it (a code proves only the phone).
  expect((await mainContinue('jdcloud', { ticket: chooser.ticket, accountId, password })).status).to.equal(
    'authenticated',
  );
  await advanceMainClock(61); // past the phone's code cooldown again
}

/** The `<cloud-login>` of a site window (after each page load), with its events recorded. */
export async function siteLogin(site: Window, provider: Provider, locale: Locale): Promise<Flow> {
  let el: HTMLElement | null = null;
  const where = () => {
    try {
      const shown = (site.document.querySelector('cloud-login')?.shadowRoot?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 200);
      return `${site.location.href} (${site.document.readyState}), showing "${shown}"`;
    } catch {
      return 'another origin (the identity provider or the server)';
    }
  };
  await until(
    () => {
      try {
        if (site.location.origin !== location.origin || site.document.readyState !== 'complete') return false;
      } catch {
        return false;
      }
      el = site.document.querySelector('cloud-login');
      return !!(el && el.shadowRoot && el.shadowRoot.childElementCount > 0);
    },
    () => `the site page with its <cloud-login>; the window is at ${where()}`,
    20_000,
  );
  const rec = record(el!);
  // A ticket picked up on load was already at work before this listener: count what it shows.
  const step = (el as unknown as { step: { name: string } }).step.name;
  if (step !== 'method') rec.steps.push(step);
  await settle(el!);
  return { el: el!, rec, locale, provider };
}

/** Opens a same-origin site window with a `<cloud-login>` on the main lane. */
export function openSite(provider: Provider, locale: Locale): Window {
  const site = window.open(
    `/__cloud-login/pages/host.html?tag=cloud-login&provider=${provider}&locale=${locale}`,
    `site-${Math.random()}`,
    'width=520,height=900',
  );
  expect(site, 'the site window opened').to.not.equal(null);
  return site!;
}

/** The site window's browser blocks popups from now on (`window.open` answers `null`). */
export function blockPopups(site: Window): void {
  (site as Window & typeof globalThis).open = () => null;
}
