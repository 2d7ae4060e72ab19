import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, createClient, type Account, type CloudClient, type Idp } from '@cloud-login/core';
import '../../blocks/password-field/cloud-password-field.ts';
import '../profile/cloud-legacy-upgrade.ts';
import type { UpgradeDoneEvent } from '../profile/legacy-upgrade.ts';
import { ActionController } from '../../controllers/action.ts';
import { CloudElement } from '../../base/cloud-element.ts';
import { cloudConfigContext } from '../../shared/config.ts';
import { FlowController } from '../../controllers/flow.ts';
import { CloudAccountChangeEvent, type AccountChange } from '../../shared/events.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { emailProblem, requestSecurityEmail } from '../../form/email.ts';
import { focusFirst } from '../../form/text-field.ts';
import { accountSecurityStyles } from './account-security.styles.ts';
import { passkeysSection } from './passkeys-section.ts';
import { overviewView } from './overview.ts';
import type { SecurityStep } from './steps.ts';
import { accountMessages } from '../../i18n/account-messages.ts';
import { addMessages } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';
import { profileMessages } from '../profile/messages.ts';
import { securityMessages } from './messages.ts';
import { ReauthPrompt } from './reauth.ts';
import { twoStepSection } from './two-step-section.ts';
import { contactSection } from './contact-section.ts';
import { renameView, type RenameHost } from './rename.ts';
import { runBind, type BindHost } from './bind.ts';
import { submitPassword, type PasswordHost } from './password-step.ts';
import { remainingMethods } from './remaining.ts';
import {
  bindForm,
  emailForm,
  emailSentView,
  failedView,
  focusStepTarget,
  passwordForm,
  unbindForm,
  upgradeView,
  type StepForm,
} from './step-forms.ts';

export type { SecurityStep } from './steps.ts';
/**
 * @summary The signed-in account's security settings (docs/flows.md#security-email,
 * docs/flows.md#unbind-a-third-party-login, docs/flows.md#legacy-jd-accounts): login identifiers,
 * the password (set or change), the security email, the preset's third-party logins with bind (a
 * popup, then the proof; docs/flows.md#bind-a-third-party-login) or unbind (or "set a password
 * first"), an older JD account's upgrade, the one-time choice of a name a third-party login
 * generated (002), the contact phone and email (001), passkeys and two-step verification (loaded
 * on demand).
 *
 * It reads the account with `GET /session`, authenticated by `token` when given, else by the
 * session of a sign-in on this page or the session cookie.
 *
 * @fires {CloudAccountChangeEvent} cloud-account-change - The account changed (password, bind, unbind, upgrade, two-step, rename, contact); detail `{account, change}`.
 * @fires {CloudStepChangeEvent} cloud-step-change - Detail `{flow: 'account-security', step}`: `overview`, `password`, `email`, `email-sent`, `bind`, `unbind`, `upgrade`, `rename`, `signed-out`.
 * @fires {CloudErrorEvent} cloud-error - The server refused something; detail `{code, message, field?}` (localised message).
 *
 * @slot heading - Replaces the "Account security" heading.
 *
 * @csspart base - The card.
 * @csspart heading - The default heading.
 * @csspart section - Each section (login details, bound logins, upgrade).
 * @csspart identifiers - The list of login details.
 * @csspart connections - The list of bound logins.
 * @csspart connection - One bound login (also `connection-bound`).
 * @csspart action - The buttons of the overview (change, add, bind, unbind, upgrade).
 * @csspart step-title - A step's title.
 * @csspart form - A step's `<form>`.
 * @csspart field - Each plain field's wrapper.
 * @csspart input - Each plain input.
 * @csspart submit - A step's main button.
 * @csspart back - Cancel / back.
 * @csspart notice - Confirmations ("password changed", "check your mailbox").
 * @csspart form-error - A step-level error.
 * @csspart remaining - The unbind confirmation's list of the login methods that remain.
 *
 * @cssprop --cloud-brand - Brand colour; defaults to the preset's.
 * @cssprop --cloud-surface - Card background.
 * @cssprop --cloud-text - Text colour.
 * @cssprop --cloud-muted-text - Secondary text.
 * @cssprop --cloud-error - Error colour.
 * @cssprop --cloud-success - Success colour.
 * @cssprop --cloud-radius - Corner radius.
 * @cssprop --cloud-max-width - Maximum width of the card.
 */

