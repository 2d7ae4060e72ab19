import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiError } from '@cloud-login/core';
import { checkCode } from '@cloud-login/core/rules';
import { ActionController } from '../../controllers/action.ts';
import { CountdownController } from '../../controllers/countdown.ts';
import { CloudField } from '../../base/cloud-field.ts';
import { CloudCodeSentEvent } from '../../shared/events.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { loadPhone, regionList } from '../phone-input/metadata.ts';
import { codeInputStyles } from './code-input.styles.ts';

type Channel = 'sms' | 'voice';
/**
 * @summary A verification code field with "get code", a countdown from the server's
 * `resendAfter`, "resend", and "get a voice call instead" once the countdown is over.
 *
 * @fires {InputEvent} input - When the code changes (native).
 * @fires {Event} change - When the code is committed.
 * @fires {CloudCodeSentEvent} cloud-code-sent - After the server accepted to send a code; detail `{channel, expiresIn, resendAfter}`.
 * @fires {CloudErrorEvent} cloud-error - When sending failed; detail `{code, message}`.
 * @fires {CloudChallengeEvent} cloud-challenge - The server asks for a challenge this element cannot show itself (any `kind` but dev mode's `slider`): render it, call `preventDefault()` and `detail.respond(token)` (or `respond(null)`).
 *
 * @csspart base - The wrapper.
 * @csspart label - The visible label.
 * @csspart input - The code `<input>`.
 * @csspart send - The "get code" / "resend" button.
 * @csspart voice - The "get a voice call instead" button.
 * @csspart status - The "code sent to …" message (a polite live region).
 * @csspart hint - The hint under the field.
 * @csspart error - The error message.
 * @csspart challenge - Dev mode's simulated slider challenge (a modal dialog).
 *
 * @cssprop --cloud-brand - Brand colour.
 * @cssprop --cloud-success - The "code sent" text colour.
 * @cssprop --cloud-error - Error text and invalid borders.
 */

export class CloudCodeInput extends CloudField {
  static override styles = [tokens, fieldStyles, buttonStyles, codeInputStyles];

  /** The code as typed (digits). */
  @property() value = '';

  /** The phone the code goes to, in E.164. Ignored when `requestPhone` is set. */
  @property() phone = '';

  /** What the code is for: `register`, `login` or `bind`. */
  @property() purpose: 'register' | 'login' | 'bind' = 'login';

  /**
   * Called before sending: returns the E.164 phone, or `null` after showing why there is none
   * (flows pass their phone field's validation here).
   */
  @property({ attribute: false }) requestPhone?: () => string | null | Promise<string | null>;

  /**
   * Sends the code another way than `POST /codes` (a password reset): resolves with the server's
   * answer and the "sent" text to announce; throws the server's refusal.
   */
  /** No "get a voice call instead" (a code sent by email). */
  @property({ type: Boolean, attribute: 'no-voice' }) noVoice = false;

  /** No "get code" button: the server sent the code already (a sign-in's code step). */
  @property({ type: Boolean, attribute: 'no-send' }) noSend = false;

  @property({ attribute: false }) sender?: (
    channel: Channel,
  ) => Promise<{ resendAfter: number; expiresIn: number; status: string }>;

  @state() private sentChannel?: Channel;
  /**
   * A send refused as too early: the error counts down with the button instead of a frozen
   * number. The wait it started with is what a screen reader hears, once (`renderError`).
   */
  @state() private coolingDown = false;
  private cooldownFrom = 0;
  @state() private status = '';

  @query('input') private input!: HTMLInputElement | null;

  private readonly sending = new ActionController(this);
  private readonly countdown = new CountdownController(this);

  protected get control() {
    return this.input;
  }

  override get validationMessage(): string {
    if (this.coolingDown && !this.error && this.remaining > 0)
      return this.t('code_cooldown', { seconds: this.remaining });
    return super.validationMessage;
  }

  /** The live count is for the eye: an alert whose text changed every second would be read every second. */
  protected override renderError(id = 'error') {
    const message = this.validationMessage;
    if (!this.coolingDown || this.error || this.remaining <= 0) return super.renderError(id);
    return html`<p id=${id} class="error" part="error" role="alert">
      <span class="visually-hidden">${this.t('code_cooldown', { seconds: this.cooldownFrom })}</span
      ><span aria-hidden="true">${message}</span>
    </p>`;
  }

  protected override clearErrors(): void {
    super.clearErrors();
    this.coolingDown = false;
  }

  /** Seconds left before another code may be sent. */
  get remaining(): number {
    return this.countdown.remaining;
  }

  /** Starts (or restarts) the resend countdown, e.g. from a 429's `retryAfter`. */
  startCountdown(seconds: number): void {
    this.countdown.start(seconds);
  }

  /** A code was sent before this field showed (a reset's first step): "resend" counts down. */
  markSent(channel: Channel, resendAfter: number, status: string): void {
    this.sentChannel = channel;
    this.startCountdown(resendAfter);
    this.status = status;
  }

