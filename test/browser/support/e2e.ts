/**
 * Helpers for the end-to-end tests: the real elements against the real server that
 * `server-plugin.mjs` starts. Fields are found the way a person (or a screen reader) finds them
 * — by their visible, localised label — across the elements' nested shadow roots; codes and
 * links are read from the server's dev outbox. No fetch is mocked.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { API_ORIGIN } from '/__cloud-login/env.js';
import type { StringKey } from '@cloud-login/elements/i18n/index.ts';
import { allCodeText, allText } from '@cloud-login/elements/test/strings.ts';

export { API_ORIGIN };
export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export type Provider = 'jdcloud' | 'jdcloud-classic' | 'qingcloud' | 'tencentcloud' | 'default';

/**
 * This page's lane on the test server: its own app instance, data and clock (see
 * auth-server.ts), so test files running in parallel never see each other's clock moves.
 */
export const LANE = `p${Math.random().toString(36).slice(2, 10)}`;
/** Where this page's providers are mounted: `${API_BASE}/api/{provider}`. */
export const API_BASE = `${API_ORIGIN}/lanes/${LANE}`;

export const apiUrl = (provider: Provider): string => `${API_BASE}/api/${provider}`;

// --- strings ---------------------------------------------------------------------------------

/**
 * The element's own text for `key` in `locale`, from every catalogue the elements render from —
 * without loading any into the page, so an element that forgot to load its strings still fails.
 */
export function text(locale: Locale, key: StringKey, params?: Record<string, string | number>): string {
  return allText(locale, key, params);
}

/** The localised message of a server error code or rule code. */
export function message(locale: Locale, code: string, params?: Record<string, string | number>): string {
  return allCodeText(locale, code, params);
}

/** A message with placeholders (`{seconds}`) as a pattern, for values the test cannot know. */
export function messagePattern(locale: Locale, code: string): RegExp {
  const template = message(locale, code);
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '\\d+');
  return new RegExp(escaped);
}

// --- unique test data --------------------------------------------------------------------------

const run = Math.floor(Math.random() * 900 + 100);
let counter = 0;
const next = () => `${run}${String(++counter).padStart(4, '0')}`.slice(-7);

export interface Phone {
  /** `+8613912345678` */
  e164: string;
  /** `13912345678`, as typed next to a fixed +86 prefix. */
  national: string;
}

/** A fresh mainland mobile number (valid for libphonenumber-js), unique in this page. */
export function newPhone(): Phone {
  const national = `139${next()}${Math.floor(Math.random() * 10)}`;
  return { national, e164: `+86${national}` };
}

export const newEmail = (tag: string): string =>
  `${tag}-${next()}-${Math.floor(Math.random() * 1e4)}@example.com`;
export const newAccountName = (tag: string): string => `${tag}_${next()}${Math.floor(Math.random() * 100)}`;

// --- DOM across shadow roots ---------------------------------------------------------------------

/** `host`'s shadow root (or the node itself) and every shadow root below it. */
export function rootsOf(host: Element | Document | ShadowRoot): (Element | Document | ShadowRoot)[] {
  // Not `instanceof Element`: elements of a page in a frame belong to another realm.
  const start = (host as Element).shadowRoot ?? host;
  const out: (Element | Document | ShadowRoot)[] = [start];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        out.push(el.shadowRoot);
        walk(el.shadowRoot);
      }
    }
  };
  walk(start);
  return out;
}

export function deepAll<T extends Element = HTMLElement>(host: Element | Document, selector: string): T[] {
  return rootsOf(host).flatMap((root) => [...root.querySelectorAll<T>(selector)]);
}

