import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { ApiError, type Account, type SignInResult } from '@cloud-login/core';
import { addMessages } from '../../i18n/index.ts';
import { ActionController } from '../../controllers/action.ts';
import { ReadyController } from '../../controllers/ready.ts';
import { CloudElement, navigateTo } from '../../base/cloud-element.ts';
import { cloudConfigContext } from '../../shared/config.ts';
import { FlowController } from '../../controllers/flow.ts';
import { RovingTabsController } from '../../controllers/roving-tabs.ts';
import { CloudLoginSuccessEvent } from '../../shared/events.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { readFragment } from '../../shared/fragment.ts';
import { switchLink } from '../../shared/switch-link.ts';
import { rememberSession } from '../../shared/session.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { methodsFor, type LoginMethodContext, type LoginMethodDefinition } from './methods/index.ts';
import type { StartMethodEvent } from '../../shared/panel-events.ts';
import { LazyController, loadFailed, loadingPlaceholder, type Loader } from './lazy.ts';
import { loginMessages } from './messages.ts';
import { loginStyles } from './login.styles.ts';
import { connectingView, hasMark, methodsView, resetView } from './methods-view.ts';
import { stepKey, type LoginStep } from './steps.ts';
import type { LaterHost } from './later-steps.ts';
import type { PickUpHost } from './pick-up.ts';
import type { CornerHost } from './corner.ts';

export type { LoginStep } from './steps.ts';

/** The later steps' views, once `loginParts.later` has loaded them. */
let later: typeof import('./later-steps.ts') | undefined;
/** The third-party buttons' marks, once `loginParts.logos` has loaded them. */
let logos: typeof import('./logos.ts') | undefined;
/** The corner toggle (003), once `loginParts.corner` has loaded it. */
let corner: typeof import('./corner.ts') | undefined;

/**
 * The parts of the flow most sign-ins never reach, each a chunk loaded when the flow gets there:
 * the account chooser (a phone or a third-party login that matches several accounts) and the
 * profile steps (a first third-party login, the older-JD-account upgrade, two-step verification's
 * code), the password reset;
 * `later`, the views of those steps after a server answer (loaded before the flow switches to one,
 * and as soon as the person starts using the form). Tests and stories swap an entry to show the
 * loading and the load-failed states.
 */
export const loginParts = {
  chooser: (): Promise<unknown> => import('../../blocks/account-chooser/cloud-account-chooser.ts'),
  profile: (): Promise<unknown> => import('../profile/index.ts'),
  pickUp: () => import('./pick-up.ts'),
  reset: (): Promise<unknown> => import('./reset/cloud-password-reset.ts'),
  later: async (): Promise<unknown> => (later = await import('./later-steps.ts')),
  logos: async (): Promise<unknown> => (logos = await import('./logos.ts')),
  corner: async (): Promise<unknown> => (corner = await import('./corner.ts')),
};

