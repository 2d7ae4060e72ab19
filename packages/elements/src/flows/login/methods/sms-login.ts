import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { state } from 'lit/decorators.js';
import type { SignInResult } from '@cloud-login/core';
import type { CloudCodeInput } from '../../../blocks/code-input/code-input.ts';
import '../../../blocks/code-input/cloud-code-input.ts';
import type { CloudPhoneInput } from '../../../blocks/phone-input/phone-input.ts';
import '../../../blocks/phone-input/cloud-phone-input.ts';
import { FormPanel } from '../../../base/form-panel.ts';
/**
 * @summary SMS code login (docs/flows.md#sms-login-and-account-chooser): phone and code. When the phone belongs to several accounts the
 * answer is "choose an account", which `<cloud-login>` shows with `<cloud-account-chooser>`.
 *
 * @csspart form - The `<form>`.
 * @csspart submit - The submit button.
 * @csspart form-error - The form-level error.
 */

export class CloudSmsLogin extends FormPanel {
  @state() private phone = '';
  @state() private code = '';

  private get phoneInput() {
    return this.renderRoot.querySelector<CloudPhoneInput>('cloud-phone-input');
  }

  private get codeInput() {
    return this.renderRoot.querySelector<CloudCodeInput>('cloud-code-input');
  }

  /** For the code input: the phone, or null after the phone field showed why not. */
  private readonly requestPhone = async (): Promise<string | null> => {
    const input = this.phoneInput;
    if (!input || !(await input.validate())) {
      input?.focus();
      return null;
    }
    return input.value;
  };

  protected async check(): Promise<boolean> {
    const phoneOk = (await this.phoneInput?.validate()) ?? false;
    const codeOk = this.codeInput?.validate() ?? false;
    return phoneOk && codeOk;
  }

  protected send(): Promise<SignInResult> {
    return this.requireClient().loginSms({ phone: this.phone, code: this.code });
  }

  protected override showServerError(error: unknown): void {
    super.showServerError(error);
    // Code problems belong under the code field, though the server may name no field.
    const code = (error as { code?: string }).code;
    if (code === 'invalid_code' || code === 'code_expired' || code === 'too_many_attempts') {
      this.errors = { code: this.formError || this.messageFor(code) };
      this.formError = '';
    }
  }

  override render() {
    const busy = this.submitting.pending;
    return this.renderForm(html`
      <cloud-phone-input
        required
        .value=${this.phone}
        .error=${this.errors.phone ?? ''}
        ?disabled=${busy}
        theme=${ifDefined(this.theme)}
        @input=${(e: Event) => {
          this.phone = (e.currentTarget as CloudPhoneInput).value;
          this.clear('phone');
        }}
        @change=${(e: Event) => (this.phone = (e.currentTarget as CloudPhoneInput).value)}
      ></cloud-phone-input>
      <cloud-code-input
        required
        purpose="login"
        .requestPhone=${this.requestPhone}
        .value=${this.code}
        .error=${this.errors.code ?? ''}
        ?disabled=${busy}
        theme=${ifDefined(this.theme)}
        @input=${(e: Event) => {
          this.code = (e.currentTarget as CloudCodeInput).value;
          this.clear('code');
        }}
      ></cloud-code-input>
    `);
  }
}
