/**
 * A small controller for one async action at a time (a submit, a send): tracks `pending` for
 * the template (disabled buttons, aria-busy) and ignores a second start while one runs, so a
 * double click never sends twice.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ActionController implements ReactiveController {
  pending = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.pending) return undefined;
    this.pending = true;
    this.host.requestUpdate();
    try {
      return await work();
    } finally {
      this.pending = false;
      this.host.requestUpdate();
    }
  }
}
