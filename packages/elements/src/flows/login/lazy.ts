/**
 * The parts of `<cloud-login>` that load on demand — a tab's panel when the tab is first shown,
 * the account chooser, the later steps — and what the element shows meanwhile: a placeholder
 * shaped like a two-field form (no jump when a panel replaces it), then the part, or a message
 * with "try again" when its chunk could not be loaded.
 *
 * A load belongs to the page, not to one element: a chunk loads once whichever element asked,
 * and an element that finds it loaded renders the part at once. A load nobody waits for (a
 * preload, when the pointer or focus reaches a tab) is forgotten if it fails, so showing that tab
 * later simply tries again; a failed load someone waits for stays failed until "try again".
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export type Loader = () => Promise<unknown>;

interface Load {
  status: 'loading' | 'loaded' | 'failed';
  /** Settles when the load does; never rejects. */
  settled: Promise<void>;
  error?: unknown;
  /** Someone shows this part: a failure stays, to be shown. */
  wanted: boolean;
}

const loads = new WeakMap<Loader, Load>();

function start(loader: Loader): Load {
  const load: Load = { status: 'loading', settled: Promise.resolve(), wanted: false };
  load.settled = Promise.resolve()
    .then(loader)
    .then(
      () => {
        load.status = 'loaded';
      },
      (error: unknown) => {
        load.status = 'failed';
        load.error = error;
        if (!load.wanted && loads.get(loader) === load) loads.delete(loader);
      },
    );
  loads.set(loader, load);
  return load;
}

export class LazyController implements ReactiveController {
  /** Loads this element waits for: it re-renders when each settles. */
  private readonly watched = new WeakSet<Load>();

  /** `failed` hears once of each failed load this element waited for (to report a `cloud-error`). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly failed: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  status(loader: Loader): 'idle' | Load['status'] {
    return loads.get(loader)?.status ?? 'idle';
  }

  /**
   * This element shows the part: loads it unless it is loaded or loading, and re-renders when
   * it settles. Resolves then (also after a failure, which the element shows).
   */
  want(loader: Loader): Promise<void> {
    const load = loads.get(loader) ?? start(loader);
    load.wanted = true;
    if (!this.watched.has(load)) {
      this.watched.add(load);
      void load.settled.then(() => {
        if (load.status === 'failed') this.failed(load.error);
        this.host.requestUpdate();
      });
    }
    return load.settled;
  }

  /** Starts loading a part this element may show soon (a tab under the pointer or focus). */
  preload(loader: Loader): void {
    if (!loads.has(loader)) start(loader);
  }

  /** "Try again" after a failure. */
  retry(loader: Loader): Promise<void> {
    if (loads.get(loader)?.status === 'failed') loads.delete(loader);
    this.host.requestUpdate();
    return this.want(loader);
  }
}

/**
 * The placeholder while a part loads: the outline of a two-field form at the fields' own sizes
 * (label and input, twice, then the button), so the panel that replaces it does not move the
 * page. It says `aria-busy` (so does a tab panel around it); the text is for screen readers.
 */
export function loadingPlaceholder(label: string): TemplateResult {
  const field = html`<span class="field"><span class="bone label"></span><span class="bone input"></span></span>`;
  return html`<div class="loading" part="loading" aria-busy="true">
    <span class="visually-hidden">${label}</span>${field}${field}<span class="bone input"></span>
  </div>`;
}

/** A part that could not be loaded: why, and "try again". */
export function loadFailed(message: string, retry: string, onRetry: () => void): TemplateResult {
  return html`<div class="load-failed" part="load-failed">
    <p class="form-error" part="form-error" role="alert">${message}</p>
    <button type="button" class="secondary" part="retry" @click=${onRetry}>${retry}</button>
  </div>`;
}
