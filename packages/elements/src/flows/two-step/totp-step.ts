import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SignInResult } from '@cloud-login/core';
import { FormPanel } from '../../base/form-panel.ts';
import { textField } from '../../form/text-field.ts';
import { addMessages } from '../../i18n/index.ts';
import { twoStepMessages } from './messages.ts';

/**
 * @summary The second step of a sign-in to an account with two-step verification on
 * (docs/flows.md#two-step-verification): the 6-digit code of the authenticator app, or one of
 * the account's recovery codes, answered with `POST /continue {ticket, totp | recoveryCode}`.
 * `<cloud-login>` renders it (a chunk of its own) and takes its answer.
 *
 * The server's answer goes to `<cloud-login>` as an internal `cloud-signin-result` event, as the QR
 * panel's does.
 *
 * @csspart form - The `<form>`.
 * @csspart step-title - The step's title.
 * @csspart field - The code field's wrapper (also `field-totp`, `field-recoveryCode`).
 * @csspart input - The code input.
 * @csspart switch - "Use a recovery code" / "Use your authenticator app".
 * @csspart submit - The submit button.
 * @csspart form-error - The form-level error.
 */
export class CloudTotpStep extends FormPanel {
  static override styles = [
    ...FormPanel.styles,
    css`
      .switch {
        justify-self: start;
      }
      #totp {
        letter-spacing: 0.2em;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  static {
    addMessages(twoStepMessages);
  }

  /** The ticket of the `needs_profile` answer asking for `totp`. */
  @property() ticket = '';

  /** Whether a recovery code is typed instead of the app's code. */
  @property({ type: Boolean, attribute: 'recovery' }) recovery = false;

  @state() private code = '';
  @state() private recoveryCode = '';

  protected check(): boolean {
    if (this.recovery) {
      if (this.recoveryCode.trim() === '') this.setError('recoveryCode', this.messageFor('field_required'));
    } else if (!/^\d{6}$/.test(this.code)) {
      this.setError(
        'totp',
        this.code === '' ? this.messageFor('field_required') : this.t('twoStep.codeInvalid'),
      );
    }
    return Object.keys(this.errors).length === 0;
  }

  protected send(): Promise<SignInResult> {
    return this.requireClient().continue(
      this.recovery
        ? { ticket: this.ticket, recoveryCode: this.recoveryCode.trim() }
        : { ticket: this.ticket, totp: this.code },
    );
  }

  protected override showServerError(error: unknown): void {
    super.showServerError(error);
    // A code the server refused is spent for this try: the next one is typed afresh.
    if (this.errors.totp) this.code = '';
    if (this.errors.recoveryCode) this.recoveryCode = '';
  }

  private async toggle(): Promise<void> {
    this.recovery = !this.recovery;
    this.clearForm();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  override render() {
    const t = this.t;
    const busy = this.submitting.pending;
    const field = this.recovery
      ? textField({
          id: 'recoveryCode',
          label: t('twoStep.recoveryLabel'),
          value: this.recoveryCode,
          error: this.errors.recoveryCode,
          autocomplete: 'off',
          maxlength: 32,
          required: true,
          disabled: busy,
          onInput: (value) => {
            this.recoveryCode = value;
            this.clear('recoveryCode');
          },
        })
      : textField({
          id: 'totp',
          label: t('twoStep.codeLabel'),
          value: this.code,
          error: this.errors.totp,
          inputmode: 'numeric',
          autocomplete: 'one-time-code',
          maxlength: 6,
          required: true,
          disabled: busy,
          onInput: (value) => {
            // Digits only: a paste may bring spaces or "Code: ".
            this.code = value.replace(/\D/g, '').slice(0, 6);
            this.clear('totp');
          },
        });
    return html`
      <div class="step">
        <h3 id="step-title" part="step-title" tabindex="-1">${t('twoStep.title')}</h3>
        <p class="intro">${t(this.recovery ? 'twoStep.recoveryIntro' : 'twoStep.intro')}</p>
        ${this.renderForm(html`${field}`)}
        <button type="button" class="link switch" part="switch" ?disabled=${busy} @click=${this.toggle}>
          ${t(this.recovery ? 'twoStep.useApp' : 'twoStep.useRecovery')}
        </button>
      </div>
    `;
  }
}