const isVisible = (el: Element) => el.checkVisibility();
const normalise = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The visible control labelled exactly `label` (the `<label for>`'s text), below `host`. */
export function field<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(
  host: Element | Document,
  label: string,
): T {
  const found: T[] = [];
  for (const root of rootsOf(host)) {
    for (const el of root.querySelectorAll('label[for]')) {
      if (normalise(el.textContent) !== label) continue;
      const control =
        (root as ParentNode as Document).getElementById?.((el as HTMLLabelElement).htmlFor) ??
        root.querySelector(`#${CSS.escape((el as HTMLLabelElement).htmlFor)}`);
      if (control && isVisible(control)) found.push(control as T);
    }
  }
  if (found.length === 0) {
    const labels = deepAll(host, 'label')
      .filter(isVisible)
      .map((l) => `"${normalise(l.textContent)}"`);
    throw new Error(`no visible field labelled "${label}"; labels shown: ${labels.join(', ')}`);
  }
  return found[0]!;
}

/** `field()`, or null while there is no such field (for polling). */
export function maybeField<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(
  host: Element | Document,
  label: string,
): T | null {
  try {
    return field<T>(host, label);
  } catch {
    return null;
  }
}

/** The visible button whose text is exactly `label`. */
export function button(host: Element | Document, label: string | RegExp): HTMLButtonElement {
  const buttons = deepAll<HTMLButtonElement>(host, 'button').filter(isVisible);
  const match = buttons.find((b) =>
    typeof label === 'string' ? normalise(b.textContent) === label : label.test(normalise(b.textContent)),
  );
  if (!match)
    throw new Error(
      `no visible button "${label}"; buttons shown: ${buttons.map((b) => `"${normalise(b.textContent)}"`).join(', ')}`,
    );
  return match;
}

/**
 * Picks a login method the way a person does: clicks its tab when the element shows tabs (a
 * preset whose first method is the app QR opens on that one); nothing to do with a single method.
 */
export async function chooseMethod(host: Element, label: string): Promise<void> {
  const tabs = deepAll<HTMLButtonElement>(host, '[role=tab]').filter(isVisible);
  const tab = tabs.find((t) => normalise(t.textContent) === label);
  if (tabs.length > 0) {
    if (!tab)
      throw new Error(
        `no tab "${label}"; tabs: ${tabs.map((t) => `"${normalise(t.textContent)}"`).join(', ')}`,
      );
    if (tab.getAttribute('aria-selected') !== 'true') tab.click();
    await until(() => tab.getAttribute('aria-selected') === 'true', `tab "${label}" selected`);
  }
  // A method's panel loads when it is first shown; a person waits for the form to appear.
  await until(() => !host.shadowRoot?.querySelector('[part~=loading]'), `the "${label}" panel loaded`);
  await settle(host);
}

/** The first visible element with `part` token `name`. */
export function part<T extends HTMLElement = HTMLElement>(host: Element | Document, name: string): T {
  const match = deepAll<T>(host, `[part~="${name}"]`).find(isVisible);
  if (!match) throw new Error(`no visible part "${name}"`);
  return match;
}

/** Types into a native control the way an `input` event reports it (value set, event fired). */
export function fill(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  // The control's own window: a page in a frame has its own event classes.
  const win = control.ownerDocument.defaultView as typeof globalThis;
  control.focus();
  control.value = value;
  if (control.localName === 'input') {
    control.dispatchEvent(
      new win.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }),
    );
  }
  control.dispatchEvent(new win.Event('change', { bubbles: true }));
}

/** What the control's `aria-describedby` points at (hint, status, error), as one string. */
export function describedText(control: Element): string {
  const root = control.getRootNode() as Document | ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => normalise(root.getElementById(id)?.textContent))
    .join(' ');
}

