import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { AccountField, ContinueRequest, SignInResult } from '@cloud-login/core';
import { checkEmail } from '@cloud-login/core/rules';
import '../../blocks/agreements/cloud-agreements.ts';
import type { CloudAgreements } from '../../blocks/agreements/agreements.ts';
import '../../blocks/code-input/cloud-code-input.ts';
import type { CloudCodeInput } from '../../blocks/code-input/code-input.ts';
import '../../blocks/password-field/cloud-password-field.ts';
import type { CloudPasswordField } from '../../blocks/password-field/password-field.ts';
import '../../blocks/phone-input/cloud-phone-input.ts';
import type { CloudPhoneInput } from '../../blocks/phone-input/phone-input.ts';
import { FormPanel } from '../../base/form-panel.ts';
import { textField } from '../../form/text-field.ts';
import { accountNameField, accountNameProblem } from './fields.ts';
import { profileStyles } from './profile.styles.ts';
import { accountMessages } from '../../i18n/account-messages.ts';
import { addMessages } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';
import { registerMessages } from '../register/messages.ts';
import { profileMessages } from './messages.ts';

type TextField = Exclude<AccountField, 'agreements'>;
type Values = Partial<Record<TextField, string>> & { agreements: boolean };

/** The order fields are shown in, whatever order the server lists them. */
const ORDER: readonly AccountField[] = [
  'phone',
  'code',
  'email',
  'accountName',
  'password',
  'industry',
  'contactPhone',
  'contactEmail',
  'recommendationCode',
  'agreements',
];
const RECOMMENDATION_CODE = /^[A-Za-z0-9_-]{1,32}$/;
/** Codes that belong to the code field even when the server names no field. */
const CODE_ERRORS = new Set(['invalid_code', 'code_expired', 'too_many_attempts']);
/** Fields whose core label already says "(optional)". */
const LABEL_SAYS_OPTIONAL = new Set<AccountField>(['recommendationCode']);
/** Identity providers a connection's intro may name. */
const IDP_METHODS = new Set(['wechat', 'wechat-mp', 'qq', 'jd']);
/**
 * @summary One "the server needs more" step of a sign-in (`NeedsProfile`): the fields the server
 * asked for, answered with `POST /continue {ticket, …}`. Third-party first logins (F8) walk
 * these per preset — JD Cloud: phone + code (purpose `bind`), then "create a new account"
 * (account name, agreements, optional password); QingCloud: phone + code; Tencent: phone + code
 * → email (WeChat) → industry + agreements; JD classic: the enable-service form (agreements,
 * contact phone, contact email, recommendation code). Tencent's unfinished industry step after a
 * password login uses it too. `<cloud-login>` renders it and takes its answer.
 *
 * @csspart form - The `<form>`.
 * @csspart step-title - The step's title.
 * @csspart field - Each plain field's wrapper (also `field-<name>`).
 * @csspart input - Each plain input.
 * @csspart submit - The submit button.
 * @csspart form-error - The form-level error.
 */

export class CloudProfileForm extends FormPanel {
  static override styles = [...FormPanel.styles, profileStyles];

  static {
    addMessages(profileMessages, registerMessages, accountMessages, passwordMessages);
  }

  /** The ticket of the `needs_profile` answer; a new ticket starts the form afresh. */
  @property() ticket = '';

  /** Fields the server requires. */
  @property({ attribute: false }) required: AccountField[] = [];

  /** Fields the server accepts but does not require. */
  @property({ attribute: false }) optional: AccountField[] = [];

  /** The login method the flow started from (`wechat`, `qq`…), for the step's introduction. */
  @property() method = '';

  @state() private values: Values = { agreements: false };

  private get fields(): AccountField[] {
    const asked = new Set([...this.required, ...this.optional]);
    return ORDER.filter((f) => asked.has(f));
  }

  private isOptional(field: AccountField): boolean {
    return !this.required.includes(field) && this.optional.includes(field);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Each step is a new form: what was typed for the last one (a code) must not linger.
    if (changed.has('ticket') && changed.get('ticket') !== undefined) {
      this.values = { agreements: false };
      this.clearForm();
    }
  }

  private set(field: TextField, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.clear(field);
  }

