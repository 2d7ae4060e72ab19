/**
 * Test helpers. `fakeClient` answers from a table through core's real client and a swapped
 * transport (the seam the client offers for Storybook), so unit tests can check an element's
 * reaction to each answer; flows against the real server are the end-to-end suite's job.
 */
import { waitUntil } from '@open-wc/testing';
import { createClient, type CloudClient } from '@cloud-login/core';

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

export type FakeRoute = (call: FakeCall) => {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

export function fakeClient(routes: Record<string, FakeRoute>): { client: CloudClient; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const client = createClient({
    baseUrl: 'https://auth.test/api/x',
    transport: async (request) => {
      const url = new URL(request.url);
      const path = url.pathname.replace('/api/x', '');
      const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
      const body = text ? JSON.parse(text) : undefined;
      const call = { method: request.method, path, body };
      calls.push(call);
      const route = routes[`${request.method} ${path}`];
      if (!route)
        return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no route' } }), {
          status: 404,
        });
      const answer = route(call);
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'Content-Type': 'application/json', ...answer.headers },
      });
    },
  });
  return { client, calls };
}

export const account = {
  id: 'acc_1',
  provider: 'qingcloud',
  accountName: 'alice',
  phone: '+86 138****8000',
  emailVerified: false,
  loginIdentifiers: ['phone'],
  connections: [],
  hasPassword: true,
  kind: 'main',
  legacy: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const authenticated = {
  status: 'authenticated',
  account,
  session: { token: 'tok', expiresAt: '2026-12-31T00:00:00.000Z' },
};

export const apiError = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { error: { code, message: code, ...extra } },
});

/** Types into a native input inside `root` and fires `input`. */
export function typeInto(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
}

/** Waits for all Lit updates below `el` (nested shadow roots included) to settle. */
export async function settle(el: Element, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const pending: Promise<unknown>[] = [];
    const visit = (node: Element) => {
      const update = (node as { updateComplete?: Promise<unknown> }).updateComplete;
      if (update) pending.push(update);
      node.shadowRoot?.querySelectorAll('*').forEach(visit);
      node.querySelectorAll('*').forEach(visit);
    };
    visit(el);
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 0));
  }
}

/**
 * Waits until `<cloud-login>` shows the panel (or block) `tag` and it has rendered: panels load
 * when their tab is first shown, after the element's own first render.
 */
export async function shown<T extends Element = HTMLElement>(el: Element, tag: string): Promise<T> {
  await waitUntil(() => el.shadowRoot?.querySelector(tag)?.shadowRoot, `<${tag}> shown`);
  await settle(el);
  return el.shadowRoot!.querySelector<T>(tag)!;
}

/** Finds an element across nested shadow roots, e.g. `deep(el, 'cloud-sms-login', 'cloud-phone-input', 'input')`. */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T {
  let node: Element | null = root;
  for (const selector of selectors) {
    const scope: ParentNode = node!.shadowRoot ?? node!;
    node = scope.querySelector(selector);
    if (!node) throw new Error(`no ${selector} in ${(scope as Element).localName ?? 'root'}`);
  }
  return node as T;
}
