import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, localText, type Authenticated, type QrCreated, type QrStatus } from '@cloud-login/core';
import { SignInResultEvent } from '../../shared/panel-events.ts';
import { CloudElement } from '../../base/cloud-element.ts';
import { CountdownController } from '../../controllers/countdown.ts';
import { CloudLoginSuccessEvent } from '../../shared/events.ts';
import { rememberSession } from '../../shared/session.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { qrPanelStyles } from './qr-panel.styles.ts';
import { addMessages } from '../../i18n/index.ts';
import { qrPanelMessages } from './messages.ts';
import { listenQrStatus } from './qr-stream.ts';

/** The panel's states; `render()` is a switch over `name`. */
export type QrPanelState =
  | { name: 'idle' }
  | { name: 'loading' }
  | { name: 'pending'; qr: QrCreated }
  | { name: 'scanned'; qr: QrCreated }
  | { name: 'confirmed'; qr: QrCreated }
  | { name: 'denied'; qr: QrCreated }
  | { name: 'expired'; qr?: QrCreated }
  | { name: 'failed'; message: string };

/** Schemes a QR payload may use as a link: the web, or the provider app's own scheme. */
const SAFE_LINK = /^(https?:|(?!javascript:|data:|vbscript:|file:|blob:)[a-z][a-z0-9+.-]*:)/i;
/** Never poll faster than this, whatever the server says (ms). */
const MIN_POLL_MS = 500;
/**
 * @summary App QR login (docs/flows.md#app-qr-login): the QR the server renders (an `<img>` of its SVG, never inline
 * server markup), a countdown to its expiry, and its states — pending → scanned ("confirm on
 * your phone") → confirmed (signed in) / denied / expired ("refresh"). Listens to the server's
 * status stream (`EventSource`) while it is shown, and polls at the server's `pollInterval`
 * until the stream's first event and whenever the stream fails (a proxy that buffers it, a
 * refusal); stops when it leaves the page, its tab is not the one shown, or the browser tab is
 * hidden.
 *
 * Inside `<cloud-login>` it is the `qr` method's panel, and `<cloud-login>` announces the
 * sign-in. Used on its own (inside a `<cloud-auth>`), it fires `cloud-login-success` itself.
 *
 * @fires {CloudLoginSuccessEvent} cloud-login-success - Used on its own: the phone confirmed; detail `{account, session}`.
 * @fires {CloudErrorEvent} cloud-error - Creating or polling the QR failed; detail `{code, message}`.
 *
 * @csspart base - The panel.
 * @csspart frame - The box around the QR image.
 * @csspart image - The QR `<img>`.
 * @csspart status - The state message (a polite live region).
 * @csspart countdown - "Expires in 87 s".
 * @csspart refresh - The refresh button (expired, denied, failed).
 * @csspart app-link - "Open the app on this device" (the QR's own link).
 * @csspart download - Where to get the provider's app (presets with `appDownloadUrl`, 002).
 *
 * @cssprop --cloud-qr-size - Width and height of the QR image (default 10rem).
 * @cssprop --cloud-border-color - The frame's border.
 * @cssprop --cloud-success - The "scanned" message.
 * @cssprop --cloud-error - The "denied" message.
 */

