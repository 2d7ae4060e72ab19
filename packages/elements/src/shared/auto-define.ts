/**
 * Elements whose code loads only when a page uses them: the tag is defined by a chunk imported
 * the first time such an element is in the document (or right away when it already is). A
 * `MutationObserver` watches the document for the tags still missing and stops once none is.
 *
 * It sees the document, not the inside of other shadow roots: a site that creates one of these
 * tags inside its own component's shadow root imports the tag's registration file itself (or
 * calls the loader `index.ts` exports).
 */
const pending = new Map<string, () => Promise<unknown>>();
let observer: MutationObserver | undefined;

function loadFound(): void {
  for (const [tag, load] of pending) {
    if (customElements.get(tag)) pending.delete(tag);
    else if (document.querySelector(tag)) {
      pending.delete(tag);
      load().catch((error: unknown) => console.error(`cloud-login: could not load <${tag}>`, error));
    }
  }
  if (pending.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

/** Loads `tag`'s definition with `load` once the document has such an element. */
export function defineOnUse(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || customElements.get(tag)) return;
  pending.set(tag, load);
  loadFound();
  if (pending.size > 0 && !observer) {
    observer = new MutationObserver(loadFound);
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }
}
