/**
 * The inline proof `<cloud-account-security>` asks for when the server answers `403
 * reauth_required` to a change (password, security email, unbinding): the current password, or
 * for an account without one a code sent to its own phone (`POST /codes` purpose `reauth`). The
 * prompt is shown inside the form that was refused; the form's next submit carries the proof.
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { CloudClient, ReauthProof } from '@cloud-login/core';
import '../../blocks/password-field/cloud-password-field.ts';
import type { CloudPasswordField } from '../../blocks/password-field/password-field.ts';
import { textField } from '../../form/text-field.ts';

type Translate = (
  key: 'flow.reauthPassword' | 'flow.reauthCode' | 'label.currentPassword' | 'label.code' | 'action.getCode',
) => string;

export class ReauthPrompt implements ReactiveController {
  /** Which proof the server asked for; `null` while none was asked. */
  need: 'currentPassword' | 'code' | null = null;
  value = '';
  error = '';
  sending = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  reset(): void {
    this.need = null;
    this.value = '';
    this.error = '';
    this.host.requestUpdate();
  }

  /**
   * Takes a refusal: `true` when it asked for a proof this prompt can collect (then shown). An
   * account with neither a password nor a phone (`field: "session"`) signs in again instead.
   */
  take(code: string | undefined, field: string | undefined): boolean {
    if (code !== 'reauth_required' || (field !== 'currentPassword' && field !== 'code')) return false;
    this.error = '';
    this.need = field;
    this.value = '';
    this.host.requestUpdate();
    return true;
  }

  /** A wrong proof (`invalid_credentials`, `invalid_code`, …): the field shows `text`. */
  refuse(text: string): void {
    this.error = text;
    this.value = '';
    this.host.requestUpdate();
  }

  /**
   * A refusal about the proof: `reauth_required` shows the prompt in the form, a wrong password
   * (`wrongPassword`: its message) or code shows at the prompt's field. `true` when handled.
   */
  refused(
    reported: { code: string; field?: string | undefined; text: string },
    wrongPassword: string,
  ): boolean {
    if (this.take(reported.code, reported.field)) return true;
    if (!this.need) return false;
    if (reported.code === 'invalid_credentials') this.refuse(wrongPassword);
    else if (reported.field === 'code') this.refuse(reported.text);
    else return false;
    return true;
  }

  /** The proof to send with the retry (empty while none was asked). */
  proof(): ReauthProof {
    if (!this.need || !this.value) return {};
    return this.need === 'code' ? { code: this.value.trim() } : { currentPassword: this.value };
  }

  private async send(
    client: CloudClient,
    onError: (error: unknown) => void,
    locale: string | undefined,
  ): Promise<void> {
    this.sending = true;
    this.host.requestUpdate();
    try {
      // No phone: the server sends to the signed-in account's own phone.
      await client.sendCode({ channel: 'sms', purpose: 'reauth', ...(locale && { locale }) });
    } catch (error) {
      onError(error);
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  render(
    t: Translate,
    options: {
      busy: boolean;
      client: () => CloudClient;
      onError: (error: unknown) => void;
      theme?: string | undefined;
      /** The language of the code's SMS. */
      locale?: string | undefined;
    },
  ): TemplateResult | typeof nothing {
    if (!this.need) return nothing;
    const error = this.error;
    if (this.need === 'currentPassword') {
      return html`<div class="reauth" part="reauth">
        <p class="intro">${t('flow.reauthPassword')}</p>
        <cloud-password-field
          mode="current"
          required
          data-field="reauth"
          label=${t('label.currentPassword')}
          .value=${this.value}
          .error=${error}
          ?disabled=${options.busy}
          theme=${options.theme ?? nothing}
          @input=${(e: Event) => {
            this.value = (e.currentTarget as CloudPasswordField).value;
            this.error = '';
            this.host.requestUpdate();
          }}
        ></cloud-password-field>
      </div>`;
    }
    return html`<div class="reauth" part="reauth">
      <p class="intro">${t('flow.reauthCode')}</p>
      ${textField({
        id: 'reauth-code',
        label: t('label.code'),
        value: this.value,
        error,
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        maxlength: 8,
        required: true,
        disabled: options.busy,
        onInput: (v) => {
          this.value = v;
          this.error = '';
          this.host.requestUpdate();
        },
      })}
      <button
        type="button"
        class="secondary"
        part="action"
        ?disabled=${options.busy || this.sending}
        @click=${() => void this.send(options.client(), options.onError, options.locale)}
      >
        ${t('action.getCode')}
      </button>
    </div>`;
  }
}
