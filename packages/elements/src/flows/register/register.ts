import { fieldHint, registerAdvice } from './advice.ts';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import {
  type Account,
  type AccountField,
  type CreateAccountRequest,
  type RegisterStep as PresetStep,
  type RegistrationFlow,
  type Session,
} from '@cloud-login/core';
import { emailProblem, requestSecurityEmail } from '../../form/email.ts';
import {
  CODE_ERRORS,
  checkAccountFields,
  renderAccountField,
  validatedPhone,
  type FieldContext,
  type FieldValues,
  type TextField,
} from '../../form/account-fields.ts';
import { ActionController } from '../../controllers/action.ts';
import { ReadyController } from '../../controllers/ready.ts';
import { CountdownController } from '../../controllers/countdown.ts';
import { CloudElement, navigateTo } from '../../base/cloud-element.ts';
import { cloudConfigContext } from '../../shared/config.ts';
import { FlowController } from '../../controllers/flow.ts';
import { RovingTabsController } from '../../controllers/roving-tabs.ts';
import { CloudRegisterSuccessEvent } from '../../shared/events.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { activationFlowHash } from '../../shared/handoff.ts';
import { rememberSession } from '../../shared/session.ts';
import { switchLink } from '../../shared/switch-link.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { focusFirst } from '../../form/text-field.ts';
import { activationSentView, activationTicket, afterActivationBody, doneView } from './activation.ts';
import { registerStyles } from './register.styles.ts';
import { accountNameStyles } from '../../form/account-name.styles.ts';
import { securityEmailSentView, securityEmailView } from './security-email.ts';
import { afterActivationView, formStepView, stepCount, type StepViews } from './step-form.ts';
import { createAccountBody, placeRefusal, previousStep, stepId, type RegisterStep } from './steps.ts';
import { accountMessages } from '../../i18n/account-messages.ts';
import { addMessages } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';
import { registerMessages } from './messages.ts';

export type { RegisterStep } from './steps.ts';

/** Methods a form can register with; third-party ones (WeChat, QQ) come with their issue. */
const FORM_METHODS = ['account', 'phone', 'email'];

const emptyValues = (): FieldValues => ({ agreements: false });
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
 * @fires {CloudRegisterSuccessEvent} cloud-register-success - The account exists and is signed in; detail `{account, session}`. Cancelable: prevents the `return-to` navigation.
 * @fires {CloudStepChangeEvent} cloud-step-change - Detail `{flow: 'register', step}`: a step id (`credentials`, `phone`, `password`, `enable-service`, `industry`), or `activation-sent`, `security-email`, `security-email-sent`, `done`.
 * @fires {CloudErrorEvent} cloud-error - The server refused something; detail `{code, message, field?}`.
 *
 * @slot header - Above the heading, inside the card: the site's logo or title.
 * @slot heading - Replaces the "Register" heading.
 * @slot footer - Below the form: a link to log in…
 *
 * @csspart base - The card.
 * @csspart heading - The default heading.
 * @csspart tabs - The register-method tabs (`default`: email or phone).
 * @csspart tab - Each method tab.
 * @csspart step-title - The step's title.
 * @csspart advice - Which way to register, above the first step (`tencentcloud`, 004).
 * @csspart progress - "Step 1 of 3".
 * @csspart form - The step's `<form>`.
 * @csspart field - Each plain field's wrapper.
 * @csspart input - Each plain input.
 * @csspart submit - The step's main button.
 * @csspart back - The back button.
 * @csspart skip - The skip button of the security-email step.
 * @csspart form-error - The step-level error.
 * @csspart notice - Messages such as "check your mailbox".
 * @csspart switch - "Already have an account? Log in" (with `login-href`, or inside `<cloud-auth>`).
 *
 * @cssprop --cloud-brand - Brand colour; defaults to the preset's.
 * @cssprop --cloud-button-bg - Primary button background.
 * @cssprop --cloud-surface - Card background.
 * @cssprop --cloud-text - Text colour.
 * @cssprop --cloud-error - Error colour.
 * @cssprop --cloud-success - Success colour.
 * @cssprop --cloud-focus-ring - Focus ring colour; defaults to the preset's (never its error colour).
 * @cssprop --cloud-shadow - The card's shadow; defaults to the preset's.
 * @cssprop --cloud-radius - Corner radius.
 * @cssprop --cloud-max-width - Maximum width of the card.
 */

