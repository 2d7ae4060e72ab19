import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { state } from 'lit/decorators.js';
import type { SignInResult } from '@cloud-login/core';
import { looksLikePhone } from '@cloud-login/core/rules';
import type { CloudPasswordField } from '../../../blocks/password-field/password-field.ts';
import '../../../blocks/password-field/cloud-password-field.ts';
import { textField } from '../../../form/text-field.ts';
import { FormPanel, StartMethodEvent } from '../../../base/form-panel.ts';

/**
 * @summary Password login (docs/flows.md#password-login): one identifier field (account name, phone or email, as the
 * preset allows) and the password. "This phone/email cannot be used to log in" and "use JD
 * login" are shown at the identifier, as the answers they are; the latter (an older JD account,
 * docs/flows.md#legacy-jd-accounts) comes with a "JD login" button when the preset offers JD login.
 *
 * @csspart form - The `<form>`.
 * @csspart field - Each field wrapper (also `field-identifier`).
 * @csspart input - The identifier input.
 * @csspart submit - The submit button.
 * @csspart parent-login - "JD login", after an older JD account tried its password.
 * @csspart form-error - The form-level error.
 */

export class CloudPasswordLogin extends FormPanel {
  @state() private identifier = '';
  @state() private password = '';
  /** The server said "older JD account": offer JD login. */
  @state() private parentLogin = false;

  /** Whether the preset offers `method` and the site's `methods` (when given) keep it. */
  private offered(method: 'jd' | 'passkeys'): boolean {
    const methods = this.effective.methods?.length ? this.effective.methods : this.preset.methods.login;
    return this.preset.methods.login.includes(method) && methods.includes(method);
  }

  private get identifierLabel(): string {
    const kinds = this.preset.passwordLogin.identifiers;
    return kinds.map((k) => this.t(`identifier.${k}`)).join(this.t('identifier.join'));
  }

  private get identifierAutocomplete(): string {
    const kinds = this.preset.passwordLogin.identifiers;
    return kinds.length === 1 && kinds[0] === 'email' ? 'email' : 'username';
  }

  protected check(): boolean {
    const field = this.renderRoot.querySelector<CloudPasswordField>('cloud-password-field');
    if (this.identifier.trim() === '') this.setError('identifier', this.messageFor('field_required'));
    const passwordOk = field ? field.validate() : this.password !== '';
    return this.identifier.trim() !== '' && passwordOk;
  }

  /** Phone-shaped input goes out as E.164, read in the preset's first region. */
  private async normalisedIdentifier(): Promise<string> {
    const value = this.identifier.trim();
    if (!this.preset.passwordLogin.identifiers.includes('phone') || !looksLikePhone(value)) return value;
    try {
      // Phone handling loads only for an identifier that looks like a phone.
      const { loadPhone, regionList } = await import('../../../blocks/phone-input/metadata.ts');
      const { lib, metadata } = await loadPhone(regionList(this.preset.phone));
      const parsed = lib.parsePhone(value, this.preset.phone, metadata);
      return parsed.ok ? parsed.e164 : value;
    } catch {
      return value;
    }
  }

  protected async send(): Promise<SignInResult> {
    return this.requireClient().login({
      identifier: await this.normalisedIdentifier(),
      password: this.password,
    });
  }

  protected override showServerError(error: unknown): void {
    super.showServerError(error);
    // These two are about the identifier, though the server names no field.
    const code = (error as { code?: string }).code;
    if (code === 'identifier_not_loginable' || code === 'use_parent_login') {
      this.errors = { identifier: this.messageFor(code) };
      this.formError = '';
    }
    this.parentLogin = code === 'use_parent_login' && this.offered('jd');
    if (code === 'invalid_credentials') this.password = '';
  }

  override render() {
    const busy = this.submitting.pending;
    return this.renderForm(html`
      ${textField({
        id: 'identifier',
        label: this.identifierLabel,
        value: this.identifier,
        error: this.errors.identifier,
        // `webauthn`: the autofill offers the site's passkeys too (methods/passkey-login.ts).
        autocomplete: this.identifierAutocomplete + (this.offered('passkeys') ? ' webauthn' : ''),
        type: this.identifierAutocomplete === 'email' ? 'email' : 'text',
        required: true,
        disabled: busy,
        onInput: (v) => {
          this.identifier = v;
          this.clear('identifier');
          this.parentLogin = false;
        },
      })}
      ${
        this.parentLogin
          ? html`<button type="button" class="secondary" part="parent-login" @click=${() => this.dispatchEvent(new StartMethodEvent('jd'))}>
            ${this.t('method.jd')}
          </button>`
          : nothing
      }
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