  private block<T extends Element>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  protected async check(): Promise<boolean> {
    const errors: Record<string, string> = {};
    let ok = true;
    for (const field of this.fields) {
      const optional = this.isOptional(field);
      const value = field === 'agreements' ? '' : (this.values[field] ?? '').trim();
      switch (field) {
        case 'accountName': {
          const problem = accountNameProblem(value, this.preset.accountName);
          if (problem) errors.accountName = this.messageFor(problem.code, problem.params);
          break;
        }
        case 'password': {
          // An optional password left empty is fine; one typed must meet the rules.
          const input = this.block<CloudPasswordField>('cloud-password-field');
          if (!optional || (this.values.password ?? '') !== '') ok = (input?.validate() ?? false) && ok;
          break;
        }
        case 'phone':
        case 'contactPhone': {
          const input = this.block<CloudPhoneInput>(`cloud-phone-input[data-field=${field}]`);
          ok = ((await input?.validate()) ?? false) && ok;
          if (input) this.values = { ...this.values, [field]: input.value };
          break;
        }
        case 'code':
          ok = (this.block<CloudCodeInput>('cloud-code-input')?.validate() ?? false) && ok;
          break;
        case 'agreements':
          ok = (this.block<CloudAgreements>('cloud-agreements')?.validate() ?? true) && ok;
          break;
        case 'email':
        case 'contactEmail':
          if (!value) {
            if (!optional) errors[field] = this.messageFor('field_required');
          } else {
            const check = checkEmail(value);
            if (!check.ok) errors[field] = this.messageFor(check.code);
          }
          break;
        case 'industry':
          if (!value && !optional) errors.industry = this.messageFor('field_required');
          break;
        case 'recommendationCode':
          if (value && !RECOMMENDATION_CODE.test(value)) errors.recommendationCode = this.t('register.recommendationCodeFormat');
          else if (!value && !optional) errors.recommendationCode = this.messageFor('field_required');
          break;
      }
    }
    this.errors = errors;
    return ok && Object.keys(errors).length === 0;
  }

  protected send(): Promise<SignInResult> {
    const body: ContinueRequest = { ticket: this.ticket };
    for (const field of this.fields) {
      if (field === 'agreements') body.agreements = this.preset.agreements.map((a) => a.id);
      else if (field === 'password') {
        if (this.values.password) body.password = this.values.password;
      } else {
        const value = this.values[field]?.trim();
        if (value) body[field] = value;
      }
    }
    return this.requireClient().continue(body);
  }

  protected override showServerError(error: unknown): void {
    super.showServerError(error);
    const code = (error as { code?: string }).code ?? '';
    const field = (error as { field?: string }).field;
    if (CODE_ERRORS.has(code)) {
      this.errors = { ...this.errors, code: this.errors.code || this.formError || this.messageFor(code) };
      this.formError = '';
      // The server took the code: a new one is needed.
      this.values = { ...this.values, code: '' };
    }
    // QingCloud binds to an account the phone already has: "not found" means "sign up first".
    if (code === 'not_found' && field === 'phone') this.errors = { ...this.errors, phone: this.t('profile.noAccountForPhone') };
    if (this.errors.recommendationCode) this.errors = { ...this.errors, recommendationCode: this.t('register.recommendationCodeFormat') };
    // An error about a field this step doesn't show is the step's.
    const shown = new Set<string>(this.fields);
    const stray = Object.entries(this.errors).filter(([f]) => !shown.has(f));
    if (stray.length) {
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([f]) => shown.has(f)));
      this.formError ||= stray[0]![1];
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  private stepTitle(): string {
    const fields = this.fields;
    if (fields.includes('accountName')) return this.t('profile.createTitle');
    if (fields.includes('contactPhone')) return this.t('step.enable-service');
    if (fields.includes('phone')) return this.t('step.phone');
    if (fields.includes('email')) return this.t('profile.emailTitle');
    if (fields.includes('industry')) return this.t('step.industry');
    return this.t('profile.moreTitle');
  }

  private intro(): string | undefined {
    const fields = this.fields;
    const name = this.preset.name[this.activeLocale];
    if (fields.includes('contactPhone')) return this.t('register.enableServiceIntro', { name });
    if (fields.includes('accountName')) return this.t('profile.createIntro', { name });
    if (fields.includes('phone') && IDP_METHODS.has(this.method)) {
      return this.t('profile.phoneIntro', { method: this.t(`method.${this.method}` as 'method.wechat') });
    }
    if (fields.includes('email')) return this.t('profile.emailIntro');
    return undefined;
  }

  private submitLabel(): string {
    const fields = this.fields;
    if (fields.includes('contactPhone')) return this.t('action.enableService');
    if (fields.includes('accountName')) return this.t('profile.createAndLogin');
    if (fields.includes('industry')) return this.t('action.completeRegistration');
    return this.t('action.next');
  }

  private label(field: AccountField): string {
    const text = this.t(`label.${field}` as 'label.email');
    return this.isOptional(field) && !LABEL_SAYS_OPTIONAL.has(field) ? `${text} (${this.t('label.optional')})` : text;
  }

