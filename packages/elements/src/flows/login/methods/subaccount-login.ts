import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { state } from 'lit/decorators.js';
import type { SignInResult } from '@cloud-login/core';
import { checkEmail } from '@cloud-login/core/rules';
import type { CloudPasswordField } from '../../../blocks/password-field/password-field.ts';
import '../../../blocks/password-field/cloud-password-field.ts';
import { textField } from '../../../form/text-field.ts';
import { FormPanel } from '../../../base/form-panel.ts';
/**
 * @summary Sub-account login (docs/flows.md#sub-account-login): email and password; the main account's email works too.
 *
 * @csspart form - The `<form>`.
 * @csspart submit - The submit button.
 * @csspart form-error - The form-level error.
 */

export class CloudSubaccountLogin extends FormPanel {
  @state() private email = '';
  @state() private password = '';

  protected check(): boolean {
    const email = checkEmail(this.email);
    if (!email.ok) this.setError('email', this.messageFor(this.email.trim() ? email.code : 'field_required'));
    const passwordOk =
      this.renderRoot.querySelector<CloudPasswordField>('cloud-password-field')?.validate() ?? false;
    return email.ok && passwordOk;
  }

  protected send(): Promise<SignInResult> {
    return this.requireClient().loginSubaccount({ email: this.email.trim(), password: this.password });
  }

  protected override showServerError(error: unknown): void {
    super.showServerError(error);
    if ((error as { code?: string }).code === 'invalid_credentials') this.password = '';
  }

  override render() {
    const busy = this.submitting.pending;
    return this.renderForm(html`
      ${textField({
        id: 'email',
        label: this.t('label.email'),
        value: this.email,
        type: 'email',
        autocomplete: 'username',
        hint: this.t('login.subaccountHint'),
        error: this.errors.email,
        required: true,
        disabled: busy,
        onInput: (v) => {
          this.email = v;
          this.clear('email');
        },
      })}
      <cloud-password-field
        mode="current"
        required
        .value=${this.password}
        .error=${this.errors.password ?? ''}
        ?disabled=${busy}
        theme=${ifDefined(this.theme)}
        @input=${(e: Event) => {
          this.password = (e.target as CloudPasswordField).value;
          this.clear('password');
        }}
      ></cloud-password-field>
    `);
  }
}
