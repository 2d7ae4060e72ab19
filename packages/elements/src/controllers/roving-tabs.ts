/**
 * Keyboard handling of a tab list (the WAI-ARIA tabs pattern, automatic activation): the arrow
 * keys select the next or previous tab, wrapping around, Home and End the first and last, and
 * focus follows the selection. In a right-to-left page ArrowLeft means "next", as the tabs run
 * from right to left there. The flow renders the `role="tablist"` itself and passes `onKeyDown`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingTabsOptions {
  /** The tabs' ids, in order. */
  ids: () => readonly string[];
  /** The selected tab's id. */
  selected: () => string;
  /** Selects a tab (the host re-renders; focus then moves to its element, `#tab-<id>`). */
  select: (id: string) => void;
}

export class RovingTabsController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode },
    private readonly options: RovingTabsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The tab list's `@keydown` handler. */
  readonly onKeyDown = (event: KeyboardEvent): void => {
    const ids = this.options.ids();
    const current = ids.indexOf(this.options.selected());
    if (current < 0) return;
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    const moves: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: current + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: current - 1,
      Home: 0,
      End: ids.length - 1,
    };
    const index = moves[event.key];
    if (index === undefined) return;
    event.preventDefault();
    this.selectAndFocus(ids[(index + ids.length) % ids.length]!);
  };

  /** Selects `id` and, once rendered, focuses its tab. */
  selectAndFocus(id: string): void {
    this.options.select(id);
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(`#tab-${id}`)?.focus(),
    );
  }
}
