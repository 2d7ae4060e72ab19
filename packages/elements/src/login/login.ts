/**
 * @summary Sign-in for a cloud console: the preset's login methods, in the preset's order, as
 * accessible tabs (password, SMS code, sub-account) and links (IAM user login), with the
 * account chooser when a phone or password matches several accounts.
 *
 * @fires cloud-login-success - Signed in; detail `{account, session}`. Cancelable: prevents the `return-to` navigation.
 * @fires cloud-step-change - Detail `{flow: 'login', step}`: `password`, `sms`, `subaccount`, `choose-account`, `done`.
 * @fires cloud-error - The server refused something; detail `{code, message, field?}` (localised message).
 *
 * @slot heading - Replaces the "Log in" heading.
 * @slot footer - Below the form: links to registration, help…
 *
 * @csspart base - The card.
 * @csspart heading - The default heading.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab (also `tab-selected`).
 * @csspart panel - Each tab panel.
 * @csspart links - The row of link methods (IAM).
 * @csspart back - The back button of the account chooser step.
 * @csspart done - The "logged in" message.
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
 * @cssprop --cloud-focus-ring - Focus outline colour.
 * @cssprop --cloud-radius - Corner radius.
 * @cssprop --cloud-font - Font family.
 * @cssprop --cloud-max-width - Maximum width of the card.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Account, SignInResult } from '@cloud-login/core';
import '../account-chooser/cloud-account-chooser.ts';
import type { ChooserAccount } from '../account-chooser/account-chooser.ts';
import { ActionController } from '../shared/action.ts';
import { CloudElement, navigateTo } from '../shared/cloud-element.ts';
import { cloudConfigContext } from '../shared/config.ts';
import { CloudAccountSelectEvent, CloudLoginSuccessEvent, CloudStepChangeEvent } from '../shared/events.ts';
import { flowStyles } from '../shared/flow.styles.ts';
import { rememberSession } from '../shared/session.ts';
import { buttonStyles, fieldStyles, tokens } from '../shared/styles.ts';
import { focusFirst } from '../shared/text-field.ts';
import {
  methodsFor,
  SignInResultEvent,
  type LoginMethodContext,
  type LoginMethodDefinition,
} from './methods/index.ts';
import { loginStyles } from './login.styles.ts';

/** The login flow's states; `render()` is a switch over `name`. */
export type LoginStep =
  | { name: 'method'; method: string }
  | { name: 'choose-account'; method: string; ticket: string; accounts: ChooserAccount[]; createNew: boolean; error?: string }
  | { name: 'done'; account: Account };

