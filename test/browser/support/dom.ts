/**
 * Finding things across the elements' nested shadow roots the way a person (or a screen reader)
 * does — a field by its visible label, a button by its text — typing into them, and waiting
 * (for a condition, for Lit updates to settle).
 */
import { expect, waitUntil } from '@open-wc/testing';

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
export const normalise = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

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

/** Picks `region` (ISO code) in the visible phone field's region picker, as a person would. */
export async function pickRegion(host: Element, region: string): Promise<void> {
  const picker = deepAll<HTMLButtonElement>(host, 'button#region').find(isVisible);
  if (!picker) throw new Error('no visible region picker');
  picker.click();
  await until(() => deepAll(host, `[role=option]#r-${region}`).length > 0, `region ${region} offered`);
  deepAll<HTMLElement>(host, `[role=option]#r-${region}`)[0]!.click();
  await settle(host);
}
