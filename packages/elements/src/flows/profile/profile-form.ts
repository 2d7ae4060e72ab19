import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccountField, ContinueRequest, SignInResult } from '@cloud-login/core';
import { FormPanel } from '../../base/form-panel.ts';
import {
  CODE_ERRORS,
  FIELD_ORDER,
  checkAccountFields,
  renderAccountField,
  validatedPhone,
  type FieldContext,
  type FieldValues,
  type TextField,
} from '../../form/account-fields.ts';
import { profileStyles } from './profile.styles.ts';
import { accountNameStyles } from '../../form/account-name.styles.ts';
import { accountMessages } from '../../i18n/account-messages.ts';
import { addMessages } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';
import { registerMessages } from '../register/messages.ts';
import { profileMessages } from './messages.ts';
import { connectionMessages } from '../../i18n/connection-messages.ts';
import { localText } from '@cloud-login/core';

/** Identity providers a connection's intro may name. */
const IDP_METHODS = new Set(['wechat', 'wechat-mp', 'qq', 'jd']);
/**
 * @summary One "the server needs more" step of a sign-in (`NeedsProfile`): the fields the server
 * asked for, answered with `POST /continue {ticket, …}`. Third-party first logins
 * (docs/flows.md#third-party-login) walk
 * these per preset — JD Cloud: phone + code (purpose `bind`), then "create a new account"
 * (account name, agreements, optional password); QingCloud: phone + code; Tencent: phone + code
 * → email (WeChat) → industry + agreements; JD classic: the enable-service form (agreements,
 * contact phone, contact email, recommendation code). Tencent's unfinished industry step after a
 * password login uses it too, and so does the code step of a password sign-in to an account under
 * attack (`required: ["code"]` alone: the code went to the account's phone or email with the
 * answer). `<cloud-login>` renders it and takes its answer.
 *
 * @csspart form - The `<form>`.
 * @csspart greeting - "Hi, {nickname}" above the step, in a third-party login (002).
 * @csspart step-title - The step's title.
 * @csspart field - Each plain field's wrapper (also `field-<name>`).
 * @csspart input - Each plain input.
 * @csspart submit - The submit button.
 * @csspart form-error - The form-level error.
 */

export class CloudProfileForm extends FormPanel {
  static override styles = [...FormPanel.styles, profileStyles, accountNameStyles];

  static {
    addMessages(profileMessages, registerMessages, accountMessages, passwordMessages, connectionMessages);
  }

  /** The ticket of the `needs_profile` answer; a new ticket starts the form afresh. */
  @property() ticket = '';

  /** Fields the server requires. */
  @property({ attribute: false }) required: AccountField[] = [];

  /** Fields the server accepts but does not require. */
  @property({ attribute: false }) optional: AccountField[] = [];

  /** The login method the flow started from (`wechat`, `qq`…), for the step's introduction. */
  @property() method = '';

  /** The identity provider's name for the person (WeChat nickname, 002): "Hi, …" above the step. */
  @property() nickname = '';

  /** Initial values the server offers, still editable (001: the JD account's phone as the contact phone). */
  @property({ attribute: false }) prefill?: { contactPhone?: string | undefined } | undefined;

  @state() private values: FieldValues = { agreements: false };

  private get fields(): AccountField[] {
    const asked = new Set([...this.required, ...this.optional]);
    return FIELD_ORDER.filter((f) => asked.has(f));
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
    if (changed.has('ticket') || changed.has('prefill')) this.values = { ...this.prefill, ...this.values };
  }

  private set(field: TextField, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.clear(field);
  }

  private get fieldContext(): FieldContext {
    const { t, preset, activeLocale: locale, theme, renderRoot: root } = this;
    return { t, preset, locale, theme, root, messageFor: (code, params) => this.messageFor(code, params) };
  }