export class CloudLogin extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, loginStyles];

  /** The current step (read-only for sites; for tests and debugging). */
  @state() step: LoginStep = { name: 'method', method: '' };

  private readonly provider$ = new ContextProvider(this, { context: cloudConfigContext });
  private readonly continuing = new ActionController(this);
  private lastStepKey = '';

  private get context(): LoginMethodContext {
    return { preset: this.preset, config: this.effective, t: this.t, theme: this.theme, host: this };
  }

  private get available(): LoginMethodDefinition[] {
    return methodsFor(this.context, this.effective.methods);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The panels read the same configuration, already resolved (and with the client made).
    this.provider$.setValue({ ...this.effective, client: this.client });
    const tabs = this.available.filter((m) => m.kind === 'tab');
    const step = this.step;
    if (step.name === 'method' && !tabs.some((m) => m.id === step.method) && tabs[0]) {
      this.step = { name: 'method', method: tabs[0].id };
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const key = this.step.name === 'method' ? this.step.method : this.step.name;
    if (key && key !== this.lastStepKey) {
      const previous = this.lastStepKey;
      this.lastStepKey = key;
      this.dispatchEvent(new CloudStepChangeEvent({ flow: 'login', step: key }));
      // Not on first render (the page decides where focus starts), nor on a tab switch (the
      // tab pattern keeps focus on the tab).
      if (previous && !(this.step.name === 'method' && changed.has('step') && this.tabSwitch)) this.focusStep();
      this.tabSwitch = false;
    }
  }

  private tabSwitch = false;

  private async focusStep(): Promise<void> {
    await this.continuing.idle();
    const root = this.renderRoot;
    if (this.step.name === 'done') {
      root.querySelector<HTMLElement>('.done')?.focus();
    } else if (this.step.name === 'choose-account') {
      root.querySelector<HTMLElement>('cloud-account-chooser')?.focus();
    } else {
      const panel = root.querySelector<HTMLElement>(`[role=tabpanel]:not([hidden]) > *, .single > *`);
      if (panel) {
        await (panel as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
        panel.focus();
      } else focusFirst(root);
    }
  }

  private selectTab(method: string, focus = false): void {
    if (this.step.name === 'method' && this.step.method === method) return;
    this.tabSwitch = true;
    this.step = { name: 'method', method };
    if (focus) this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${method}`)?.focus());
  }

  private onTabKey(event: KeyboardEvent, tabs: LoginMethodDefinition[]): void {
    if (this.step.name !== 'method') return;
    const current = tabs.findIndex((m) => m.id === (this.step as { method: string }).method);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const next: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: current + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: current - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const index = next[event.key];
    if (index === undefined) return;
    event.preventDefault();
    const target = tabs[(index + tabs.length) % tabs.length]!;
    this.selectTab(target.id, true);
  }

  /** What a panel or the chooser's `/continue` produced. */
  private handleResult(result: SignInResult, method: string): void {
    switch (result.status) {
      case 'authenticated':
        this.succeed(result.account, result.session, result.returnTo);
        break;
      case 'choose_account':
        this.step = {
          name: 'choose-account',
          method,
          ticket: result.ticket,
          accounts: result.accounts,
          createNew: result.createNew ?? false,
        };
        break;
      case 'needs_profile':
        // Profile steps belong to third-party first logins (a later issue): the form methods
        // here never get one, so say so instead of hanging.
        this.reportError(new Error(`unexpected needs_profile answer (${result.required.join(', ')})`));
        break;
    }
  }

  private succeed(account: Account, session: { token: string; expiresAt: string }, returnTo?: string): void {
    if (this.client) rememberSession(this.client.baseUrl, session.token);
    this.step = { name: 'done', account };
    const event = new CloudLoginSuccessEvent({ account, session });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) navigateTo(this.effective.returnTo ?? returnTo);
  }

  private async onAccountSelect(event: CloudAccountSelectEvent): Promise<void> {
    const step = this.step;
    if (step.name !== 'choose-account') return;
    await this.continuing.run(async () => {
      try {
        const result = await this.requireClient().continue({ ticket: step.ticket, ...event.detail });
        this.handleResult(result, step.method);
      } catch (error) {
        const reported = this.reportError(error);
        // A used or expired ticket cannot be retried: back to the form, with the reason.
        if (reported.code === 'ticket_expired') {
          this.step = { name: 'method', method: step.method };
          await this.updateComplete;
          const panel = this.renderRoot.querySelector(`#panel-${step.method} > *`) as { formError?: string } | null;
          if (panel) panel.formError = reported.text;
        } else {
          this.step = { ...step, error: reported.text };
        }
      }
    });
  }

  private back(): void {
    const method = this.step.name === 'choose-account' ? this.step.method : this.available[0]?.id ?? '';
    this.step = { name: 'method', method };
  }

  override render() {
    const step = this.step;
    const heading = html`<slot name="heading"><h2 part="heading">${this.t('login.heading')}</h2></slot>`;
    let body;
    switch (step.name) {
      case 'method':
        body = this.renderMethods(step.method);
        break;
      case 'choose-account':
        body = html`
          <cloud-account-chooser
            .accounts=${step.accounts}
            ?allow-create=${step.createNew}
            ?disabled=${this.continuing.pending}
            aria-busy=${this.continuing.pending ? 'true' : 'false'}
            @cloud-account-select=${this.onAccountSelect}
          ></cloud-account-chooser>
          <p class="form-error" part="form-error" role="alert">${step.error ?? ''}</p>
          <div class="actions">
            <button type="button" class="link" part="back" ?disabled=${this.continuing.pending} @click=${this.back}>
              ${this.t('action.back')}
            </button>
          </div>
        `;
        break;
      case 'done':
        body = html`<p class="done notice" part="done" role="status" tabindex="-1">
          ${this.t('login.signedIn', { name: step.account.accountName ?? step.account.email ?? step.account.phone ?? '' })}
        </p>`;
        break;
    }
    return html`<div class="base" part="base">${heading} ${body}<slot name="footer"></slot></div>`;
  }

  private renderMethods(selected: string) {
    const methods = this.available;
    const tabs = methods.filter((m) => m.kind === 'tab');
    const links = methods.filter((m) => m.kind === 'link');
    const buttons = methods.filter((m) => m.kind === 'button');
    if (methods.length === 0) return html`<p class="form-error" role="alert">${this.t('login.noMethods')}</p>`;
    const context = this.context;
    const onResult = (method: string) => (event: SignInResultEvent) => this.handleResult(event.result, method);
    const label = (m: LoginMethodDefinition) => this.t(m.label ?? `method.${m.id}`);
    return html`
      ${tabs.length > 1
        ? html`<div
            role="tablist"
            part="tabs"
            aria-label=${this.t('login.methods')}
            @keydown=${(e: KeyboardEvent) => this.onTabKey(e, tabs)}
          >
            ${tabs.map(
              (m) => html`<button
                type="button"
                role="tab"
                id=${`tab-${m.id}`}
                part=${m.id === selected ? 'tab tab-selected' : 'tab'}
                aria-selected=${m.id === selected ? 'true' : 'false'}
                aria-controls=${`panel-${m.id}`}
                tabindex=${m.id === selected ? 0 : -1}
                @click=${() => this.selectTab(m.id)}
              >
                ${label(m)}
              </button>`,
            )}
          </div>`
        : nothing}
      ${tabs.map((m) =>
        tabs.length > 1
          ? html`<div
              role="tabpanel"
              id=${`panel-${m.id}`}
              part="panel"
              aria-labelledby=${`tab-${m.id}`}
              ?hidden=${m.id !== selected}
              @cloud-signin-result=${onResult(m.id)}
            >
              ${m.kind === 'tab' ? m.render(context) : nothing}
            </div>`
          : html`<div class="single" id=${`panel-${m.id}`} part="panel" @cloud-signin-result=${onResult(m.id)}>
              ${m.kind === 'tab' ? m.render(context) : nothing}
            </div>`,
      )}
      ${buttons.length
        ? html`<div class="links" part="buttons" role="group" aria-label=${this.t('login.otherMethods')}>
            ${buttons.map(
              (m) => html`<button type="button" class="secondary" part="method-button" @click=${() => m.kind === 'button' && m.activate(context)}>
                ${label(m)}
              </button>`,
            )}
          </div>`
        : nothing}
      ${links.length
        ? html`<div class="links" part="links">
            ${links.map((m) => {
              const href = m.kind === 'link' ? m.href(context) : null;
              return href ? html`<a part="link" href=${href}>${label(m)}</a>` : nothing;
            })}
          </div>`
        : nothing}
    `;
  }
}
