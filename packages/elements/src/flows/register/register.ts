import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ContextProvider } from '@lit/context';
import {
  ApiError,
  type Account,
  type AccountField,
  type CreateAccountRequest,
  type RegisterStep as PresetStep,
  type RegistrationFlow,
  type Session,
} from '@cloud-login/core';
import { accountNameChecklist, checkAccountName, checkEmail, hintKey } from '@cloud-login/core/rules';
import '../../blocks/agreements/cloud-agreements.ts';
import type { CloudAgreements } from '../../blocks/agreements/agreements.ts';
import '../../blocks/code-input/cloud-code-input.ts';
import type { CloudCodeInput } from '../../blocks/code-input/code-input.ts';
import '../../blocks/password-field/cloud-password-field.ts';
import type { CloudPasswordField } from '../../blocks/password-field/password-field.ts';
import '../../blocks/phone-input/cloud-phone-input.ts';
import type { CloudPhoneInput } from '../../blocks/phone-input/phone-input.ts';
import { ActionController } from '../../controllers/action.ts';
import { CountdownController } from '../../controllers/countdown.ts';
import { CloudElement, navigateTo } from '../../base/cloud-element.ts';
import { cloudConfigContext } from '../../shared/config.ts';
import { FlowController } from '../../controllers/flow.ts';
import { RovingTabsController } from '../../controllers/roving-tabs.ts';
import { CloudRegisterSuccessEvent } from '../../shared/events.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { clearFragment, connectionMark, readFragment } from '../../shared/handoff.ts';
import { rememberSession } from '../../shared/session.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { focusFirst, textField } from '../../form/text-field.ts';
import { registerStyles } from './register.styles.ts';
import { accountMessages } from '../../i18n/account-messages.ts';
import { addMessages } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';
import { registerMessages } from './messages.ts';

/** The registration flow's states; `render()` is a switch over `name`. */
export type RegisterStep =
  /** One of the preset's pre-account steps (`registration[method].steps[index]`). */
  | { name: 'form'; method: string; index: number }
  /** Tencent: the account waits for its activation link. */
  | { name: 'activation-sent'; method: string; email: string }
  /** Tencent: the steps after activation, answered through `POST /continue`. */
  | { name: 'after-activation'; method: string; index: number; ticket: string }
  /** JD: the skippable security-email step, signed in already. */
  | { name: 'security-email'; account: Account; session: Session }
  | { name: 'security-email-sent'; account: Account; session: Session; email: string }
  | { name: 'done'; account: Account; session: Session };

type Values = Partial<Record<Exclude<AccountField, 'agreements'>, string>> & { agreements: boolean };

/** Methods a form can register with; third-party ones (WeChat, QQ) come with their issue. */
const FORM_METHODS = ['account', 'phone', 'email'];
const RECOMMENDATION_CODE = /^[A-Za-z0-9_-]{1,32}$/;
/** Fields whose core label already says "(optional)". */
const LABEL_SAYS_OPTIONAL = new Set<AccountField>(['recommendationCode']);
/** Codes that belong to the code field even when the server names no field. */
const CODE_ERRORS = new Set(['invalid_code', 'code_expired', 'too_many_attempts']);