export class CloudAccountSecurity extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, accountSecurityStyles];

  static {
    addMessages(securityMessages, accountMessages, passwordMessages, profileMessages);
  }

  /**
   * A session token (e.g. `cloud-login-success`'s `detail.session.token`). Without it, the
   * session of a sign-in on this page, else the session cookie, is used. Never an attribute.
   */
  @property({ attribute: false }) token?: string;

  /** The current step (read-only for sites; for tests and debugging). */
  @state() step: SecurityStep = { name: 'loading' };

  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  /** A polite confirmation shown on the overview ("password changed"). */
  @state() private notice = '';
  @state() private email = '';
  @state() private currentPassword = '';
  @state() private newPassword = '';
  @state() private accountName = ''; // the rename step's field (rename.ts)

  private readonly action = new ActionController(this);
  private readonly flow = new FlowController<SecurityStep>(this, {
    flow: 'account-security',
    step: () => this.step,
    key: (step) => (step.name === 'loading' ? '' : step.name),
    focus: () => this.focusStep(),
  });
  /** The proof asked for by a `reauth_required`, shown inside the refused form. */
  private readonly reauth = new ReauthPrompt(this);
  private tokenClient?: { token: string; baseUrl: string; client: CloudClient };
  /** Hands this element's provider, locale and overrides to the password fields inside it, as
   * `<cloud-login>` and `<cloud-register>` do (else they would check the `default` rules). */
  private readonly provider$ = new ContextProvider(this, { context: cloudConfigContext });

  private readonly onLogin = () => void this.load();

  override connectedCallback(): void {
    super.connectedCallback();
    // A sign-in elsewhere on the page (a `<cloud-login>` next to this) is this element's account now.
    document.addEventListener('cloud-login-success', this.onLogin);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('cloud-login-success', this.onLogin);
  }

  /** The client: one that sends `token` when the site gave one, else the shared one. */
  private get accountClient(): CloudClient {
    const client = this.requireClient();
    if (!this.token || this.effective.client) return client;
    if (this.tokenClient?.token !== this.token || this.tokenClient.baseUrl !== client.baseUrl) {
      const token = this.token;
      this.tokenClient = {
        token,
        baseUrl: client.baseUrl,
        client: createClient({ baseUrl: client.baseUrl, token: () => token }),
      };
    }
    return this.tokenClient.client;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.provider$.setValue({ ...this.effective });
    if (
      !this.hasUpdated ||
      changed.has('token') ||
      changed.has('api') ||
      changed.has('config') ||
      changed.has('inherited')
    )
      void this.load();
  }

  private async focusStep(): Promise<void> {
    await this.action.idle();
    await focusStepTarget(this.renderRoot, this.step.name === 'upgrade');
  }

  /** Reads the account again (`GET /session`); keeps the current step unless it is gone. */
  async load(): Promise<void> {
    // Without an API yet: configuration may arrive later (context, `api` set by script).
    if (!this.client) return;
    try {
      const { account } = await this.accountClient.session();
      const step = this.step;
      this.step = 'account' in step ? { ...step, account } : { name: 'overview', account };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') {
        this.step = { name: 'signed-out' };
        return;
      }
      this.step = { name: 'failed', message: this.reportError(error).text };
    }
  }

  private go(step: SecurityStep): void {
    this.binding?.abort();
    this.reauth.reset();
    this.errors = {};
    this.formError = '';
    this.step = step;
  }

  private changed(account: Account, change: AccountChange, notice: string): void {
    this.notice = notice;
    this.go({ name: 'overview', account });
    this.dispatchEvent(new CloudAccountChangeEvent({ account, change }));
  }

  private methodName(idp: Idp): string {
    return this.t(`method.${idp}` as 'method.wechat');
  }

  // --- bind (docs/flows.md#bind-a-third-party-login) -------------------------------------------

  /** The popup of a bind under way (bind.ts); aborted when the person leaves the step. */
  private binding?: AbortController | undefined;

  // --- unbind (docs/flows.md#unbind-a-third-party-login) ---------------------------------------

  private async unbind(account: Account, idp: Idp): Promise<void> {
    await this.action.run(async () => {
      this.formError = '';
      try {
        await this.accountClient.unbind(idp, { ...this.reauth.proof(), locale: this.activeLocale });
        const { account: updated } = await this.accountClient.session();
        this.changed(updated, 'unbind', this.t('security.unbound', { method: this.methodName(idp) }));
      } catch (error) {
        const reported = this.reportError(error);
        if (this.reauthRefused(reported)) return;
        if (reported.code === 'password_required') {
          if (account.legacy && this.preset.accountName) {
            // An older JD account logs in only through JD: the upgrade gives it a password.
            this.go({ name: 'upgrade', account });
            this.formError = this.t('security.unbindNeedsUpgrade');
          } else if (!account.hasPassword) {
            this.go({ name: 'password', account, thenUnbind: idp });
          } else {
            // A password, but nothing to log in with yet (Tencent: the email is not verified).
            this.formError = this.t('security.unbindNeedsIdentifier');
          }
        } else if (reported.code === 'not_found') {
          // Already unbound (another tab): show the account as it is.
          await this.load();
          this.go({ name: 'overview', account: 'account' in this.step ? this.step.account : account });
        } else {
          this.formError = reported.text;
        }
      }
    });
    await this.focusProblem();
  }

  // --- password -------------------------------------------------------------------------------

  // --- security email (docs/flows.md#security-email) -------------------------------------------

  private async submitEmail(event: Event): Promise<void> {
    event.preventDefault();
    const step = this.step;
    if (step.name !== 'email') return;
    await this.action.run(async () => {
      this.formError = '';
      const email = this.email.trim();
      const problem = emailProblem(email);
      if (problem) {
        this.errors = { email: this.messageFor(problem) };
        return;
      }
      // The link brings the user back here once the address is verified.
      const returnTo = this.effective.returnTo ?? location.href.split('#')[0]!;
      try {
        await requestSecurityEmail(this.accountClient, email, returnTo, (e) => this.reportError(e), {
          ...this.reauth.proof(),
          locale: this.activeLocale,
        });
      } catch (error) {
        const reported = this.reportError(error);
        if (this.reauthRefused(reported)) return;
        this.showEmailError(reported);
        return;
      }
      this.go({ name: 'email-sent', account: step.account, email });
    });
    await this.focusProblem();
  }

  private reauthRefused(reported: ApiError & { text: string }): boolean {
    return this.reauth.refused(reported, this.t('security.wrongCurrentPassword'));
  }

  private reauthField(): TemplateResult | typeof nothing {
    return this.reauth.render((key) => this.t(key), {
      locale: this.activeLocale,
      busy: this.action.pending,
      client: () => this.accountClient,
      onError: (error) => (this.reauth.error = this.reportError(error).text),
      theme: this.theme,
    });
  }

  private showEmailError(reported: ApiError & { text: string }): void {
    const text =
      reported.code === 'code_cooldown' && reported.retryAfter
        ? this.t('security.emailCooldown', { seconds: reported.retryAfter })
        : (this.fieldErrors(reported).email ?? reported.text);
    this.errors = { email: text };
  }

  // --- upgrade (docs/flows.md#legacy-jd-accounts) ----------------------------------------------

  private onUpgradeDone(event: UpgradeDoneEvent): void {
    const step = this.step;
    if (step.name !== 'upgrade') return;
    if (event.account) {
      this.changed(
        event.account,
        'upgrade',
        this.t('security.upgraded', { name: event.account.accountName ?? '' }),
      );
    } else {
      this.go({ name: 'overview', account: step.account });
    }
  }

  private async focusProblem(): Promise<void> {
    await this.updateComplete;
    if (!focusFirst(this.renderRoot, true) && this.formError) {
      this.renderRoot.querySelector<HTMLElement>('.form-error')?.focus();
    }
  }

  // --- rendering --------------------------------------------------------------------------------

  override render() {
    const step = this.step;
    let body: TemplateResult | typeof nothing;
    switch (step.name) {
      case 'loading':
        body = html`<p class="intro" role="status" aria-busy="true">${this.t('common.busy')}</p>`;
        break;
      case 'signed-out':
        body = html`<p class="notice" part="notice" role="status">${this.t('security.signedOut')}</p>`;
        break;
      case 'failed':
        body = failedView(this.t, step.message, () => void this.load());
        break;
      case 'overview':
        body = this.renderOverview(step.account);
        break;
      case 'bind':
        body = bindForm({
          ...this.stepForm(step.account),
          method: this.methodName(step.idp),
          bind: () => void runBind(this as unknown as BindHost, step),
        });
        break;
      case 'unbind':
        body = this.renderUnbind(step);
        break;
      case 'password':
        body = this.renderPassword(step);
        break;
      case 'email':
        body = this.renderEmail(step);
        break;
      case 'email-sent':
        body = emailSentView(this.t, this.preset, step.email, () =>
          this.go({ name: 'overview', account: step.account }),
        );
        break;
      case 'upgrade':
        body = upgradeView(this.formError, this.theme, this.onUpgradeDone);
        break;
      case 'rename':
        body = renameView(this as unknown as RenameHost, step);
        break;
    }
    return html`<div class="base" part="base">
      <slot name="heading"><h2 part="heading">${this.t('security.heading')}</h2></slot>
      ${this.serverProblem() ?? body}
    </div>`;
  }

  private renderOverview(account: Account): TemplateResult {
    return overviewView({
      t: this.t,
      preset: this.preset,
      account,
      busy: this.action.pending,
      notice: this.notice,
      formError: this.formError,
      methodName: (idp) => this.methodName(idp),
      go: (step) => {
        if (step.name === 'email' || step.name === 'rename') this.email = this.accountName = '';
        this.go(step);
      },
      passkeys: passkeysSection(this.preset, { ...this.effective, client: this.accountClient }, this.theme),
      contact: contactSection({
        preset: this.preset,
        account,
        client: this.accountClient,
        theme: this.theme,
        onError: (error) => this.reportError(error),
        onChange: (updated, notice) => this.changed(updated, 'contact', notice),
      }),
      twoStep: twoStepSection({
        account,
        client: this.accountClient,
        theme: this.theme,
        onError: (error) => this.reportError(error),
        onChange: async (notice) => {
          const read = await this.accountClient.session().catch((error: unknown) => this.reportError(error));
          if ('account' in read) this.changed(read.account, 'two-step', notice);
          else this.formError = read.text;
        },
      }),
    });
  }

  /** What every step form shows. */
  private stepForm(account: Account): StepForm {
    return {
      t: this.t,
      busy: this.action.pending,
      formError: this.formError,
      theme: this.theme,
      reauth: () => this.reauthField(),
      cancel: () => this.go({ name: 'overview', account }),
    };
  }

  private renderUnbind(step: Extract<SecurityStep, { name: 'unbind' }>): TemplateResult {
    return unbindForm({
      ...this.stepForm(step.account),
      method: this.methodName(step.idp),
      remaining: remainingMethods(this.t, this.preset, step.account, step.idp),
      unbind: () => void this.unbind(step.account, step.idp),
    });
  }

  private renderPassword(step: Extract<SecurityStep, { name: 'password' }>): TemplateResult {
    return passwordForm({
      ...this.stepForm(step.account),
      step,
      preset: this.preset,
      errors: this.errors,
      currentPassword: this.currentPassword,
      newPassword: this.newPassword,
      methodName: (idp) => this.methodName(idp),
      onInput: (field, value) => {
        this[field] = value;
        this.errors = { ...this.errors, [field]: '' };
      },
      onSubmit: (event: Event) => void submitPassword(this as unknown as PasswordHost, event),
    });
  }

  private renderEmail(step: Extract<SecurityStep, { name: 'email' }>): TemplateResult {
    return emailForm({
      ...this.stepForm(step.account),
      step,
      preset: this.preset,
      email: this.email,
      error: this.errors.email,
      onInput: (value) => {
        this.email = value;
        this.errors = {};
      },
      onSubmit: this.submitEmail,
    });
  }
}