/** Waits until `control` is marked invalid and its described-by text includes `expected`. */
export async function expectFieldError(
  control: Element,
  expected: string | RegExp,
  what = 'field error',
): Promise<void> {
  const has = () =>
    control.getAttribute('aria-invalid') === 'true' &&
    (typeof expected === 'string'
      ? describedText(control).includes(expected)
      : expected.test(describedText(control)));
  await until(
    has,
    () =>
      `${what}: expected ${expected} on the field, got "${describedText(control)}" (aria-invalid=${control.getAttribute('aria-invalid')})`,
    8000,
  );
  // The message is announced: it sits in a role=alert node the control points at.
  const root = control.getRootNode() as Document | ShadowRoot;
  const alerts = (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => root.getElementById(id))
    .filter((el) => el && el.getAttribute('role') === 'alert' && normalise(el.textContent) !== '');
  expect(alerts.length, `${what}: the error is announced (role=alert)`).to.be.greaterThan(0);
}

/** Waits until a visible form-level error (part `form-error`, role=alert) shows `expected`. */
export async function expectFormError(host: Element, expected: string | RegExp): Promise<void> {
  const current = () =>
    deepAll(host, '[part~="form-error"]')
      .filter(isVisible)
      .map((e) => normalise(e.textContent))
      .filter(Boolean);
  await until(
    () => current().some((t) => (typeof expected === 'string' ? t === expected : expected.test(t))),
    () => `form error: expected ${expected}, shown: ${JSON.stringify(current())}`,
    8000,
  );
  const node = deepAll(host, '[part~="form-error"]').find(
    (e) => isVisible(e) && normalise(e.textContent) !== '',
  );
  expect(node?.getAttribute('role'), 'form error is announced').to.equal('alert');
}

/** The focused element, looking through shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

// --- events and steps --------------------------------------------------------------------------

export interface Recorder {
  steps: string[];
  errors: { code: string; message: string; field?: string }[];
  success?: {
    account: Record<string, unknown> & { id: string };
    session: { token: string; expiresAt: string };
  };
}

/** Records the public events of a flow element. */
export function record(el: Element): Recorder {
  const rec: Recorder = { steps: [], errors: [] };
  el.addEventListener('cloud-step-change', (e) => rec.steps.push((e as CustomEvent).detail.step));
  el.addEventListener('cloud-error', (e) => rec.errors.push((e as CustomEvent).detail));
  const onSuccess = (e: Event) => {
    rec.success = (e as CustomEvent).detail;
    // Tests check what a site gets; no navigation unless a test asks for one.
    if (!(el as HTMLElement).hasAttribute('return-to')) e.preventDefault();
  };
  el.addEventListener('cloud-login-success', onSuccess);
  el.addEventListener('cloud-register-success', onSuccess);
  return rec;
}

/** Whether anything below `host` is busy (a request in flight). */
export const busy = (host: Element): boolean => deepAll(host, '[aria-busy="true"]').length > 0;

/** Waits for the flow to reach `step` (its `cloud-step-change`) and settle. */
export async function waitForStep(
  host: Element,
  rec: Recorder,
  step: string,
  timeout = 10_000,
): Promise<void> {
  await until(
    () => rec.steps.at(-1) === step && !busy(host),
    () =>
      `expected step "${step}", steps so far: ${JSON.stringify(rec.steps)}, errors: ${JSON.stringify(rec.errors)}, ` +
      `busy: ${busy(host)}, shown: "${normalise(host.shadowRoot?.textContent).slice(0, 300)}"`,
    timeout,
  );
  await settle(host);
}

/** Waits for every Lit element below `host` to finish updating. */
export async function settle(host: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const pending = deepAll(host, '*')
      .concat(host as HTMLElement)
      .map((el) => (el as { updateComplete?: Promise<unknown> }).updateComplete)
      .filter(Boolean);
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 0));
  }
}

/**
 * Waits until `check` holds (short polling). `what` says what was expected; as a function it is
 * read when the wait fails, so the message shows the state at that moment.
 */
export async function until(
  check: () => unknown,
  what: string | (() => string),
  timeout = 10_000,
): Promise<void> {
  try {
    await waitUntil(check, typeof what === 'string' ? what : 'condition', { timeout, interval: 25 });
  } catch (error) {
    if (typeof what === 'function') throw new Error(`Timeout: ${what()}`);
    throw error;
  }
}