const emptyValues = (): Values => ({ agreements: false });
/**
 * @summary Registration for a cloud console, step by step as the preset's `registration` data
 * says: JD (name + password → phone + code + agreements → optional security email), JD classic
 * (phone + code + agreements → name + password → enable service), QingCloud (phone + code →
 * password), Tencent (email + password + agreements → "check your mailbox" → industry, picked
 * up from `#cl_ticket=…` when the activation link brings the user back), and `default`.
 *
 * Each step is checked with core's rules before moving on; the account is created with one
 * `POST /accounts` at the end of the pre-account steps, and a server error is shown on the
 * step and field it belongs to.
 *
 * @fires cloud-register-success - The account exists and is signed in; detail `{account, session}`. Cancelable: prevents the `return-to` navigation.
 * @fires cloud-step-change - Detail `{flow: 'register', step}`: a step id (`credentials`, `phone`, `password`, `enable-service`, `industry`), or `activation-sent`, `security-email`, `security-email-sent`, `done`.
 * @fires cloud-error - The server refused something; detail `{code, message, field?}`.
 *
 * @slot heading - Replaces the "Sign up" heading.
 * @slot footer - Below the form: a link to log in…
 *
 * @csspart base - The card.
 * @csspart heading - The default heading.
 * @csspart tabs - The register-method tabs (`default`: email or phone).
 * @csspart tab - Each method tab.
 * @csspart step-title - The step's title.
 * @csspart progress - "Step 1 of 3".
 * @csspart form - The step's `<form>`.
 * @csspart field - Each plain field's wrapper.
 * @csspart input - Each plain input.
 * @csspart submit - The step's main button.
 * @csspart back - The back button.
 * @csspart skip - The skip button of the security-email step.
 * @csspart form-error - The step-level error.
 * @csspart notice - Messages such as "check your mailbox".
 *
 * @cssprop --cloud-brand - Brand colour; defaults to the preset's.
 * @cssprop --cloud-button-bg - Primary button background.
 * @cssprop --cloud-surface - Card background.
 * @cssprop --cloud-text - Text colour.
 * @cssprop --cloud-error - Error colour.
 * @cssprop --cloud-success - Success colour.
 * @cssprop --cloud-radius - Corner radius.
 * @cssprop --cloud-max-width - Maximum width of the card.
 */