  override render() {
    const busy = this.submitting.pending;
    const intro = this.intro();
    return html`
      <div class="step">
        <h3 id="step-title" part="step-title" tabindex="-1">${this.stepTitle()}</h3>
        ${intro ? html`<p class="intro">${intro}</p>` : nothing}
        ${this.renderForm(html`${this.fields.map((field) => this.renderField(field, busy))}`, this.submitLabel())}
      </div>
    `;
  }

  private renderField(field: AccountField, busy: boolean): TemplateResult {
    const error = this.errors[field] ?? '';
    const optional = this.isOptional(field);
    const theme = this.theme ?? nothing;
    switch (field) {
      case 'accountName':
        return accountNameField({
          t: this.t,
          policy: this.preset.accountName,
          label: this.label(field),
          value: this.values.accountName ?? '',
          error,
          disabled: busy,
          onInput: (v) => this.set('accountName', v),
        });
      case 'password':
        return html`<cloud-password-field
          mode="new"
          ?required=${!optional}
          label=${this.label(field)}
          account-name=${this.preset.password.notEqualAccountName ? (this.values.accountName ?? '') : ''}
          .value=${this.values.password ?? ''}
          .error=${error}
          hint=${optional ? this.t('profile.passwordLater') : nothing}
          ?disabled=${busy}
          theme=${theme}
          @input=${(e: Event) => this.set('password', (e.currentTarget as CloudPasswordField).value)}
        ></cloud-password-field>`;
      case 'phone':
      case 'contactPhone':
        return html`<cloud-phone-input
          data-field=${field}
          ?required=${!optional}
          label=${this.label(field)}
          hint=${field === 'phone' && this.preset.maxAccountsPerPhone
            ? this.t('hint.phone_account_limit', { count: this.preset.maxAccountsPerPhone })
            : nothing}
          .value=${this.values[field] ?? ''}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @input=${(e: Event) => this.set(field, (e.currentTarget as CloudPhoneInput).value)}
          @change=${(e: Event) => this.set(field, (e.currentTarget as CloudPhoneInput).value)}
        ></cloud-phone-input>`;
      case 'code':
        return html`<cloud-code-input
          required
          purpose="bind"
          .requestPhone=${this.requestPhone}
          .value=${this.values.code ?? ''}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @input=${(e: Event) => this.set('code', (e.currentTarget as CloudCodeInput).value)}
        ></cloud-code-input>`;
      case 'agreements':
        return html`<cloud-agreements
          .checked=${this.values.agreements}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @change=${(e: Event) => {
            this.values = { ...this.values, agreements: (e.currentTarget as CloudAgreements).checked };
            this.clear('agreements');
          }}
        ></cloud-agreements>`;
      case 'industry':
        return html`<div class="field" part="field field-industry">
          <label for="industry" part="label">${this.label(field)}</label>
          <select
            id="industry"
            name="industry"
            part="input"
            ?required=${!optional}
            ?disabled=${busy}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="industry-error"
            .value=${live(this.values.industry ?? '')}
            @change=${(e: Event) => this.set('industry', (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.values.industry}>${this.t('register.selectIndustry')}</option>
            ${this.preset.industries.map(
              (i) => html`<option value=${i.id} ?selected=${this.values.industry === i.id}>${i.label[this.activeLocale]}</option>`,
            )}
          </select>
          <p id="industry-error" class="error" part="error" role="alert">${error}</p>
        </div>`;
      case 'email':
      case 'contactEmail':
        return textField({
          id: field,
          label: this.label(field),
          value: this.values[field] ?? '',
          error,
          type: 'email',
          autocomplete: field === 'email' ? 'email' : 'off',
          hint: field === 'email' ? this.t('hint.email_login') : undefined,
          required: !optional,
          disabled: busy,
          onInput: (v) => this.set(field, v),
        });
      case 'recommendationCode':
        return textField({
          id: field,
          label: this.label(field),
          value: this.values.recommendationCode ?? '',
          error,
          autocomplete: 'off',
          maxlength: 32,
          required: !optional,
          disabled: busy,
          onInput: (v) => this.set('recommendationCode', v),
        });
    }
  }

  /** For the code input: the validated phone of this step, or null after showing why not. */
  private readonly requestPhone = async (): Promise<string | null> => {
    const input = this.block<CloudPhoneInput>('cloud-phone-input[data-field=phone]');
    if (!input || !(await input.validate())) {
      input?.focus();
      return null;
    }
    this.values = { ...this.values, phone: input.value };
    return input.value;
  };
}
