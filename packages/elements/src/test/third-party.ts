/**
 * What the third-party login tests of `<cloud-login>` share (flows/login/third-party*.test.ts):
 * the popup is a frame's window (a real `Window`, so the hand-off's `event.source` check is the
 * real one) returned by a stubbed `window.open`; answers come from a fake transport.
 */
import { fixture, html } from '@open-wc/testing';
import type { CloudLogin } from '../flows/login/login.ts';
import { authenticated, deep, fakeClient, settle, type FakeRoute } from './helpers.ts';

export const API_ORIGIN = 'https://auth.test';

/** Resolves once the popup's hand-off listener (`connect.ts`, loaded on demand) is listening. */
export async function connectLoaded(): Promise<void> {
  await import('../flows/login/methods/connect.ts');
  await new Promise((r) => setTimeout(r, 0));
}
export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
export async function until(check: () => boolean, what: string, timeout = 4000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

export interface Opened {
  url: string;
  popup: Window;
  closed: boolean;
}

/** Replaces `window.open` with one that "opens" a frame's window; `null` simulates a blocked popup. */
export function stubOpen(blocked = false): { opened: Opened[]; restore: () => void } {
  const original = window.open;
  const opened: Opened[] = [];
  window.open = ((url?: string | URL) => {
    if (blocked) return null;
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const record: Opened = { url: String(url), popup: frame.contentWindow!, closed: false };
    const popup = frame.contentWindow!;
    // The frame stands for the popup; `closed` and `close()` are the popup's.
    Object.defineProperty(popup, 'closed', { get: () => record.closed, configurable: true });
    Object.defineProperty(popup, 'close', { value: () => (record.closed = true), configurable: true });
    opened.push(record);
    return popup;
  }) as typeof window.open;
  return {
    opened,
    restore: () => {
      window.open = original;
      document.querySelectorAll('iframe').forEach((f) => f.remove());
    },
  };
}

/** What the server's hand-off page posts to the opener. */
export function handOff(popup: Window, data: unknown, origin = API_ORIGIN): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: popup }));
}

/** A ticket as the server makes them (the hand-off accepts token-shaped tickets only). */
export const FIRST = 'first-ticket-0000000000';
export const ticketMessage = (idp: string, ticket = 'T'.repeat(43), provider = 'jdcloud') => ({
  type: 'cloud-login:connection',
  provider,
  idp,
  ticket,
});

/** `POST /continue` answering the popup's ticket (`FIRST`) with `first`, then signing in. */
export const firstThenSignedIn =
  (first: Record<string, unknown>): FakeRoute =>
  (call) => ({
    status: 200,
    body: (call.body as { ticket?: unknown }).ticket === FIRST ? first : authenticated,
  });

export async function login(provider: string, routes: Record<string, FakeRoute>, locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudLogin>(
    html`<cloud-login provider=${provider} locale=${locale} .config=${{ client: fake.client }}></cloud-login>`,
  );
  await settle(el);
  const steps: string[] = [];
  el.addEventListener('cloud-step-change', (e) => steps.push(e.detail.step));
  return { el, steps, ...fake };
}

export const methodButton = (el: CloudLogin, id: string) =>
  deep<HTMLButtonElement>(el, `[part~=method-button][data-method="${id}"]`);

/**
 * A first third-party login up to its first form: clicks `idp`'s button, hands `message` (the
 * ticket) back from the popup, and waits for the `<cloud-profile-form>` the answer asks for.
 */
export async function firstForm(
  el: CloudLogin,
  stub: { opened: Opened[] },
  idp: string,
  message = ticketMessage(idp, FIRST),
): Promise<Element> {
  methodButton(el, idp).click();
  await connectLoaded();
  handOff(stub.opened[0]!.popup, message);
  await until(() => el.step.name === 'profile', 'the first step');
  await customElements.whenDefined('cloud-profile-form');
  await settle(el);
  return deep(el, 'cloud-profile-form');
}
export const shown = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