export class CloudRegister extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, registerStyles];

  static {
    addMessages(registerMessages, accountMessages, passwordMessages);
  }

  /** The current step (read-only for sites; for tests and debugging). */
  @state() step: RegisterStep = { name: 'form', method: '', index: 0 };

  @state() private values: Values = emptyValues();
  @state() private errors: Partial<Record<AccountField, string>> = {};
  @state() private formError = '';
  /** A polite confirmation (e.g. "sent again"). */
  @state() private notice = '';

  private readonly provider$ = new ContextProvider(this, { context: cloudConfigContext });
  private readonly action = new ActionController(this);
  /** Cooldown of Tencent's "resend activation email" (the server's 60 s). */
  private readonly resendCooldown = new CountdownController(this);
  private readonly flow = new FlowController<RegisterStep>(this, {
    flow: 'register',
    step: () => this.step,
    key: (step) => `${step.name}:${this.stepKey(step)}:${'index' in step ? step.index : ''}`,
    announce: (step) => this.stepKey(step),
    focus: () => this.focusStep(),
  });
  private readonly tabs = new RovingTabsController(this, {
    ids: () => this.formMethods,
    selected: () => (this.step.name === 'form' ? this.step.method : ''),
    select: (method) => this.selectMethod(method),
  });
  /** The body of the last `POST /accounts`, for Tencent's "resend" (the same request again). */
  private lastRequest?: CreateAccountRequest;

  // --- configuration --------------------------------------------------------------------

  /** Form register methods of the preset (narrowed by `methods`), in its order. */
  private get formMethods(): string[] {
    const offered = this.preset.methods.register.filter((m) => FORM_METHODS.includes(m) && this.preset.registration[m]);
    const wanted = this.effective.methods;
    return wanted?.length ? wanted.filter((m) => (offered as string[]).includes(m)) : offered;
  }

  private flowOf(method: string): RegistrationFlow | undefined {
    return this.preset.registration[method];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.provider$.setValue({ ...this.effective, client: this.client });
    if (!this.hasUpdated) this.pickUpTicket();
    const step = this.step;
    if ((step.name === 'form' || step.name === 'after-activation') && !this.flowOf(step.method)) {
      const method = this.formMethods[0] ?? '';
      this.step = { name: 'form', method, index: 0 };
    }
  }

  /**
   * Tencent's activation link comes back as `#cl_ticket=…`: continue at the step after
   * activation, and take the ticket out of the address bar so it is neither reused nor shared.
   */
  private pickUpTicket(): void {
    const handoff = readFragment();
    // A third-party login's ticket (its redirect left a mark) is `<cloud-login>`'s, not ours.
    if (handoff?.kind !== 'ticket' || connectionMark()) return;
    const method = this.formMethods.find((m) => this.flowOf(m)?.activation === 'email-link');
    if (!method || !this.flowOf(method)!.afterActivation.length) return;
    this.step = { name: 'after-activation', method, index: 0, ticket: handoff.value };
    clearFragment();
  }

  // --- steps ------------------------------------------------------------------------------

  private stepKey(step: RegisterStep): string {
    switch (step.name) {
      case 'form':
        return this.flowOf(step.method)?.steps[step.index]?.id ?? '';
      case 'after-activation':
        return this.flowOf(step.method)?.afterActivation[step.index]?.id ?? '';
      default:
        return step.name;
    }
  }

  private async focusStep(): Promise<void> {
    await this.action.idle();
    const root = this.renderRoot;
    if (this.step.name === 'done' || this.step.name === 'activation-sent' || this.step.name === 'security-email-sent') {
      root.querySelector<HTMLElement>('h3')?.focus();
      return;
    }
    const form = root.querySelector('form');
    if (!form) return;
    const target = form.querySelector<HTMLElement>(
      'input, select, cloud-phone-input, cloud-code-input, cloud-password-field, cloud-agreements',
    );
    await (target as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
    target?.focus();
  }

  private go(step: RegisterStep): void {
    this.errors = {};
    this.formError = '';
    this.notice = '';
    this.step = step;
  }

  private currentFields(): PresetStep | undefined {
    const step = this.step;
    if (step.name === 'form') return this.flowOf(step.method)?.steps[step.index];
    if (step.name === 'after-activation') return this.flowOf(step.method)?.afterActivation[step.index];
    return undefined;
  }

  // --- values and checks --------------------------------------------------------------------

  private set(field: Exclude<AccountField, 'agreements'>, value: string): void {
    this.values = { ...this.values, [field]: value };
    if (this.errors[field]) {
      const { [field]: _, ...rest } = this.errors;
      this.errors = rest;
    }
    this.formError = '';
  }

  private block<T extends Element>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  /** Checks the current step's fields with core's rules; shows every problem at once. */
  private async checkStep(step: PresetStep): Promise<boolean> {
    const optional = new Set(step.optional ?? []);
    const errors: Partial<Record<AccountField, string>> = {};
    let ok = true;
    for (const field of step.fields) {
      const value = field === 'agreements' ? '' : (this.values[field] ?? '').trim();
      switch (field) {
        case 'accountName': {
          const policy = this.preset.accountName;
          const check = policy ? checkAccountName(value, policy) : ({ ok: true } as const);
          if (!value) errors.accountName = this.messageFor('field_required');
          else if (!check.ok) errors.accountName = this.messageFor(check.code, check.params);
          break;
        }
        case 'password':
          ok = (this.block<CloudPasswordField>('cloud-password-field')?.validate() ?? false) && ok;
          break;
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
        case 'contactEmail': {
          if (!value) {
            if (!optional.has(field)) errors[field] = this.messageFor('field_required');
          } else {
            const check = checkEmail(value);
            if (!check.ok) errors[field] = this.messageFor(check.code);
          }
          break;
        }
        case 'industry':
          if (!value && !optional.has(field)) errors.industry = this.messageFor('field_required');
          break;
        case 'recommendationCode':
          if (value && !RECOMMENDATION_CODE.test(value)) errors.recommendationCode = this.t('register.recommendationCodeFormat');
          else if (!value && !optional.has(field)) errors.recommendationCode = this.messageFor('field_required');
          break;
      }
    }
    this.errors = errors;
    return ok && Object.keys(errors).length === 0;
  }

  private requestBody(flow: RegistrationFlow): CreateAccountRequest {
    const body: CreateAccountRequest = {};
    for (const step of flow.steps) {
      for (const field of step.fields) {
        if (field === 'agreements') {
          body.agreements = this.preset.agreements.map((a) => a.id);
          continue;
        }
        const value = this.values[field]?.trim();
        // Passwords go as typed; everything else trimmed, and empty optional fields left out.
        if (field === 'password') body.password = this.values.password ?? '';
        else if (value) body[field] = value;
      }
    }
    // The activation link brings the user back here (this page, without any fragment).
    if (flow.activation === 'email-link') body.returnTo = location.href.split('#')[0]!;
    return body;
  }

  // --- actions --------------------------------------------------------------------------------

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const step = this.step;
    const fields = this.currentFields();
    if (!fields || (step.name !== 'form' && step.name !== 'after-activation')) return;
    await this.action.run(async () => {
      this.formError = '';
      if (!(await this.checkStep(fields))) return;
      if (step.name === 'after-activation') return this.continueAfterActivation(step);
      const flow = this.flowOf(step.method)!;
      if (step.index + 1 < flow.steps.length) {
        const next = flow.steps[step.index + 1]!;
        // JD classic: the contact phone starts as the verified phone.
        if (next.fields.includes('contactPhone') && !this.values.contactPhone && this.values.phone) {
          this.values = { ...this.values, contactPhone: this.values.phone };
        }
        this.go({ name: 'form', method: step.method, index: step.index + 1 });
        return;
      }
      await this.createAccount(step.method, flow);
    });
    await this.focusProblem();
  }

  private async focusProblem(): Promise<void> {
    await this.updateComplete;
    if (!focusFirst(this.renderRoot, true) && this.formError) {
      this.renderRoot.querySelector<HTMLElement>('button[type=submit]')?.focus();
    }
  }

  private async createAccount(method: string, flow: RegistrationFlow): Promise<void> {
    const body = this.requestBody(flow);
    try {
      const result = await this.requireClient().register(body);
      this.lastRequest = body;
      if (result.status === 'activation_sent') {
        this.go({ name: 'activation-sent', method, email: result.email });
        this.resendCooldown.start(this.preset.code.resendAfter);
      } else if (flow.offerSecurityEmail) {
        if (this.client) rememberSession(this.client.baseUrl, result.session.token);
        this.go({ name: 'security-email', account: result.account, session: result.session });
      } else {
        this.finish(result.account, result.session);
      }
    } catch (error) {
      this.showServerError(error, method, flow);
    }
  }

  /** Puts a refusal on the step and field it belongs to. */
  private showServerError(error: unknown, method: string, flow: RegistrationFlow): void {
    const reported = this.reportError(error);
    const fields = this.fieldErrors(reported);
    if (CODE_ERRORS.has(reported.code)) fields.code ??= reported.text;
    if (fields.recommendationCode) fields.recommendationCode = this.t('register.recommendationCodeFormat');
    // A field the page does not show (a site may leave the agreements out while its server still
    // wants them) cannot carry its error: the form says it instead.
    let unshown = '';
    if (fields.agreements && this.preset.agreements.length === 0) {
      unshown = fields.agreements;
      delete fields.agreements;
    }
    const names = Object.keys(fields);
    const index = flow.steps.findIndex((s) => s.fields.some((f) => names.includes(f)));
    if (index === -1) {
      this.formError = unshown || reported.text;
      return;
    }
    this.step = { name: 'form', method, index };
    this.errors = fields as Partial<Record<AccountField, string>>;
    this.formError = unshown;
    // The server took the code: a new one is needed, so the old one must not be sent again.
    if (fields.code) this.values = { ...this.values, code: '' };
  }

  private async continueAfterActivation(step: Extract<RegisterStep, { name: 'after-activation' }>): Promise<void> {
    const flow = this.flowOf(step.method)!;
    const fields = flow.afterActivation[step.index]!;
    if (step.index + 1 < flow.afterActivation.length) {
      this.go({ ...step, index: step.index + 1 });
      return;
    }
    const body: Record<string, string> = {};
    for (const s of flow.afterActivation) for (const f of s.fields) if (f !== 'agreements' && this.values[f]) body[f] = this.values[f]!.trim();
    try {
      const result = await this.requireClient().continue({ ticket: step.ticket, ...body });
      if (result.status === 'authenticated') this.finish(result.account, result.session);
      else this.reportError(new Error(`unexpected ${result.status} answer after activation`));
    } catch (error) {
      const reported = this.reportError(error);
      const errors = this.fieldErrors(reported);
      const own = fields.fields.filter((f) => errors[f]);
      if (own.length) this.errors = errors as Partial<Record<AccountField, string>>;
      else this.formError = reported.text;
    }
  }

  private finish(account: Account, session: Session): void {
    if (this.client) rememberSession(this.client.baseUrl, session.token);
    this.go({ name: 'done', account, session });
    const event = new CloudRegisterSuccessEvent({ account, session });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) navigateTo(this.effective.returnTo);
  }

  private async resendActivation(): Promise<void> {
    const body = this.lastRequest;
    if (!body) return;
    await this.action.run(async () => {
      this.formError = '';
      this.notice = '';
      try {
        await this.requireClient().register(body);
        this.notice = this.t('register.activationResent');
        this.resendCooldown.start(this.preset.code.resendAfter);
      } catch (error) {
        const reported = this.reportError(error);
        // A cooldown is shown on the button itself; its message speaks of codes, not emails.
        if (reported.status === 429 && reported.retryAfter) this.resendCooldown.start(reported.retryAfter);
        else this.formError = reported.text;
      }
    });
  }

  private async submitSecurityEmail(event: Event): Promise<void> {
    event.preventDefault();
    const step = this.step;
    if (step.name !== 'security-email') return;
    await this.action.run(async () => {
      const email = (this.values.email ?? '').trim();
      const check = checkEmail(email);
      if (!email || !check.ok) {
        this.errors = { email: this.messageFor(email ? 'email_invalid' : 'field_required') };
        return;
      }
      try {
        const body = this.effective.returnTo ? { email, returnTo: this.effective.returnTo } : { email };
        await this.requireClient().requestEmail(body);
        this.go({ name: 'security-email-sent', account: step.account, session: step.session, email });
      } catch (error) {
        const reported = this.reportError(error);
        // A refused returnTo is the site's configuration, not the user's: send without it.
        if (reported instanceof ApiError && reported.issues?.some((i) => i.path === 'returnTo')) {
          try {
            await this.requireClient().requestEmail({ email });
            this.go({ name: 'security-email-sent', account: step.account, session: step.session, email });
            return;
          } catch (again) {
            this.errors = { email: this.reportError(again).text };
            return;
          }
        }
        const fields = this.fieldErrors(reported);
        this.errors = { email: fields.email ?? reported.text };
      }
    });
    await this.focusProblem();
  }

  private back(): void {
    const step = this.step;
    switch (step.name) {
      case 'form':
        if (step.index > 0) this.go({ ...step, index: step.index - 1 });
        break;
      case 'after-activation':
        this.go(step.index > 0 ? { ...step, index: step.index - 1 } : { name: 'form', method: step.method, index: 0 });
        break;
      case 'activation-sent':
        this.go({ name: 'form', method: step.method, index: 0 });
        break;
      case 'security-email-sent':
        this.go({ name: 'security-email', account: step.account, session: step.session });
        break;
      default:
        break;
    }
  }

  private selectMethod(method: string): void {
    if (this.step.name === 'form' && this.step.method === method) return;
    this.values = emptyValues();
    this.go({ name: 'form', method, index: 0 });
  }

  // --- rendering ------------------------------------------------------------------------------

  override render() {
    const step = this.step;
    const heading = html`<slot name="heading"><h2 part="heading">${this.t('register.heading')}</h2></slot>`;
    let body: TemplateResult | typeof nothing;
    switch (step.name) {
      case 'form':
        body = this.renderFormStep(step);
        break;
      case 'after-activation':
        body = this.renderAfterActivation(step);
        break;
      case 'activation-sent':
        body = this.renderActivationSent(step);
        break;
      case 'security-email':
        body = this.renderSecurityEmail();
        break;
      case 'security-email-sent':
        body = this.renderSecurityEmailSent(step);
        break;
      case 'done':
        body = this.renderDone(step);
        break;
    }
    return html`<div class="base" part="base">${heading} ${body}<slot name="footer"></slot></div>`;
  }

  private renderMethodTabs(selected: string) {
    const methods = this.formMethods;
    if (methods.length < 2) return nothing;
    return html`<div
      role="tablist"
      part="tabs"
      aria-label=${this.t('register.methods')}
      @keydown=${this.tabs.onKeyDown}
    >
      ${methods.map(
        (m) => html`<button
          type="button"
          role="tab"
          id=${`tab-${m}`}
          part="tab"
          aria-selected=${m === selected ? 'true' : 'false'}
          aria-controls="step-panel"
          tabindex=${m === selected ? 0 : -1}
          @click=${() => this.selectMethod(m)}
        >
          ${this.t(`registerMethod.${m}` as 'registerMethod.email')}
        </button>`,
      )}
    </div>`;
  }

  private renderFormStep(step: Extract<RegisterStep, { name: 'form' }>) {
    const flow = this.flowOf(step.method);
    const current = flow?.steps[step.index];
    if (!flow || !current) return html`<p class="form-error" role="alert">${this.t('register.noMethods')}</p>`;
    const total = flow.steps.length + flow.afterActivation.length;
    const last = step.index + 1 === flow.steps.length;
    const submit = last
      ? current.id === 'enable-service'
        ? this.t('action.enableService')
        : this.t('action.register')
      : this.t('action.next');
    const intro =
      current.id === 'enable-service'
        ? this.t('register.enableServiceIntro', { name: this.preset.name[this.activeLocale] })
        : undefined;
    return html`
      ${step.index === 0 ? this.renderMethodTabs(step.method) : nothing}
      ${this.renderStepForm({
        id: current.id,
        progress: total > 1 ? this.t('register.progress', { current: step.index + 1, total }) : undefined,
        intro,
        fields: current,
        submit,
        back: step.index > 0,
        tabpanel: step.index === 0 && this.formMethods.length > 1 ? `tab-${step.method}` : undefined,
      })}
    `;
  }

  private renderAfterActivation(step: Extract<RegisterStep, { name: 'after-activation' }>) {
    const flow = this.flowOf(step.method)!;
    const current = flow.afterActivation[step.index]!;
    const total = flow.steps.length + flow.afterActivation.length;
    const last = step.index + 1 === flow.afterActivation.length;
    return this.renderStepForm({
      id: current.id,
      progress: this.t('register.progress', { current: flow.steps.length + step.index + 1, total }),
      intro: this.t('flow.emailVerified'),
      fields: current,
      submit: last ? this.t('action.completeRegistration') : this.t('action.next'),
      back: false,
    });
  }

  private renderStepForm(o: {
    id: string;
    progress: string | undefined;
    intro: string | undefined;
    fields: PresetStep;
    submit: string;
    back: boolean;
    tabpanel?: string | undefined;
  }) {
    const busy = this.action.pending;
    const optional = new Set(o.fields.optional ?? []);
    const form = html`
      <form id="step-form" part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${this.onSubmit}>
        <div>
          <h3 id="step-title" part="step-title" tabindex="-1">${this.stepTitle(o.id, o.fields)}</h3>
          ${o.progress ? html`<p class="progress" part="progress">${o.progress}</p>` : nothing}
        </div>
        ${o.intro ? html`<p class="intro">${o.intro}</p>` : nothing}
        ${o.fields.fields.map((field) => this.renderField(field, optional.has(field), busy))}
        <p class="form-error" part="form-error" role="alert">${this.formError}</p>
        <div class="actions">
          <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? this.t('common.busy') : o.submit}</button>
          ${o.back
            ? html`<button type="button" class="link" part="back" ?disabled=${busy} @click=${this.back}>${this.t('action.back')}</button>`
            : nothing}
        </div>
      </form>
    `;
    return o.tabpanel ? html`<div id="step-panel" role="tabpanel" aria-labelledby=${o.tabpanel}>${form}</div>` : form;
  }

  /** Titled by what the step asks for: Tencent's and default's credentials have no account name. */
  private stepTitle(id: string, step: PresetStep): string {
    if (id === 'credentials' && !step.fields.includes('accountName')) {
      if (step.fields.includes('email')) return this.t('step.credentials.email');
      if (step.fields.includes('phone')) return this.t('step.phone');
    }
    return this.t(`step.${id}` as 'step.phone');
  }

  private label(field: AccountField, optional: boolean): string {
    const text = this.t(`label.${field}` as 'label.email');
    return optional && !LABEL_SAYS_OPTIONAL.has(field) ? `${text} (${this.t('label.optional')})` : text;
  }

  private renderField(field: AccountField, optional: boolean, busy: boolean): TemplateResult {
    const error = this.errors[field] ?? '';
    const theme = this.theme ?? nothing;
    switch (field) {
      case 'accountName': {
        const policy = this.preset.accountName;
        const value = this.values.accountName ?? '';
        const rules = policy
          ? html`<ul class="rules" aria-label=${this.t('label.accountName')}>
              ${accountNameChecklist(value, policy).map(
                (entry) => html`<li ?data-met=${entry.met}>
                  <span class="mark" aria-hidden="true">${entry.met ? '✓' : '•'}</span>
                  ${this.t(hintKey(entry), entry.params)}
                  <span class="visually-hidden">(${this.t(entry.met ? 'password.met' : 'password.unmet')})</span>
                </li>`,
              )}
            </ul>`
          : undefined;
        return textField({
          id: 'accountName',
          label: this.label(field, optional),
          value,
          error,
          hint: rules,
          autocomplete: 'username',
          required: !optional,
          disabled: busy,
          onInput: (v) => this.set('accountName', v),
        });
      }
      case 'password':
        return html`<cloud-password-field
          mode="new"
          required
          data-field="password"
          account-name=${this.preset.password.notEqualAccountName ? (this.values.accountName ?? '') : ''}
          .value=${this.values.password ?? ''}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @input=${(e: Event) => this.set('password', (e.currentTarget as CloudPasswordField).value)}
        ></cloud-password-field>`;
      case 'phone':
      case 'contactPhone':
        return html`<cloud-phone-input
          data-field=${field}
          ?required=${!optional}
          label=${this.label(field, optional)}
          hint=${field === 'phone' && this.preset.id === 'jdcloud' ? this.t('hint.phone_security') : nothing}
          .value=${this.values[field] ?? ''}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @input=${(e: Event) => this.set(field, (e.currentTarget as CloudPhoneInput).value)}
          @change=${(e: Event) => this.set(field, (e.currentTarget as CloudPhoneInput).value)}
        ></cloud-phone-input>`;
      case 'code':
        return html`<cloud-code-input
          data-field="code"
          required
          purpose="register"
          .requestPhone=${this.requestPhone}
          .value=${this.values.code ?? ''}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @input=${(e: Event) => this.set('code', (e.currentTarget as CloudCodeInput).value)}
        ></cloud-code-input>`;
      case 'agreements':
        return html`<cloud-agreements
          data-field="agreements"
          .checked=${this.values.agreements}
          .error=${error}
          ?disabled=${busy}
          theme=${theme}
          @change=${(e: Event) => {
            this.values = { ...this.values, agreements: (e.currentTarget as CloudAgreements).checked };
            this.errors = { ...this.errors, agreements: '' };
          }}
        ></cloud-agreements>`;
      case 'industry':
        return html`<div class="field" part="field field-industry">
          <label for="industry" part="label">${this.label(field, optional)}</label>
          <select
            id="industry"
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
          label: this.label(field, optional),
          value: this.values[field] ?? '',
          error,
          type: 'email',
          autocomplete: field === 'email' ? 'email' : 'off',
          required: !optional,
          disabled: busy,
          onInput: (v) => this.set(field, v),
        });
      case 'recommendationCode':
        return textField({
          id: field,
          label: this.label(field, optional),
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

  private renderActivationSent(step: Extract<RegisterStep, { name: 'activation-sent' }>) {
    const busy = this.action.pending;
    const waiting = this.resendCooldown.remaining;
    return html`
      <div class="notice" part="notice">
        <h3 tabindex="-1" part="step-title">${this.t('register.checkMailbox')}</h3>
        <p>${this.t('flow.activationSent', { email: step.email })}</p>
        <p class="hint">${this.t('register.activationHelp')}</p>
      </div>
      <p class="status-line" role="status">${this.notice}</p>
      <p class="form-error" part="form-error" role="alert">${this.formError}</p>
      <div class="actions" aria-busy=${busy ? 'true' : 'false'}>
        <button type="button" class="primary" part="submit" ?disabled=${busy || waiting > 0} @click=${this.resendActivation}>
          ${busy
            ? this.t('common.busy')
            : waiting > 0
              ? this.t('register.resendEmailIn', { seconds: waiting })
              : this.t('action.resendEmail')}
        </button>
        <button type="button" class="link" part="back" ?disabled=${busy} @click=${this.back}>${this.t('register.useAnotherEmail')}</button>
      </div>
    `;
  }

  private renderSecurityEmail() {
    const busy = this.action.pending;
    return html`
      <form part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${this.submitSecurityEmail}>
        <div>
          <h3 id="step-title" part="step-title" tabindex="-1">${this.t('step.securityEmail')}</h3>
        </div>
        <p class="notice" part="notice" role="status">${this.t('flow.registered')}</p>
        <p class="intro">${this.t('flow.securityEmailWhy')}</p>
        ${textField({
          id: 'email',
          label: this.t('label.securityEmail'),
          value: this.values.email ?? '',
          error: this.errors.email,
          hint: this.t('hint.email_login'),
          type: 'email',
          autocomplete: 'email',
          required: true,
          disabled: busy,
          onInput: (v) => this.set('email', v),
        })}
        <p class="form-error" part="form-error" role="alert">${this.formError}</p>
        <div class="actions">
          <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? this.t('common.busy') : this.t('action.submit')}</button>
          <button
            type="button"
            class="link"
            part="skip"
            ?disabled=${busy}
            @click=${() => this.step.name === 'security-email' && this.finish(this.step.account, this.step.session)}
          >
            ${this.t('action.skip')}
          </button>
        </div>
      </form>
    `;
  }

  private renderSecurityEmailSent(step: Extract<RegisterStep, { name: 'security-email-sent' }>) {
    return html`
      <div class="notice" part="notice">
        <h3 tabindex="-1" part="step-title">${this.t('register.securityEmailSentHeading')}</h3>
        <p>${this.t('flow.emailVerificationSent', { hours: Math.round(this.preset.emailLinkTtl / 3600) })}</p>
        <p>${this.t('register.emailSentTo', { email: step.email })}</p>
      </div>
      <div class="actions">
        <button type="button" class="primary" part="submit" @click=${() => this.finish(step.account, step.session)}>
          ${this.t('register.done')}
        </button>
        <button type="button" class="link" part="back" @click=${this.back}>${this.t('action.back')}</button>
      </div>
    `;
  }

  private renderDone(step: Extract<RegisterStep, { name: 'done' }>) {
    const name = step.account.accountName ?? step.account.email ?? step.account.phone ?? '';
    return html`<div class="notice" part="notice done" role="status">
      <h3 tabindex="-1" part="step-title">${this.t('flow.registered')}</h3>
      <p>${this.t('register.signedInAs', { name })}</p>
      ${this.effective.returnTo ? html`<p>${this.t('register.redirecting')}</p>` : nothing}
    </div>`;
  }
}