export class CloudQrPanel extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, qrPanelStyles];

  static {
    addMessages(qrPanelMessages);
  }

  /** Whether the panel is the one shown; `<cloud-login>` clears it for a tab in the background. */
  @property({ type: Boolean }) active = true;

  /** The current state (read-only for sites; for tests and debugging). */
  @state() state: QrPanelState = { name: 'idle' };

  private readonly countdown = new CountdownController(this);
  /** When the current QR expires, by this browser's clock (ms). */
  private deadline = 0;
  private timer?: ReturnType<typeof setTimeout>;
  /** Bumped at every new QR: answers for an older one are dropped. */
  private generation = 0;
  private polling = false;
  /** Closes the status stream, while one is open. */
  private closeStream?: () => void;
  /** The stream has spoken: it carries the states, the poll waits. */
  private streaming = false;
  /** The generation of the poll on its way, if any; a second one must not race it for the session. */
  private pollInFlight?: number;
  /** The stream said confirmed while a poll was out: claim as soon as it is back. */
  private claimNext = false;

  private readonly onVisibility = () => this.resume();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    // Back on the page (moved in the DOM, or a tab panel shown again): carry on where it was.
    if (this.hasUpdated) this.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopPolling();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const s = this.state;
    // The countdown reached zero: the QR is dead, whatever the last poll said.
    if ((s.name === 'pending' || s.name === 'scanned') && this.deadline && Date.now() >= this.deadline) {
      this.state = { name: 'expired', qr: s.qr };
      this.stopPolling();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('active') || !this.hasStarted) this.resume();
  }

  private hasStarted = false;

  /** Whether the QR is on screen for someone to scan: connected, its tab shown, the page visible. */
  private get live(): boolean {
    return this.isConnected && this.active && document.visibilityState !== 'hidden';
  }

  /** Starts, or restarts polling, when the panel is (again) live. */
  private resume(): void {
    if (!this.live) {
      this.stopPolling();
      return;
    }
    const s = this.state;
    if (s.name === 'idle') {
      this.hasStarted = true;
      void this.refresh();
    } else if ((s.name === 'pending' || s.name === 'scanned') && !this.polling) {
      this.countdown.start(Math.max(0, (this.deadline - Date.now()) / 1000));
      this.polling = true;
      this.listen(this.generation, s.qr);
      void this.poll(this.generation);
    }
  }

  private stopPolling(): void {
    this.polling = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.stopStream();
  }

  private stopStream(): void {
    this.claimNext = false;
    this.closeStream?.();
    this.closeStream = undefined;
    this.streaming = false;
  }

  /** Opens the status stream beside the poll; the poll steps back once the stream speaks. */
  private listen(generation: number, qr: QrCreated): void {
    this.stopStream();
    const url = this.requireClient().qrEventsUrl(qr.id, qr.secret);
    if (!url) return;
    this.closeStream = listenQrStatus(
      url,
      (status) => this.streamed(generation, status),
      () => {
        if (generation !== this.generation || !this.polling) return;
        this.closeStream = undefined;
        this.streaming = false;
        // Back to the poll at once: the stream may have been the only thing listening.
        this.schedule(generation, 0);
      },
    );
  }

  private streamed(generation: number, status: QrStatus): void {
    const s = this.state;
    if (generation !== this.generation || !this.polling || (s.name !== 'pending' && s.name !== 'scanned'))
      return;
    if (!this.streaming) {
      this.streaming = true;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
    }
    switch (status) {
      case 'pending':
      case 'scanned':
        if (status !== s.name) this.state = { name: status, qr: s.qr };
        break;
      case 'denied':
      case 'expired':
        this.finish({ name: status, qr: s.qr });
        break;
      case 'confirmed':
        // The stream cannot set the session cookie: one poll claims the session.
        this.stopStream();
        if (this.pollInFlight === generation) this.claimNext = true;
        else void this.poll(generation);
        break;
    }
  }

  /** Asks the server for a new QR (first show, "refresh", "try again"). */
  async refresh(): Promise<void> {
    this.stopPolling();
    const generation = ++this.generation;
    const hadFocus = this.matches(':focus-within');
    this.state = { name: 'loading' };
    try {
      const qr = await this.requireClient().createQr();
      if (generation !== this.generation) return;
      // The countdown runs on this browser's clock from the preset's lifetime, not from the
      // server's `expiresAt`: the two clocks may disagree. The server stays the judge (polls).
      this.deadline = Date.now() + this.preset.qrTtl * 1000;
      this.countdown.start(this.preset.qrTtl);
      this.state = { name: 'pending', qr };
      if (this.live) {
        this.polling = true;
        this.listen(generation, qr);
        this.schedule(generation, qr.pollInterval);
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.state = { name: 'failed', message: this.reportError(error).text };
    }
    if (hadFocus) {
      await this.updateComplete;
      // Keep the keyboard user in the panel: on the button that can help, else on the message.
      (
        this.renderRoot.querySelector<HTMLElement>('[part~=refresh]') ??
        this.renderRoot.querySelector<HTMLElement>('[part~=status]')
      )?.focus();
    }
  }

  private schedule(generation: number, seconds: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(generation), Math.max(MIN_POLL_MS, seconds * 1000));
  }

  private async poll(generation: number): Promise<void> {
    this.timer = undefined;
    const s = this.state;
    if (
      generation !== this.generation ||
      !this.polling ||
      this.streaming ||
      (s.name !== 'pending' && s.name !== 'scanned')
    )
      return;
    const { qr } = s;
    let next = qr.pollInterval;
    this.pollInFlight = generation;
    try {
      const answer = await this.requireClient()
        .pollQr(qr.id, qr.secret)
        .finally(() => {
          if (this.pollInFlight === generation) this.pollInFlight = undefined;
        });
      if (generation !== this.generation || !this.polling) return;
      // The stream spoke while this poll was out: it has the newer word.
      if (this.streaming && answer.status !== 'confirmed') return;
      switch (answer.status) {
        case 'pending':
        case 'scanned':
          if (answer.status !== this.state.name) this.state = { name: answer.status, qr };
          break;
        case 'denied':
          this.finish({ name: 'denied', qr });
          return;
        case 'expired':
          this.finish({ name: 'expired', qr });
          return;
        case 'confirmed':
          if (answer.account && answer.session) {
            this.finish({ name: 'confirmed', qr });
            this.signedIn({ status: 'authenticated', account: answer.account, session: answer.session });
          } else {
            // Confirmed, but the session went to another poll of the same secret: nothing to sign in with.
            this.finish({ name: 'expired', qr });
          }
          return;
      }
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'qr_expired')) {
        // The server forgot the QR (restart, another store): as good as expired.
        this.finish({ name: 'expired', qr });
        return;
      }
      // A blip of the network or a limit: keep polling, a little slower, without alarming anyone.
      next = error instanceof ApiError && error.retryAfter ? error.retryAfter : qr.pollInterval * 2;
    }
    if (this.claimNext) {
      this.claimNext = false;
      next = 0;
    }
    if (this.polling && !this.streaming && generation === this.generation) this.schedule(generation, next);
  }

  private finish(state: Extract<QrPanelState, { name: 'confirmed' | 'denied' | 'expired' }>): void {
    this.stopPolling();
    this.countdown.stop();
    this.deadline = 0;
    this.state = state;
  }

  private signedIn(result: Authenticated): void {
    const event = new SignInResultEvent(result);
    this.dispatchEvent(event);
    // Not taken over by a `<cloud-login>`: this panel is the sign-in, so it says so itself.
    if (!event.defaultPrevented) {
      if (this.client) rememberSession(this.client.baseUrl, result.session.token);
      this.dispatchEvent(new CloudLoginSuccessEvent({ account: result.account, session: result.session }));
    }
  }

  private message(): string {
    switch (this.state.name) {
      case 'idle':
      case 'loading':
        return this.t('qrPanel.loading');
      case 'pending':
        return this.t('qr.pending');
      case 'scanned':
        return this.t('qr.scanned');
      case 'confirmed':
        return this.t('qr.confirmed');
      case 'denied':
        return this.t('qr.denied');
      case 'expired':
        return this.t('qr.expired');
      case 'failed':
        return '';
    }
  }

  override render() {
    const s = this.state;
    const qr = 'qr' in s ? s.qr : undefined;
    const stale = s.name === 'expired' || s.name === 'denied';
    const retry = stale || s.name === 'failed';
    // Until the code arrives, the panel is laid out as it will be then (texts kept but hidden), so
    // nothing under it moves when it comes; "loading" shows inside the frame meanwhile.
    const waiting = s.name === 'idle' || s.name === 'loading';
    const appName = localText(this.preset.name, this.activeLocale);
    const download = this.preset.appDownloadUrl;
    const link =
      qr && (s.name === 'pending' || s.name === 'scanned') && SAFE_LINK.test(qr.payload)
        ? qr.payload
        : undefined;
    return html`
      <div class="base" part="base" aria-busy=${s.name === 'loading' ? 'true' : 'false'}>
        <div class="frame ${stale || s.name === 'scanned' ? 'dim' : ''}" part="frame">
          ${
            qr && this.client
              ? html`<img
                part="image"
                src=${this.client.url(qr.image)}
                alt=${this.t('qrPanel.alt', { app: appName })}
                width="160"
                height="160"
                draggable="false"
              />`
              : html`<div class="placeholder" aria-hidden="true"></div>`
          }
          ${waiting ? html`<span class="overlay note">${this.message()}</span>` : nothing}
          ${
            retry
              ? html`<button type="button" class="primary overlay" part="refresh" @click=${() => void this.refresh()}>
                ${this.t('action.refreshQr')}
              </button>`
              : nothing
          }
        </div>
        ${waiting ? html`<p class="status reserve" aria-hidden="true">${this.t('qr.pending')}</p>` : nothing}
        <p class="status ${s.name}" part="status" role="status" tabindex="-1">${
          waiting || s.name === 'failed' ? '' : this.message()
        }</p>
        <p class="form-error" part="form-error" role="alert">${s.name === 'failed' ? s.message : ''}</p>
        ${
          s.name === 'pending' || s.name === 'scanned' || waiting
            ? html`<p class="countdown ${waiting ? 'reserve' : ''}" part="countdown">
                ${this.t('qr.expiresIn', { seconds: this.countdown.remaining })}
              </p>`
            : nothing
        }
        ${waiting ? html`<span class="app-link reserve" aria-hidden="true">${this.t('qrPanel.openApp')}</span>` : nothing}
        ${
          link
            ? html`<a class="app-link" part="app-link" href=${link} target="_blank" rel="noopener noreferrer">
              ${this.t('qrPanel.openApp')}<span class="visually-hidden"> ${this.t('qrPanel.newTab')}</span>
            </a>`
            : nothing
        }
        ${
          download
            ? html`<p class="hint" part="download">
              ${this.t('qrPanel.noApp', { app: appName })}
              <a href=${download} target="_blank" rel="noopener noreferrer"
                >${this.t('qrPanel.download')}<span class="visually-hidden"> ${this.t('qrPanel.newTab')}</span></a
              >
            </p>`
            : nothing
        }
      </div>
    `;
  }
}
