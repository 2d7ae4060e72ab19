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

  private running?: Promise<unknown>;

  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.pending) return undefined;
    this.pending = true;
    this.host.requestUpdate();
    const running = work();
    this.running = running;
    try {
      return await running;
    } finally {
      this.pending = false;
      this.running = undefined;
      this.host.requestUpdate();
    }
  }

  /**
   * Resolves once no action runs and the host has re-rendered: fields are enabled again then,
   * so focus can move into them (a disabled field refuses focus).
   */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    await (this.host as ReactiveControllerHost).updateComplete;
  }
}