/**
 * @summary Sign-in for a cloud console: the preset's login methods, in the preset's order, as
 * accessible tabs (app QR, password, SMS code, sub-account), buttons (WeChat, WeChat Official
 * Account, QQ, JD login) and links (IAM user login); then whatever the server asks next — the
 * account chooser (with "create a new account" for a first third-party login), the profile
 * steps of a first third-party login (`NeedsProfile`), two-step verification's code step, and the upgrade offer after an older JD
 * account signs in through JD login.
 *
 * Third-party login opens the identity provider in a popup and takes the ticket it posts back
 * (from the API's origin only); when the popup is blocked, the page goes there itself and the
 * ticket comes back as `#cl_ticket=…`, which this element picks up and removes from the address.
 *
 * @fires {CloudLoginSuccessEvent} cloud-login-success - Signed in; detail `{account, session}`. Cancelable: prevents the `return-to` navigation.
 * @fires {CloudStepChangeEvent} cloud-step-change - Detail `{flow: 'login', step}`: a method id (`qr`, `password`, `sms`, `subaccount`), `connecting`, `choose-account`, `profile`, `upgrade`, `done`; the password reset's `reset-identifier`, `reset-code`, `reset-choose-account`, `reset-password`.
 * @fires {CloudErrorEvent} cloud-error - The server refused something; detail `{code, message, field?}` (localised message).
 *
 * @slot header - Above the heading, inside the card: the site's logo or title.
 * @slot heading - Replaces the "Log in" heading.
 * @slot footer - Below the form: links to registration, help…
 *
 * @csspart base - The card.
 * @csspart heading - The default heading.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab (also `tab-selected`).
 * @csspart panel - Each tab panel.
 * @csspart links - The row of link methods (IAM).
 * @csspart buttons - The row of third-party login buttons.
 * @csspart method-button - Each third-party login button.
 * @csspart connecting - "Continue in the window that opened" while a third-party login runs.
 * @csspart form-error - A method's failure (a third-party login that did not finish), or a part that could not be loaded.
 * @csspart loading - The placeholder while a tab's panel or a step loads (the tab panel is `aria-busy` meanwhile).
 * @csspart load-failed - In place of a panel or a step whose code could not be loaded: the message and "try again".
 * @csspart retry - "Try again" after a part could not be loaded.
 * @csspart back - The back / cancel button of the later steps.
 * @csspart done - The "logged in" message.
 * @csspart forgot - "Forgot password?" under the password method: the reset steps (`reset-*`).
 * @csspart corner - The corner toggle to a third-party login's QR and back (`qingcloud`'s WeChat, 003).
 * @csspart switch - "Register now" (with `register-href`, or inside `<cloud-auth>`).
 *
 * @cssprop --cloud-brand - Brand colour (buttons, selected tab, focus ring); defaults to the preset's.
 * @cssprop --cloud-brand-contrast - Text on brand-coloured buttons.
 * @cssprop --cloud-button-bg - Primary button background.
 * @cssprop --cloud-button-color - Primary button text.
 * @cssprop --cloud-surface - Card background.
 * @cssprop --cloud-text - Text colour.
 * @cssprop --cloud-muted-text - Secondary text.
 * @cssprop --cloud-border-color - Borders.
 * @cssprop --cloud-field-bg - Input background.
 * @cssprop --cloud-error - Error colour.
 * @cssprop --cloud-success - Success colour.
 * @cssprop --cloud-focus-ring - Focus ring colour; defaults to the preset's (never its error colour).
 * @cssprop --cloud-shadow - The card's shadow; defaults to the preset's.
 * @cssprop --cloud-radius - Corner radius.
 * @cssprop --cloud-font - Font family.
 * @cssprop --cloud-max-width - Maximum width of the card.
 */