  protected async check(): Promise<boolean> {
    const result = await checkAccountFields(this.fieldContext, this.fields, this.values, (f) =>
      this.isOptional(f),
    );
    this.values = result.values;
    this.errors = result.errors as Record<string, string>;
    return result.ok && Object.keys(result.errors).length === 0;
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
    if (code === 'not_found' && field === 'phone')
      this.errors = { ...this.errors, phone: this.t('profile.noAccountForPhone') };
    // An error about a field this step doesn't show is the step's.
    const shown = new Set<string>(this.fields);
    const stray = Object.entries(this.errors).filter(([f]) => !shown.has(f));
    if (stray.length) {
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([f]) => shown.has(f)));
      this.formError ||= stray[0]![1];
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  /** A sign-in's code step (an account under attack): the code went out with the answer. */
  private get codeStep(): boolean {
    return this.fields.length === 1 && this.fields[0] === 'code';
  }

  private stepTitle(): string {
    const fields = this.fields;
    if (this.codeStep) return this.t('profile.codeTitle');
    if (fields.includes('accountName')) return this.t('profile.createTitle');
    if (fields.includes('contactPhone')) return this.t('step.enable-service');
    if (fields.includes('phone')) return this.t('step.phone');
    if (fields.includes('email')) return this.t('profile.emailTitle');
    if (fields.includes('industry')) return this.t('step.industry');
    return this.t('profile.moreTitle');
  }

  private intro(): string | undefined {
    const fields = this.fields;
    const name = localText(this.preset.name, this.activeLocale);
    if (this.codeStep) return this.t('profile.codeIntro');
    if (fields.includes('contactPhone')) return this.t('register.enableServiceIntro', { name });
    if (fields.includes('accountName')) return this.t('profile.createIntro', { name });
    // 002: JD's phone step finds the phone's accounts, or creates one (its agreements are here).
    if (fields.includes('phone') && fields.includes('agreements') && IDP_METHODS.has(this.method))
      return this.t('connection.phoneFindOrCreate', { name });
    if (fields.includes('phone') && IDP_METHODS.has(this.method)) {
      return this.t('profile.phoneIntro', { method: this.t(`method.${this.method}` as 'method.wechat') });
    }
    if (fields.includes('email')) return this.t('profile.emailIntro');
    return undefined;
  }

  private submitLabel(): string {
    const fields = this.fields;
    // 001: "Click Submit and you can enable JD Cloud service."
    if (fields.includes('contactPhone')) return this.t('action.submit');
    if (fields.includes('accountName')) return this.t('profile.createAndLogin');
    // 003: a third-party login's phone and code, then 确定 binds it.
    if (fields.includes('phone') && IDP_METHODS.has(this.method)) return this.t('action.confirm');
    if (fields.includes('industry')) return this.t('action.completeRegistration');
    return this.t('action.next');
  }

  override render() {
    const busy = this.submitting.pending;
    const intro = this.intro();
    return html`
      <div class="step">
        ${this.nickname ? html`<p class="greeting" part="greeting">${this.t('connection.greeting', { nickname: this.nickname })}</p>` : nothing}
        <h3 id="step-title" part="step-title" tabindex="-1">${this.stepTitle()}</h3>
        ${intro ? html`<p class="intro">${intro}</p>` : nothing}
        ${this.renderForm(html`${this.fields.map((field) => this.renderField(field, busy))}`, this.submitLabel())}
      </div>
    `;
  }

  private renderField(field: AccountField, busy: boolean): TemplateResult {
    const phoneLimit = this.preset.maxAccountsPerPhone;
    const hints: Partial<Record<AccountField, string | undefined>> = {
      password: this.isOptional('password') ? this.t('profile.passwordLater') : undefined,
      phone: phoneLimit ? this.t('hint.phone_account_limit', { count: phoneLimit }) : undefined,
      email: this.t('hint.email_login'),
    };
    return renderAccountField(this.fieldContext, field, {
      values: this.values,
      error: this.errors[field] ?? '',
      optional: this.isOptional(field),
      busy,
      hint: hints[field],
      codePurpose: 'bind',
      set: (f, value) => this.set(f, value),
      setAgreements: (checked) => {
        this.values = { ...this.values, agreements: checked };
        this.clear('agreements');
      },
      requestPhone: this.requestPhone,
      codeSent: this.codeStep,
    });
  }

  /** For the code input: the validated phone of this step, or null after showing why not. */
  private readonly requestPhone = async (): Promise<string | null> => {
    const phone = await validatedPhone(this.renderRoot);
    if (phone !== null) this.values = { ...this.values, phone };
    return phone;
  };
}