  /** Asks the server to send a code over `channel`. */
  async send(channel: Channel = 'sms'): Promise<boolean> {
    const result = await this.sending.run(async () => {
      this.clearErrors();
      this.status = '';
      const phone = (this.sender ? '' : this.requestPhone ? await this.requestPhone() : this.phone) ?? '';
      if (!this.sender && !phone) {
        if (!this.requestPhone) this.localError = this.messageFor('phone_invalid');
        return false;
      }
      try {
        if (this.sender) {
          const sent = await this.sender(channel);
          this.markSent(channel, sent.resendAfter, sent.status);
          this.dispatchEvent(
            new CloudCodeSentEvent({ channel, expiresIn: sent.expiresIn, resendAfter: sent.resendAfter }),
          );
          return true;
        }
        const client = this.requireClient();
        const request = { phone, channel, purpose: this.purpose, locale: this.activeLocale };
        let sent;
        try {
          sent = await client.sendCode(request);
        } catch (error) {
          // Past the server's thresholds: solve its challenge, then ask again with the token.
          if (!(error instanceof ApiError && error.challenge)) throw error;
          const { solveChallenge } = await import('./challenge.ts');
          const challengeToken = await solveChallenge(this, error.challenge, client);
          if (!challengeToken) throw error;
          sent = await client.sendCode({ ...request, challengeToken });
        }
        this.sentChannel = channel;
        this.startCountdown(sent.resendAfter);
        const runtime = await loadPhone(regionList(this.preset.phone)).catch(() => undefined);
        // Announce the number masked, as the server shows it: the page may be shared or read out.
        const masked = runtime ? runtime.lib.maskPhone(phone, runtime.metadata) : phone;
        this.status = this.t(channel === 'voice' ? 'code.callingTo' : 'code.sentTo', { phone: masked });
        this.dispatchEvent(
          new CloudCodeSentEvent({ channel, expiresIn: sent.expiresIn, resendAfter: sent.resendAfter }),
        );
        return true;
      } catch (error) {
        const reported = this.reportError(error);
        if (error instanceof ApiError && error.code === 'code_cooldown' && error.retryAfter) {
          this.sentChannel ??= channel;
          this.startCountdown(error.retryAfter);
          this.coolingDown = true;
          this.cooldownFrom = error.retryAfter;
          this.localError = '';
          return false;
        }
        const fields = this.fieldErrors(reported);
        this.localError = fields.phone ?? reported.text;
        return false;
      }
    });
    // The button that was pressed was disabled meanwhile, which drops focus: after a send the
    // code field is where the user goes next; after a failure, back to the button.
    if (result !== undefined) {
      await this.updateComplete;
      const button = this.renderRoot.querySelector<HTMLButtonElement>('[part~=send]');
      if (result) this.input?.focus();
      else if (focusLost() && !button?.disabled) button?.focus();
    }
    return result ?? false;
  }

  override validate(): boolean {
    const value = this.value.trim();
    if (value === '') {
      this.localError = this.required ? this.messageFor('field_required') : '';
      return !this.required;
    }
    const check = checkCode(value, this.preset.code.length);
    this.localError = check.ok ? '' : this.messageFor(check.code);
    return check.ok;
  }

  /** Forgets the sent state and the typed code (not the countdown: the server keeps it too). */
  reset(): void {
    this.value = '';
    this.status = '';
    this.clearErrors();
    this.internals.setFormValue(null);
  }

  formResetCallback(): void {
    this.reset();
  }

  private onInput(event: Event): void {
    // Codes are digits; drop anything else a paste brings (spaces, "Code: ").
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, this.preset.code.length);
    if (digits !== input.value) input.value = digits;
    this.value = digits;
    this.clearErrors();
    this.internals.setFormValue(digits);
  }

  override render() {
    const label = this.label ?? this.t('label.code');
    const error = this.validationMessage;
    const busy = this.sending.pending;
    const counting = this.remaining > 0;
    const canVoice = !this.noVoice && this.preset.code.channels.includes('voice');
    const sendLabel = counting
      ? this.t('action.resendIn', { seconds: this.remaining })
      : this.sentChannel
        ? this.t('action.resend')
        : this.t('action.getCode');
    const describedBy = [this.hint ? 'hint' : '', 'status', 'error'].filter(Boolean).join(' ');
    return html`
      <div class="field" part="base">
        <label for="code" part="label">${label}</label>
        <div class="control">
          <input
            id="code"
            class="code"
            part="input"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength=${this.preset.code.length}
            .value=${this.value}
            ?disabled=${this.disabled}
            ?required=${this.required}
            aria-required=${this.required ? 'true' : nothing}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${this.onInput}
            @keydown=${this.submitOnEnter}
            @change=${this.redispatch}
          />
          ${
            this.noSend
              ? nothing
              : html`<button
                type="button"
                class="send secondary"
                part="send"
                ?disabled=${this.disabled || busy || counting}
                aria-busy=${busy ? 'true' : 'false'}
                @click=${() => this.send('sms')}
              >
                ${sendLabel}
              </button>`
          }
        </div>
        ${
          this.sentChannel && !counting && canVoice
            ? html`<button
              type="button"
              class="voice link"
              part="voice"
              ?disabled=${this.disabled || busy}
              @click=${() => this.send('voice')}
            >
              ${this.t('action.voiceCode')}
            </button>`
            : nothing
        }
        <p id="status" class="status" part="status" role="status">${this.status}</p>
        ${this.renderHint()} ${this.renderError()}
      </div>
    `;
  }
}

/** Whether focus fell back to the page (as it does when the focused button gets disabled). */
function focusLost(): boolean {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return !active || active === document.body;
}