export class CloudLogin extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, loginStyles];

  static {
    addMessages(loginMessages);
  }

  /** The site's sign-up page, for "Register now" (inside `<cloud-auth>`: a switch to `<cloud-register>`). */
  @property({ attribute: 'register-href' }) registerHref?: string;

  /** The current step (read-only for sites; for tests and debugging). */
  @state() step: LoginStep = { name: 'method', method: '' };

  private readonly provider$ = new ContextProvider(this, { context: cloudConfigContext });
  /** Used by the later steps (`later-steps.ts`), like the other members they read. */
  private readonly continuing = new ActionController(this);
  private readonly parts = new LazyController(this, (error) => this.partFailed(error));
  /**
   * `:state(ready)` once the first screen is complete (README, "No layout shift"). The buttons'
   * marks are decoration: they load then, when the browser is idle (within a second), with their
   * places kept meanwhile (methods-view.ts).
   */
  private readonly ready = new ReadyController(this, () =>
    // Safari has no idle callbacks.
    'requestIdleCallback' in globalThis
      ? requestIdleCallback(() => this.loadLogos(), { timeout: 1000 })
      : setTimeout(() => this.loadLogos()),
  );
  /** A tab switch keeps focus on the tab (the tabs pattern); other step changes move it. */
  private tabSwitch = false;
  private readonly flow = new FlowController<LoginStep>(this, {
    flow: 'login',
    step: () => this.step,
    key: stepKey,
    announce: (step) => (step.name === 'method' ? step.method : step.name === 'reset' ? '' : step.name),
    focus: () => this.focusStep(),
    shouldFocus: (step) => {
      const switched = step.name === 'method' && this.tabSwitch;
      this.tabSwitch = false;
      return !switched;
    },
  });
  private readonly tabs = new RovingTabsController(this, {
    ids: () => this.available.filter((m) => m.kind === 'tab').map((m) => m.id),
    selected: () => (this.step.name === 'method' ? this.step.method : ''),
    select: (id) => this.selectTab(id),
  });

  private get context(): LoginMethodContext {
    return {
      preset: this.preset,
      config: this.effective,
      t: this.t,
      locale: this.activeLocale,
      theme: this.theme,
      host: this,
      client: this.client,
    };
  }

  private get available(): LoginMethodDefinition[] {
    return methodsFor(this.context, this.effective.methods);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The panels read the same configuration, already resolved (and with the client made).
    this.provider$.setValue({ ...this.effective, client: this.client });
    if (!this.hasUpdated && readFragment()) {
      this.step = { name: 'connecting', method: '', from: '', checking: true };
      void this.pickUpHandoff();
    }
    const available = this.available;
    // Buttons and links are shown at once (their code, if any, comes when the card is reached);
    // a tab's panel loads when the tab is first shown.
    if (this.preset.cornerLogin) void this.parts.want(loginParts.corner);
    const tabs = available.filter((m) => m.kind === 'tab');
    const step = this.step;
    if (step.name === 'method' && !tabs.some((m) => m.id === step.method) && tabs[0]) {
      this.step = { name: 'method', method: tabs[0].id, ...(step.error && { error: step.error }) };
    }
    const part = this.partOf(this.step);
    if (part) void this.parts.want(part);
  }

  /** The chunk the step shows, when it loads on demand. */
  private partOf(step: LoginStep): Loader | undefined {
    switch (step.name) {
      case 'method':
        return this.available.find((m) => m.id === step.method && m.kind === 'tab')?.load;
      case 'choose-account':
        return loginParts.chooser;
      case 'profile':
      case 'upgrade':
        return loginParts.profile;
      default:
        return step.name === 'reset' ? loginParts.reset : undefined;
    }
  }

  /** A chunk this element waited for could not be loaded: the person sees it; the page hears of it. */
  private partFailed(error: unknown): void {
    console.warn('cloud-login: could not load a part of the form', error);
    this.reportError(new ApiError(0, 'network_error', 'could not load a part of the form'));
  }

  /** A part that loads on demand: itself once loaded, the placeholder meanwhile, or "try again". */
  private whenLoaded(part: Loader | undefined, render: () => unknown): unknown {
    switch (part ? this.parts.status(part) : 'loaded') {
      case 'loaded':
        return render();
      case 'failed':
        return loadFailed(this.messageFor('network_error'), this.t('login.retry'), () => this.retry(part!));
      default:
        return loadingPlaceholder(this.t('common.busy'));
    }
  }

  private async retry(part: Loader): Promise<void> {
    await this.parts.retry(part);
    await this.updateComplete;
    // Where the button was: the part that came, or the button of a second failure.
    if (this.parts.status(part) === 'loaded') await this.focusPart();
    else this.renderRoot.querySelector<HTMLElement>('[part=retry]')?.focus();
  }

  /** The first tab, where a flow that gave up returns to. */
  private get firstMethod(): string {
    return this.available.find((m) => m.kind === 'tab')?.id ?? '';
  }

  /**
   * Back from a third-party login that had to leave the page (popup blocked): the identity
   * provider sent the browser here with `#cl_ticket=…` (or `#cl_error=<code>`), which
   * `pick-up.ts` takes when it is this element's. Until then the element shows "please wait".
   */
  private async pickUpHandoff(): Promise<void> {
    let pickUp;
    try {
      pickUp = await loginParts.pickUp();
    } catch (error) {
      // The ticket stays in the address: loading the page again picks it up.
      this.partFailed(error);
      this.step = { name: 'method', method: '', error: this.messageFor('network_error') };
      return;
    }
    await pickUp.pickUp(this as unknown as PickUpHost);
  }

  private async focusStep(): Promise<void> {
    await this.continuing.idle();
    const part = this.partOf(this.step);
    if (part) {
      await this.parts.want(part);
      await this.updateComplete;
    }
    await this.focusPart();
  }

  /** Focuses what the step shows (once its part is there): "try again" in place of a part. */
  private async focusPart(): Promise<void> {
    const step = this.step;
    const root = this.renderRoot;
    const shown =
      step.name === 'method'
        ? step.error
          ? '.method-error'
          : '[role=tabpanel]:not([hidden]) > *, .single > *'
        : {
            done: '.done',
            'choose-account': 'cloud-account-chooser',
            connecting: '.connecting [role=status]',
            profile: 'cloud-profile-form,cloud-totp-step',
            upgrade: 'cloud-legacy-upgrade',
            reset: 'cloud-password-reset',
          }[step.name];
    // No panel (a preset with buttons only): the first button. This root has no fields.
    const target = (root.querySelector('[part=retry]') ??
      root.querySelector(shown) ??
      (step.name === 'method' ? root.querySelector('button:not(:disabled)') : null)) as
      (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await target?.updateComplete;
    target?.focus();
  }

  private selectTab(method: string): void {
    if (this.step.name === 'method' && this.step.method === method) return;
    this.tabSwitch = true;
    this.step = { name: 'method', method };
  }

  /**
   * What a panel, a third-party login or a `/continue` produced. A step after it other than
   * "done" comes with its views (`loginParts.later`), loaded first. When they cannot be loaded,
   * an older JD account finishes signing in without the upgrade offer; otherwise the flow goes
   * back to the methods with the reason (the load's failure is reported as a `cloud-error`).
   */
  private async handleResult(result: SignInResult, method: string): Promise<void> {
    const legacy = result.status === 'authenticated' && result.account.legacy && this.preset.accountName;
    if (result.status === 'authenticated' && !legacy)
      return this.succeed(result.account, result.session, result.returnTo);
    await this.parts.want(loginParts.later);
    if (later) later.nextStep(this as unknown as LaterHost, result, method);
    else if (result.status === 'authenticated') this.succeed(result.account, result.session, result.returnTo);
    else this.step = { name: 'method', method: this.firstMethod, error: this.messageFor('network_error') };
  }

  private succeed(account: Account, session: { token: string; expiresAt: string }, returnTo?: string): void {
    if (this.client) rememberSession(this.client.baseUrl, session.token);
    this.step = { name: 'done', account };
    const event = new CloudLoginSuccessEvent({ account, session });
    this.dispatchEvent(event);
    // A third-party login's saved `returnTo` is this very page (where the popup's ticket goes):
    // going there would only reload it.
    const elsewhere =
      returnTo && new URL(returnTo, location.href).href.split('#')[0] !== location.href.split('#')[0]
        ? returnTo
        : undefined;
    if (!event.defaultPrevented) navigateTo(this.effective.returnTo ?? elsewhere);
  }

  /** Runs a step that ends in a server answer (a third-party login, a picked-up ticket). */
  private async follow(
    method: string,
    from: string,
    work: () => Promise<SignInResult | null>,
    abort?: AbortController,
  ): Promise<void> {
    try {
      const result = await work();
      if (abort?.signal.aborted || this.step.name !== 'connecting') return;
      if (result) await this.handleResult(result, method);
      else this.step = { name: 'method', method: from || this.firstMethod };
    } catch (error) {
      if (abort?.signal.aborted) return;
      this.step = { name: 'method', method: from || this.firstMethod, error: this.reportError(error).text };
    }
  }

  /**
   * Starts a method: `reset` ("Forgot password?"), a tab (the reset's way back), or a button (third-party
   * login), synchronously up to its `activate()`: it opens a popup, allowed only inside the click.
   */
  private startMethod(id: string): void {
    const method = this.available.find((m) => m.id === id);
    if (id === 'reset' || method?.kind === 'tab')
      return void (this.step = method ? { name: 'method', method: id } : { name: 'reset' });
    if (!method || method.kind !== 'button') return;
    const from = this.step.name === 'method' ? this.step.method : this.firstMethod;
    const abort = new AbortController();
    let pending: Promise<SignInResult | null>;
    try {
      pending = method.activate(this.context, abort.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    this.step = { name: 'connecting', method: id, from, abort };
    void this.follow(id, from, () => pending, abort);
  }

  private cancelConnecting(): void {
    const step = this.step;
    if (step.name !== 'connecting') return;
    step.abort?.abort();
    this.step = { name: 'method', method: step.from || this.firstMethod };
  }

  private onStartMethod(event: StartMethodEvent): void {
    event.stopPropagation();
    this.startMethod(event.method);
  }

  override render() {
    const step = this.step;
    const heading = html`<slot name="header"></slot><slot name="heading"><h2 part="heading">${this.t('login.heading')}</h2></slot>`;
    let body;
    switch (step.name) {
      case 'method':
        body = html`${this.renderMethods(step.method)}${switchLink(this, this.registerHref, !!this.inherited, this.t('login.registerNow'))}`;
        break;
      case 'reset':
        body = this.whenLoaded(loginParts.reset, () =>
          resetView(
            this.theme,
            (e) => this.onStartMethod(e),
            (r) => void this.handleResult(r, 'password'),
          ),
        );
        break;
      case 'connecting':
        body = connectingView(this.t, step.abort ? step.method : undefined, () => this.cancelConnecting());
        break;
      case 'choose-account':
      case 'profile':
      case 'upgrade':
        body = this.whenLoaded(loginParts.later, () =>
          later!.laterView(this as unknown as LaterHost, step, loginParts),
        );
        break;
      case 'done':
        body = html`<p class="done notice" part="done" role="status" tabindex="-1">
          ${this.t('login.signedIn', { name: step.account.accountName ?? step.account.email ?? step.account.phone ?? '' })}
        </p>`;
        break;
    }
    // Someone starts using the form: the later steps will be there when the server answers.
    const prefetch = () => this.parts.preload(loginParts.later);
    return html`<div class="base" part="base" lang=${this.activeLocale} @input=${prefetch} @pointerdown=${prefetch} @keydown=${prefetch} @pointerover=${this.wantLogos} @focusin=${this.wantLogos}>${heading} ${this.serverProblem() ?? body}<slot name="footer"></slot>${corner?.cornerView(this as unknown as CornerHost)}</div>`;
  }

  /**
   * The person reaches for the card: the code of buttons that bring their own (a passkey's, which
   * also starts the identifier's autofill), and the buttons' marks if they are not in yet.
   */
  private wantLogos(): void {
    for (const m of this.available) if (m.kind !== 'tab' && m.load) void this.parts.want(m.load);
    this.loadLogos();
  }

  /** The third-party buttons' marks (`logos.ts`), where a button shows one. */
  private loadLogos(): void {
    const corner = this.preset?.cornerLogin;
    if (!logos && this.available.some((m) => m.kind === 'button' && m.id !== corner && hasMark(m.id)))
      loginParts.logos().then(
        () => this.requestUpdate(),
        () => {},
      );
  }

  private renderMethods(selected: string) {
    const step = this.step;
    return methodsView({
      t: this.t,
      methods: this.available,
      selected,
      error: step.name === 'method' ? step.error : undefined,
      context: this.context,
      status: (load) => (load ? this.parts.status(load) : 'loaded'),
      preload: (load) => this.parts.preload(load),
      whenLoaded: (load, render) => this.whenLoaded(load, render),
      onTabKey: this.tabs.onKeyDown,
      selectTab: (id) => this.selectTab(id),
      startMethod: (id) => this.startMethod(id),
      onResult: (method) => (event) => {
        event.preventDefault();
        void this.handleResult(event.result, method);
      },
      onStartMethod: (event) => this.onStartMethod(event),
      logo: logos?.logo,
    });
  }
}
