/**
 * Driving `<cloud-login>` and `<cloud-register>` from play functions, through their public
 * surface: tags, `part`s, tab ids and field ids, the way a user (or a keyboard) would.
 */
import { click, deep, fill, find, settle, waitFor } from './play.ts';
import { FAKE_CODE } from './fake-backend.ts';

type Lit = HTMLElement & { updateComplete: Promise<unknown>; ready?: Promise<unknown> };

/** The shadow root of the first `selector` below `root`, to scope further queries. */
export async function scope(root: ParentNode, selector: string): Promise<ShadowRoot> {
  const host = await find<Lit>(root, selector);
  await host.updateComplete;
  return waitFor(() => host.shadowRoot, `the shadow root of ${selector}`);
}

/** Selects a method tab of `<cloud-login>` / `<cloud-register>` (`tab-sms`, `tab-phone`…). */
export async function selectTab(root: ParentNode, id: string): Promise<void> {
  await click(root, `[role="tab"]#tab-${id}`);
  await waitFor(() => deep(root, `#tab-${id}[aria-selected="true"]`), `tab ${id} selected`);
}

/** Selects a tab when the element shows tabs (a preset with one method has none). */
export async function selectTabIfAny(root: ParentNode, id: string): Promise<void> {
  const host = await find<Lit>(root, 'cloud-login, cloud-register');
  await host.updateComplete;
  if (host.shadowRoot?.querySelector(`[role="tab"]#tab-${id}`)) await selectTab(root, id);
}

/** Types a phone into the first phone input below `root`, once its region metadata is there. */
export async function fillPhone(
  root: ParentNode,
  phone: string,
  selector = 'cloud-phone-input',
): Promise<void> {
  const input = await find<Lit>(root, selector);
  await input.ready;
  await fill(root, selector, phone);
}

/** Presses "get code" and waits until the code input says it was sent (or shows an error). */
export async function sendCode(root: ParentNode): Promise<void> {
  const input = await find<Lit & { remaining: number }>(root, 'cloud-code-input');
  await click(root, 'cloud-code-input');
  const send = await waitFor(
    () => input.shadowRoot?.querySelector<HTMLButtonElement>('[part~="send"]'),
    'the send button',
  );
  send.click();
  await waitFor(
    () =>
      input.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim() ||
      input.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim(),
    'the code to be sent',
  );
  await settle(root);
}

export async function fillCode(root: ParentNode, code = FAKE_CODE): Promise<void> {
  await fill(root, 'cloud-code-input', code);
}

export async function acceptAgreements(root: ParentNode): Promise<void> {
  const host = await find<Lit>(root, 'cloud-agreements');
  await host.updateComplete;
  const box = await waitFor(
    () => host.shadowRoot?.querySelector<HTMLInputElement>('input[type="checkbox"]'),
    'the agreements checkbox',
  );
  if (!box.checked) box.click();
  await settle(root);
}

/** Presses the visible submit button of `root` (a panel's or a step's). */
export async function submit(root: ParentNode): Promise<void> {
  await click(root, 'button[part~="submit"]');
}

/** Waits until some `[part~=error]`/`[part~=form-error]` below `root` says something. */
export function anyError(root: ParentNode): Promise<HTMLElement> {
  return waitFor(() => {
    const queue: ParentNode[] = [root];
    while (queue.length) {
      const node = queue.shift()!;
      for (const el of node.querySelectorAll<HTMLElement>('[part~="error"], [part~="form-error"]')) {
        if (el.textContent?.trim()) return el;
      }
      for (const el of node.querySelectorAll('*')) if (el.shadowRoot) queue.push(el.shadowRoot);
    }
    return null;
  }, 'an error message');
}

/** Waits until a form below `root` is busy (`aria-busy="true"`): the loading state. */
export function busy(root: ParentNode): Promise<HTMLElement> {
  return waitFor(() => deep<HTMLElement>(root, '[aria-busy="true"]'), 'the loading state');
}
