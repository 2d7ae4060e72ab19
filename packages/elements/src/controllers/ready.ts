/**
 * The `ready` custom state of a flow element (`:state(ready)`): set once its first screen is
 * complete — every element shown inside it defined and rendered, nothing `aria-busy` (a panel or
 * a QR still loading) — and kept from then on. Until then a page may reserve the element's final
 * size with one CSS rule, `cloud-login:not(:state(ready)) { display: block; min-height: … }`
 * (packages/elements/README.md, "No layout shift"), so nothing below it moves while its code, its
 * preset, the server's config and its first panel arrive one after another.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Between checks while something is still loading (ms). */
const RECHECK_MS = 50;
/**
 * Checks before giving up (30 s): something that never finishes loading (a site's own method
 * panel whose code is missing) must not keep a page polling, nor the reserved height forever.
 */
const MAX_CHECKS = 600;

/** Every element in `root` and the shadow roots below it. */
const composed = (root: ParentNode): Element[] =>
  [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? composed(el.shadowRoot) : [])]);

/** Whether what `host` shows is complete; awaits the updates that are pending. */
async function complete(root: ShadowRoot | null): Promise<boolean> {
  if (!root?.firstElementChild) return false;
  const all = composed(root);
  const shown = all.filter((el) => el.checkVisibility?.() ?? true);
  if (
    shown.some(
      (el) =>
        el.getAttribute('aria-busy') === 'true' ||
        (el.localName.includes('-') && !customElements.get(el.localName)),
    )
  )
    return false;
  // `false`: another update was requested meanwhile (a QR panel starting to load): look again.
  // Also look again when those updates added elements (a panel rendering its fields).
  const updated = await Promise.all(
    shown.map((el) => (el as Partial<ReactiveControllerHost>).updateComplete),
  );
  return !updated.includes(false) && composed(root).length === all.length;
}

export class ReadyController implements ReactiveController {
  private states?: CustomStateSet;
  private watching = false;

  /** `onReady` runs once the state is set: work that must not compete with the first screen. */
  constructor(
    private readonly host: Host,
    private readonly onReady?: () => void,
  ) {
    host.addController(this);
    try {
      this.states = host.attachInternals().states;
    } catch {
      // A browser without ElementInternals knows no `:state()` either: it drops the page's rule.
    }
  }

  async hostUpdated(): Promise<void> {
    const { host, states } = this;
    if (this.watching || !states || states.has('ready')) return;
    this.watching = true;
    for (let checks = 0; checks < MAX_CHECKS && host.isConnected; checks++) {
      if (await complete(host.shadowRoot)) break;
      await new Promise((done) => setTimeout(done, RECHECK_MS));
    }
    this.watching = false;
    if (!host.isConnected) return;
    states.add('ready');
    this.onReady?.();
  }
}
