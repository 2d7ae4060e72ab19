import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  FEW_RECOVERY_CODES,
  type Account,
  type ApiError,
  type CloudClient,
  type TotpSetup,
} from '@cloud-login/core';
import { ActionController } from '../../controllers/action.ts';
import { CloudElement } from '../../base/cloud-element.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { focusFirst, textField } from '../../form/text-field.ts';
import { addMessages } from '../../i18n/index.ts';
import { twoStepMessages } from '../two-step/messages.ts';
import { accountSecurityStyles } from './account-security.styles.ts';
import { securityMessages } from './messages.ts';
import { ReauthPrompt } from './reauth.ts';

/** The section's states; `render()` is a switch over `name`. */
export type TotpState =
  | { name: 'idle' }
  /** "Turn on" asked for the account to be proven again. */
  | { name: 'start' }
  /** The secret is out: scan, then confirm with the app's first code. */
  | { name: 'setup'; setup: TotpSetup }
  /** The recovery codes, shown this once. */
  | { name: 'codes'; codes: string[]; notice: string }
  | { name: 'disable' }
  | { name: 'regenerate' };

/**
 * Two-step verification changed (on, off, new codes saved): the account should be read again.
 * Internal to `<cloud-account-security>`, which answers it with its own `cloud-account-change`.
 */
export class TwoStepChangeEvent extends Event {
  static readonly eventName = 'two-step-change' as const;
  constructor(readonly notice: string) {
    super(TwoStepChangeEvent.eventName);
  }
}

/**
 * @summary The two-step verification section of `<cloud-account-security>`
 * (docs/flows.md#two-step-verification): on or off, and turning it on — the account proven
 * again, a QR code and the key to type for an authenticator app, the app's first code — then
 * the ten recovery codes, shown once, to copy or download; new recovery codes; turning it off.
 * It needs the account (`GET /session`, with its `twoStep`) and the client that sends its
 * session; `<cloud-account-security>` loads it as a chunk and reads the account again on
 * `two-step-change`.
 *
 * Turned on (once the codes are saved), off, or new codes saved, it fires the internal
 * `two-step-change` (`notice` says which).
 *
 * @csspart section - The section.
 * @csspart action - Turn on, turn off, new recovery codes.
 * @csspart codes-left - "N recovery codes left", when on.
 * @csspart warning - Few recovery codes left (2 or fewer): said, with the button for new ones.
 * @csspart qr - The QR code image.
 * @csspart manual-key - The key to type into the app.
 * @csspart recovery-codes - The list of recovery codes.
 * @csspart submit - A step's main button.
 * @csspart back - Cancel.
 * @csspart form-error - A step-level error.
 */
export class CloudTotpSettings extends CloudElement {
  static override styles = [
    tokens,
    fieldStyles,
    buttonStyles,
    flowStyles,
    accountSecurityStyles,
    css`
      :host {
        display: block;
        max-width: none;
      }
      .qr {
        width: var(--cloud-qr-size, 10rem);
        height: var(--cloud-qr-size, 10rem);
        background: #fff;
      }
      code,
      .codes {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        overflow-wrap: anywhere;
      }
      .codes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
        gap: 0.25rem 1rem;
        margin: 0;
        padding: 0.75rem;
        list-style: none;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      #totp {
        letter-spacing: 0.2em;
        font-variant-numeric: tabular-nums;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .tag.few {
        color: var(--_error);
      }
      .warning {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 0;
        padding: 0.75rem;
        border: 1px solid var(--_error);
        border-radius: var(--_radius);
        font-size: 0.875rem;
      }
      .warning span {
        flex: 1 1 14rem;
      }
    `,
  ];

  static {
    addMessages(twoStepMessages, securityMessages);
  }

  /** The signed-in account, as `GET /session` answers it. */
  @property({ attribute: false }) account?: Account;

  /** The client that sends the account's session (`<cloud-account-security>`'s). */
  @property({ attribute: false }) accountClient?: CloudClient;

  /** The section's state (read-only for sites; for tests and stories). */
  @state() state: TotpState = { name: 'idle' };

  @state() private code = '';
  @state() private codeError = '';
  @state() private formError = '';
  @state() private status = '';

  private readonly action = new ActionController(this);
  private readonly reauth = new ReauthPrompt(this);

  private get calls(): CloudClient {
    return this.accountClient ?? this.requireClient();
  }

