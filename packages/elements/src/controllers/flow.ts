/**
 * The step bookkeeping every flow element shares. A flow keeps its current step as a union type
 * (`{ name: 'form'; … } | { name: 'done'; … }`, its `step` state); after each update this
 * controller sees whether the step changed, announces it as `cloud-step-change`, and moves focus
 * to what the new step shows. The first step is announced but not focused: the page decides where
 * focus starts. Nor does a later step take focus from the page: only when focus is already inside
 * the element, or nowhere while the element is on screen (a QR login confirmed on the phone), so a
 * step that changes on its own never pulls focus from another control or scrolls the page to us.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CloudStepChangeEvent, type Flow } from '../shared/events.ts';

export interface FlowOptions<S extends { name: string }> {
  /** The flow named in `cloud-step-change`. */
  flow: Flow;
  /** The host's current step. */
  step: () => S;
  /**
   * Identifies a step for "did it change?"; `''` for a state that is not a step yet (loading):
   * it is neither announced nor remembered.
   */
  key: (step: S) => string;
  /** The step name `cloud-step-change` carries; `''` announces nothing. By default, `key`. */
  announce?: (step: S) => string;
  /** Moves focus into the new step (after a change, never for the first step). */
  focus: (step: S) => void | Promise<void>;
  /** Whether this change should move focus (a tab switch keeps it on the tab). By default, yes. */
  shouldFocus?: (step: S) => boolean;
}

export class FlowController<S extends { name: string }> implements ReactiveController {
  private lastKey = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FlowOptions<S>,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const { key, announce = key, focus, shouldFocus } = this.options;
    const step = this.options.step();
    const current = key(step);
    if (!current || current === this.lastKey) return;
    const first = this.lastKey === '';
    this.lastKey = current;
    const name = announce(step);
    if (name) this.host.dispatchEvent(new CloudStepChangeEvent({ flow: this.options.flow, step: name }));
    if (!first && (shouldFocus?.(step) ?? true) && mayTakeFocus(this.host)) void focus(step);
  }
}

function mayTakeFocus(host: HTMLElement): boolean {
  if (host.matches(':focus-within')) return true;
  const { top, bottom } = host.getBoundingClientRect();
  return document.activeElement === document.body && bottom > 0 && top < innerHeight;
}