// --- the server --------------------------------------------------------------------------------

export async function api<T = Record<string, unknown>>(
  provider: Provider,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${apiUrl(provider)}${path}`, {
    method,
    headers,
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

// --- pages in frames -----------------------------------------------------------------------------

/** The frame's location when it shows a page of ours, else undefined (cross-origin or loading). */
export function frameLocation(frame: HTMLIFrameElement): Location | undefined {
  try {
    const loc = frame.contentWindow?.location;
    return loc && loc.origin === location.origin ? loc : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens `src` in a fresh iframe of this page (removed by `closeFrames`). Our test pages get this
 * page's lane (`?lane=`), so the element in them talks to the same data.
 */
export async function openFrame(src: string): Promise<HTMLIFrameElement> {
  if (src.startsWith('/__cloud-login/pages/') && !/[?&]lane=/.test(src))
    src += `${src.includes('?') ? '&' : '?'}lane=${LANE}`;
  const frame = document.createElement('iframe');
  frame.title = 'site page';
  frame.dataset.e2e = '';
  frame.style.cssText = 'width: 520px; height: 1000px; border: 0;';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  return frame;
}

export function closeFrames(): void {
  document.querySelectorAll('iframe[data-e2e]').forEach((f) => f.remove());
}

/** The upgraded, rendered `tag` element of the page in `frame`. */
export async function frameElement<T extends HTMLElement = HTMLElement>(
  frame: HTMLIFrameElement,
  tag: string,
): Promise<T> {
  let el: T | null = null;
  await until(() => {
    const doc = frameLocation(frame) && frame.contentDocument;
    el = doc ? doc.querySelector<T>(tag) : null;
    return !!(
      el &&
      el.shadowRoot &&
      doc!.defaultView!.customElements.get(tag) &&
      el.shadowRoot.childElementCount > 0
    );
  }, `<${tag}> rendered in ${frame.src}`);
  await settle(el!);
  return el!;
}

/**
 * `expect(el).to.be.accessible()` for an element in a frame: axe must run in the element's own
 * window, so the host page loads axe-core and this runs it there.
 */
export async function expectAccessibleInFrame(el: Element): Promise<void> {
  const win = el.ownerDocument.defaultView as
    | (Window & {
        axe?: {
          run(context: Element): Promise<{
            violations: { id: string; help: string; nodes: { html: string; target: unknown }[] }[];
          }>;
        };
      })
    | null;
  if (!win?.axe) throw new Error('axe-core is not loaded in the frame (host.html loads it)');
  const { violations } = await win.axe.run(el);
  const report = violations.map(
    (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${String(n.target)} ${n.html}`).join('\n')}`,
  );
  expect(violations.length, `Accessibility violations\n${report.join('\n')}`).to.equal(0);
}

// --- accessibility on every step -------------------------------------------------------------------

/**
 * Runs `expect(el).to.be.accessible()` at each step of a flow and keeps going when it fails, so
 * one violation does not hide whether the rest of the flow works; `assert()` at the end of the
 * test fails with every violation, by step.
 */
export class StepAudit {
  private readonly failures = new Map<string, string[]>();

  async check(el: Element, step: string): Promise<void> {
    try {
      if (el.ownerDocument === document) await expect(el).to.be.accessible();
      else await expectAccessibleInFrame(el);
    } catch (error) {
      const report = (error as Error).message;
      const steps = this.failures.get(report) ?? [];
      steps.push(step);
      this.failures.set(report, steps);
    }
  }

  assert(): void {
    const lines = [...this.failures].map(([report, steps]) => `at step(s) ${steps.join(', ')}:\n${report}`);
    expect(lines.length, `accessibility violations\n${lines.join('\n\n')}`).to.equal(0);
  }
}
