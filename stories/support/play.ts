/**
 * Helpers for `play` functions: the elements keep their controls in shadow roots, which
 * testing-library's queries do not enter. Selectors use the elements' public `part`s and tags
 * where possible, so a story survives internal markup changes.
 */

/** First element matching `selector` in `root` or any shadow root below it. */
export function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  const queue: ParentNode[] = [root];
  while (queue.length) {
    const node = queue.shift()!;
    const found = node.querySelector<T>(selector);
    if (found) return found;
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) queue.push(el.shadowRoot);
  }
  return null;
}

/** Every element matching `selector` in `root` and the shadow roots below it. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const out: T[] = [];
  const queue: ParentNode[] = [root];
  while (queue.length) {
    const node = queue.shift()!;
    out.push(...node.querySelectorAll<T>(selector));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) queue.push(el.shadowRoot);
  }
  return out;
}

/** Polls `probe` until it returns something truthy; throws with `what` after `timeout` ms. */
export async function waitFor<T>(
  probe: () => T | null | undefined | false,
  what: string,
  timeout = 5000,
): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    let value: T | null | undefined | false;
    try {
      value = probe();
    } catch {
      value = undefined;
    }
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits for an element to appear anywhere below `root`. */
export function find<T extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
  timeout?: number,
): Promise<T> {
  return waitFor(() => deep<T>(root, selector), `"${selector}"`, timeout);
}

/** Waits until every Lit element below `root` has rendered its pending updates. */
export async function settle(root: ParentNode): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const pending = deepAll<HTMLElement & { updateComplete?: Promise<unknown> }>(root, '*')
      .map((el) => el.updateComplete)
      .filter((p): p is Promise<unknown> => !!p);
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Types `text` into an input as a user would (focus, one input event per character, change). */
export async function type(
  input: HTMLInputElement | HTMLTextAreaElement,
  text: string,
  { replace = true } = {},
): Promise<void> {
  input.focus();
  if (replace) input.value = '';
  for (const char of text) {
    input.value += char;
    input.dispatchEvent(
      new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: char }),
    );
  }
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(input.getRootNode() as ParentNode);
}

/** The native input of a block (`cloud-phone-input`…) or of a flow's field with that `id`. */
export async function inputOf(root: ParentNode, selector: string): Promise<HTMLInputElement> {
  const host = await find(root, selector);
  if (host instanceof HTMLInputElement) return host;
  const input = host.shadowRoot?.querySelector<HTMLInputElement>('input[part~="input"], input');
  if (!input) throw new Error(`no input inside ${selector}`);
  return input;
}

/** Finds the input for `selector` and types into it. */
export async function fill(root: ParentNode, selector: string, text: string): Promise<void> {
  await type(await inputOf(root, selector), text);
}

/** Clicks an element once it exists and is enabled. */
export async function click(root: ParentNode, selector: string): Promise<void> {
  const target = await waitFor(() => {
    const el = deep<HTMLElement>(root, selector);
    return el && !(el as HTMLButtonElement).disabled ? el : null;
  }, `enabled "${selector}"`);
  target.click();
  await settle(root);
}

/** Waits until some element below `root` shows `text` (e.g. an error message). */
export function textAppears(
  root: ParentNode,
  selector: string,
  test: (text: string) => boolean,
  what: string,
): Promise<HTMLElement> {
  return waitFor(
    () => deepAll<HTMLElement>(root, selector).find((el) => test(el.textContent?.trim() ?? '')),
    what,
  );
}

/** Waits until an error (`part~=error` or `form-error`) shows a non-empty message. */
export function errorShown(root: ParentNode): Promise<HTMLElement> {
  return textAppears(root, '[part~="error"], [part~="form-error"]', (t) => t.length > 0, 'an error message');
}