  private go(state: TotpState): void {
    this.reauth.reset();
    this.code = '';
    this.codeError = '';
    this.formError = '';
    this.status = '';
    this.state = state;
    void this.updateComplete.then(() => {
      const target =
        this.renderRoot.querySelector<HTMLElement>('h4') ??
        this.renderRoot.querySelector<HTMLElement>('[part~=action]');
      target?.focus();
    });
  }

  /** A refusal: the proof prompt, a field, or the step's error. */
  private refused(error: unknown): void {
    const reported = this.reportError(error) as ApiError & { text: string };
    if (this.reauth.refused(reported, this.t('security.wrongCurrentPassword'))) return;
    if (reported.field === 'code') {
      this.codeError = reported.text;
      this.code = '';
    } else this.formError = reported.text;
  }

  private async run(work: () => Promise<void>): Promise<void> {
    await this.action.run(async () => {
      this.formError = '';
      try {
        await work();
      } catch (error) {
        this.refused(error);
      }
    });
    await this.updateComplete;
    if (!focusFirst(this.renderRoot, true) && this.formError)
      this.renderRoot.querySelector<HTMLElement>('.form-error')?.focus();
  }

  private start(): Promise<void> {
    return this.run(async () => {
      const proof = this.reauth.proof();
      try {
        const setup = await this.calls.totp('setup', proof);
        this.go({ name: 'setup', setup });
      } catch (error) {
        if (this.state.name === 'idle') this.go({ name: 'start' });
        throw error;
      }
    });
  }

  private confirm(event: Event): Promise<void> {
    event.preventDefault();
    const state = this.state;
    if (state.name !== 'setup') return Promise.resolve();
    if (!/^\d{6}$/.test(this.code)) {
      this.codeError = this.code ? this.t('twoStep.codeInvalid') : this.messageFor('field_required');
      return this.updateComplete.then(() => void focusFirst(this.renderRoot, true));
    }
    return this.run(async () => {
      const { recoveryCodes } = await this.calls.totp('confirm', {
        ticket: state.setup.ticket,
        code: this.code,
      });
      this.go({ name: 'codes', codes: recoveryCodes, notice: this.t('twoStep.enabledNotice') });
    });
  }

  private disable(): Promise<void> {
    return this.run(async () => {
      await this.calls.totp('disable', this.reauth.proof());
      this.go({ name: 'idle' });
      this.dispatchEvent(new TwoStepChangeEvent(this.t('twoStep.disabledNotice')));
    });
  }

  private regenerate(): Promise<void> {
    return this.run(async () => {
      const { recoveryCodes } = await this.calls.totp('recovery-codes', this.reauth.proof());
      this.go({ name: 'codes', codes: recoveryCodes, notice: '' });
    });
  }

  private saved(notice: string): void {
    this.go({ name: 'idle' });
    this.dispatchEvent(new TwoStepChangeEvent(notice));
  }