export class CloudRegister extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, accountNameStyles, registerStyles];

  static {
    addMessages(registerMessages, accountMessages, passwordMessages);
  }

  /** The site's log-in page, for "Already have an account? Log in" (inside `<cloud-auth>`: a switch to `<cloud-login>`). */
  @property({ attribute: 'login-href' }) loginHref?: string;

  /** The current step (read-only for sites; for tests and debugging). */
  @state() step: RegisterStep = { name: 'form', method: '', index: 0 };

  @state() private values: FieldValues = emptyValues();
  @state() private errors: Partial<Record<AccountField, string>> = {};
  @state() private formError = '';
  /** A polite confirmation (e.g. "sent again"). */
  @state() private notice = '';

  private readonly provider$ = new ContextProvider(this, { context: cloudConfigContext });
  private readonly action = new ActionController(this);
  /** `:state(ready)` once the first screen is complete (README, "No layout shift"). */
  private readonly ready = new ReadyController(this);
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
  /** The code proven at its own step (`POST /codes/verify`): sent in its place at the end. */
  private codeTicket?: string;

  // --- configuration --------------------------------------------------------------------

  /** Form register methods of the preset (narrowed by `methods`), in its order. */
  private get formMethods(): string[] {
    const offered = this.preset.methods.register.filter(
      (m) => FORM_METHODS.includes(m) && this.preset.registration[m],
    );
    const wanted = this.effective.methods;
    return wanted?.length ? wanted.filter((m) => (offered as string[]).includes(m)) : offered;
  }

  private flowOf(method: string): RegistrationFlow | undefined {
    return this.preset.registration[method];
  }

  /** The security email is the last of the steps its flow counts ("Step 3 of 3"). */
  private securityEmailProgress(): string | undefined {
    const flow = Object.values(this.preset.registration).find((f) => f?.offerSecurityEmail);
    const total = flow ? stepCount(flow) : 0;
    return total > 1 ? this.t('register.progress', { current: total, total }) : undefined;
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
   * activation (activation.ts, `activationTicket`).
   */
  private pickUpTicket(): void {
    const method = this.formMethods.find((m) => this.flowOf(m)?.activation === 'email-link');
    const picked = method && this.flowOf(method)!.afterActivation.length && activationTicket(this.client);
    if (picked) this.step = { name: 'after-activation', method, index: 0, ...picked };
  }

  // --- steps ------------------------------------------------------------------------------

  private stepKey(step: RegisterStep): string {
    return stepId(step, this.flowOf('method' in step ? step.method : ''));
  }

  /** A notice's heading, else the first field of the step's form. */
  private async focusStep(): Promise<void> {
    await this.action.idle();
    const root = this.renderRoot;
    const target = ['done', 'activation-sent', 'security-email-sent'].includes(this.step.name)
      ? root.querySelector<HTMLElement>('h3')
      : root
          .querySelector('form')
          ?.querySelector<HTMLElement>(
            'input, select, cloud-phone-input, cloud-code-input, cloud-password-field, cloud-agreements',
          );
    await (target as { updateComplete?: Promise<unknown> } | null | undefined)?.updateComplete;
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

  private set(field: TextField, value: string): void {
    // Another phone or code is not what was proven.
    if ((field === 'phone' || field === 'code') && this.values[field] !== value) this.codeTicket = undefined;
    this.values = { ...this.values, [field]: value };
    if (this.errors[field]) {
      const { [field]: _, ...rest } = this.errors;
      this.errors = rest;
    }
    this.formError = '';
  }

  private get fieldContext(): FieldContext {
    const { t, preset, activeLocale: locale, theme, renderRoot: root } = this;
    return { t, preset, locale, theme, root, messageFor: (code, params) => this.messageFor(code, params) };
  }

  /** Checks the current step's fields with core's rules; shows every problem at once. */
  private async checkStep(step: PresetStep): Promise<boolean> {
    const optional = new Set(step.optional ?? []);
    const result = await checkAccountFields(this.fieldContext, step.fields, this.values, (f) =>
      optional.has(f),
    );
    this.values = result.values;
    this.errors = result.errors as Partial<Record<AccountField, string>>;
    return result.ok && Object.keys(result.errors).length === 0;
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
        // A code with steps after it is proven here, where the person can still fix it.
        if (fields.fields.includes('code') && !(await this.proveCode(step.method, flow))) return;
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

  private async proveCode(method: string, flow: RegistrationFlow): Promise<boolean> {
    const { phone, code } = this.values;
    if (this.codeTicket || !phone || !code) return true;
    try {
      const proven = await this.requireClient().verifyCode({
        phone: phone.trim(),
        purpose: 'register',
        code: code.trim(),
      });
      this.codeTicket = proven.codeTicket;
      return true;
    } catch (error) {
      this.showServerError(error, method, flow);
      return false;
    }
  }

  private async focusProblem(): Promise<void> {
    await this.updateComplete;
    if (!focusFirst(this.renderRoot, true) && this.formError) {
      this.renderRoot.querySelector<HTMLElement>('button[type=submit]')?.focus();
    }
  }

  private async createAccount(method: string, flow: RegistrationFlow): Promise<void> {
    const body = createAccountBody(flow, this.values, this.preset);
    if (this.codeTicket) {
      delete body.code;
      body.codeTicket = this.codeTicket;
    }
    // The activation or verification email is written in the element's language.
    body.locale = this.activeLocale;
    try {
      // The activation link's ticket comes back through the address: bound to this browser.
      if (body.returnTo) {
        const flowHash = await activationFlowHash(this.requireClient().baseUrl);
        if (flowHash) body.flowHash = flowHash;
      }
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
    if (CODE_ERRORS.has(reported.code)) {
      fields.code ??= reported.text;
      // A refused code or ticket is spent: the next try needs a new code, proven again.
      this.codeTicket = undefined;
    }
    const placed = placeRefusal(fields, flow, this.preset);
    if (placed.index === -1) {
      this.formError = placed.formError || reported.text;
      return;
    }
    this.step = { name: 'form', method, index: placed.index };
    this.errors = placed.errors;
    this.formError = placed.formError;
    // The server took the code: a new one is needed, so the old one must not be sent again.
    if (placed.errors.code) this.values = { ...this.values, code: '' };
  }

  private async continueAfterActivation(
    step: Extract<RegisterStep, { name: 'after-activation' }>,
  ): Promise<void> {
    const flow = this.flowOf(step.method)!;
    const fields = flow.afterActivation[step.index]!;
    if (step.index + 1 < flow.afterActivation.length) {
      this.go({ ...step, index: step.index + 1 });
      return;
    }
    const body = afterActivationBody(flow, this.values);
    try {
      const result = await this.requireClient().continue({
        ticket: step.ticket,
        flowSecret: step.secret,
        ...body,
      });
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
      const problem = emailProblem(email);
      if (problem) {
        this.errors = { email: this.messageFor(problem) };
        return;
      }
      try {
        await requestSecurityEmail(
          this.requireClient(),
          email,
          this.effective.returnTo,
          (e) => this.reportError(e),
          { locale: this.activeLocale },
        );
        this.go({ name: 'security-email-sent', account: step.account, session: step.session, email });
      } catch (error) {
        const reported = this.reportError(error);
        this.errors = { email: this.fieldErrors(reported).email ?? reported.text };
      }
    });
    await this.focusProblem();
  }

  private back(): void {
    const previous = previousStep(this.step);
    if (previous) this.go(previous);
  }

  private selectMethod(method: string): void {
    if (this.step.name === 'form' && this.step.method === method) return;
    this.values = emptyValues();
    this.go({ name: 'form', method, index: 0 });
  }

  // --- rendering ------------------------------------------------------------------------------

  override render() {
    const step = this.step;
    const heading = html`<slot name="header"></slot><slot name="heading"><h2 part="heading">${this.t('register.heading')}</h2></slot>`;
    const t = this.t;
    const busy = this.action.pending;
    const back = () => this.back();
    let body: TemplateResult | typeof nothing;
    switch (step.name) {
      case 'form':
        body = html`${step.index ? nothing : registerAdvice(this.t, this.preset)}${formStepView(this.stepViews, this.flowOf(step.method), step)}
        ${step.index ? nothing : switchLink(this, this.loginHref, !!this.inherited, t('register.haveAccount'))}`;
        break;
      case 'after-activation':
        body = afterActivationView(this.stepViews, this.flowOf(step.method)!, step.index);
        break;
      case 'activation-sent':
        body = activationSentView({
          t,
          email: step.email,
          busy,
          waiting: this.resendCooldown.remaining,
          notice: this.notice,
          formError: this.formError,
          resend: () => void this.resendActivation(),
          back,
        });
        break;
      case 'security-email':
        body = securityEmailView({
          t,
          busy,
          email: this.values.email ?? '',
          error: this.errors.email,
          formError: this.formError,
          progress: this.securityEmailProgress(),
          input: (v) => this.set('email', v),
          submit: (e) => void this.submitSecurityEmail(e),
          skip: () => this.finish(step.account, step.session),
        });
        break;
      case 'security-email-sent':
        body = securityEmailSentView({
          t,
          preset: this.preset,
          email: step.email,
          done: () => this.finish(step.account, step.session),
          back,
        });
        break;
      case 'done':
        body = doneView(t, step.account, !!this.effective.returnTo);
        break;
    }
    return html`<div class="base" part="base">${heading} ${this.serverProblem() ?? body}<slot name="footer"></slot></div>`;
  }

  /** What the preset-driven step views need of this element. */
  private get stepViews(): StepViews {
    const busy = this.action.pending;
    return {
      t: this.t,
      preset: this.preset,
      locale: this.activeLocale,
      methods: this.formMethods,
      busy,
      formError: this.formError,
      renderField: (field, optional) => this.renderField(field, optional, busy),
      onSubmit: (e) => void this.onSubmit(e),
      onKeyDown: this.tabs.onKeyDown,
      select: (m) => this.selectMethod(m),
      back: () => this.back(),
    };
  }

  private renderField(field: AccountField, optional: boolean, busy: boolean): TemplateResult {
    return renderAccountField(this.fieldContext, field, {
      values: this.values,
      error: this.errors[field] ?? '',
      optional,
      busy,
      hint: fieldHint(this.t, this.preset, field),
      codePurpose: 'register',
      set: (f, value) => this.set(f, value),
      setAgreements: (checked) => {
        this.values = { ...this.values, agreements: checked };
        this.errors = { ...this.errors, agreements: '' };
      },
      requestPhone: this.requestPhone,
    });
  }

  /** For the code input: the validated phone of this step, or null after showing why not. */
  private readonly requestPhone = async (): Promise<string | null> => {
    const phone = await validatedPhone(this.renderRoot);
    if (phone !== null) this.values = { ...this.values, phone };
    return phone;
  };
}
