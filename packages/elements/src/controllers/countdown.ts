/**
 * A resend countdown: seconds left, recomputed from a deadline (a throttled background tab
 * stays correct), stopped when the host disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CountdownController implements ReactiveController {
  remaining = 0;
  private deadline = 0;
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  start(seconds: number): void {
    this.stop();
    this.deadline = Date.now() + seconds * 1000;
    this.remaining = Math.max(0, Math.ceil(seconds));
    this.host.requestUpdate();
    this.timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
      if (left !== this.remaining) {
        this.remaining = left;
        this.host.requestUpdate();
      }
      if (left === 0) this.stop();
    }, 250);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