  private async copy(codes: string[]): Promise<void> {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      this.status = this.t('twoStep.copied');
    } catch {
      // No clipboard (permissions, an insecure page): the codes stay on screen to select.
      this.status = '';
    }
  }

  private download(codes: string[]): void {
    const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  private reauthField(): TemplateResult | typeof nothing {
    return this.reauth.render((key) => this.t(key), {
      locale: this.activeLocale,
      busy: this.action.pending,
      client: () => this.calls,
      onError: (error) => (this.reauth.error = this.reportError(error).text),
      theme: this.theme,
    });
  }

  private form(
    title: string,
    intro: string,
    fields: unknown,
    submit: string,
    onSubmit: (event: Event) => void,
  ): TemplateResult {
    const busy = this.action.pending;
    return html`<form class="step" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${onSubmit}>
      <h4 id="totp-step" tabindex="-1" part="step-title">${title}</h4>
      <p class="intro">${intro}</p>
      ${fields} ${this.reauthField()}
      <p class="form-error" part="form-error" role="alert" tabindex="-1">${this.formError}</p>
      <div class="buttons">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>
          ${busy ? this.t('common.busy') : submit}
        </button>
        <button type="button" class="secondary" part="back" ?disabled=${busy} @click=${() => this.go({ name: 'idle' })}>
          ${this.t('action.cancel')}
        </button>
      </div>
    </form>`;
  }

  private body(): unknown {
    const t = this.t;
    const state = this.state;
    const submit = (work: () => Promise<void>) => (event: Event) => {
      event.preventDefault();
      void work();
    };
    switch (state.name) {
      case 'start':
        return this.form(
          t('twoStep.setupTitle'),
          t('twoStep.startIntro'),
          nothing,
          t('twoStep.enable'),
          submit(() => this.start()),
        );
      case 'setup':
        return this.form(
          t('twoStep.setupTitle'),
          t('twoStep.scan'),
          html`<img class="qr" part="qr" src=${state.setup.qr} alt=${t('twoStep.qrAlt')} />
            <p class="intro">${t('twoStep.manualKey')} <code part="manual-key">${state.setup.manualKey}</code></p>
            ${textField({
              id: 'totp',
              label: t('twoStep.codeLabel'),
              value: this.code,
              error: this.codeError,
              inputmode: 'numeric',
              autocomplete: 'one-time-code',
              maxlength: 6,
              required: true,
              disabled: this.action.pending,
              onInput: (value) => {
                this.code = value.replace(/\D/g, '').slice(0, 6);
                this.codeError = '';
              },
            })}`,
          t('twoStep.enable'),
          (event) => void this.confirm(event),
        );
      case 'codes':
        return html`<div class="step">
          <h4 id="totp-step" tabindex="-1" part="step-title">${t('twoStep.codesTitle')}</h4>
          <p class="intro">${t('twoStep.codesIntro')}</p>
          <ul class="codes" part="recovery-codes">
            ${state.codes.map((code) => html`<li>${code}</li>`)}
          </ul>
          <div class="buttons">
            <button type="button" class="secondary" part="action" @click=${() => void this.copy(state.codes)}>${t('twoStep.copy')}</button>
            <button type="button" class="secondary" part="action" @click=${() => this.download(state.codes)}>${t('twoStep.download')}</button>
            <button type="button" class="primary" part="submit" @click=${() => this.saved(state.notice)}>${t('twoStep.saved')}</button>
          </div>
          <p class="status-line" role="status">${this.status}</p>
        </div>`;
      case 'disable':
        return this.form(
          t('twoStep.disableTitle'),
          t('twoStep.disableIntro'),
          nothing,
          t('twoStep.disable'),
          submit(() => this.disable()),
        );
      case 'regenerate':
        return this.form(
          t('twoStep.regenerateTitle'),
          t('twoStep.regenerateIntro'),
          nothing,
          t('twoStep.regenerate'),
          submit(() => this.regenerate()),
        );
      case 'idle':
        return nothing;
    }
  }

  /** Few recovery codes left: said, with the offer of new ones (the row's button moves there). */
  private fewCodes(left: number) {
    const t = this.t;
    return html`<p class="warning" part="warning">
      <span>${t(left === 0 ? 'twoStep.codesNone' : 'twoStep.codesFew')}</span>
      <button type="button" class="primary" part="action" ?disabled=${this.action.pending} @click=${() => this.go({ name: 'regenerate' })}>
        ${t('twoStep.regenerate')}
      </button>
    </p>`;
  }

  override render() {
    const t = this.t;
    const on = this.account?.twoStep?.totp ?? false;
    const left = on ? this.account?.twoStep?.recoveryCodesLeft : undefined;
    const few = left !== undefined && left <= FEW_RECOVERY_CODES;
    const busy = this.action.pending;
    const idle = this.state.name === 'idle';
    return html`<section part="section" aria-labelledby="totp-title">
      <h3 id="totp-title">${t('twoStep.title')}</h3>
      <div class="row">
        <span class="tag ${on ? 'yes' : ''}">${t(on ? 'twoStep.on' : 'twoStep.off')}</span>
        ${
          left !== undefined
            ? html`<span class="tag ${few ? 'few' : ''}" part="codes-left">${left === 1 ? t('twoStep.oneCodeLeft') : t('twoStep.codesLeft', { count: left })}</span>`
            : nothing
        }
        ${
          idle && on
            ? html`${
                few
                  ? nothing
                  : html`<button type="button" class="secondary" part="action" ?disabled=${busy} @click=${() => this.go({ name: 'regenerate' })}>
                      ${t('twoStep.regenerate')}
                    </button>`
              }
              <button type="button" class="secondary" part="action" ?disabled=${busy} @click=${() => this.go({ name: 'disable' })}>
                ${t('twoStep.disable')}
              </button>`
            : idle
              ? html`<button type="button" class="secondary" part="action" ?disabled=${busy} @click=${() => void this.start()}>
                  ${t('twoStep.enable')}
                </button>`
              : nothing
        }
      </div>
      <p class="intro">${t('twoStep.sectionIntro')}</p>
      ${idle && few ? this.fewCodes(left) : nothing}
      ${idle && this.formError ? html`<p class="form-error" part="form-error" role="alert">${this.formError}</p>` : nothing}
      ${this.body()}
    </section>`;
  }
}
