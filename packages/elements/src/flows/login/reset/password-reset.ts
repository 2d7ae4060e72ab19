import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type {
  ChooseAccount,
  NeedsNewPassword,
  NeedsTwoStep,
  NeedsProfile,
  ResetSent,
  ResetStep as ServerStep,
  SignInResult,
} from '@cloud-login/core';
import { looksLikePhone } from '@cloud-login/core/rules';
import { CloudElement } from '../../../base/cloud-element.ts';
import { ActionController } from '../../../controllers/action.ts';
import { FlowController } from '../../../controllers/flow.ts';
import { focusFirst, textField } from '../../../form/text-field.ts';
import { addMessages } from '../../../i18n/index.ts';
import { passwordMessages } from '../../../i18n/password-messages.ts';
import { CODE_ERRORS } from '../../../form/account-fields.ts';
import '../../../blocks/account-chooser/cloud-account-chooser.ts';
import '../../../blocks/code-input/cloud-code-input.ts';
import type { CloudCodeInput } from '../../../blocks/code-input/code-input.ts';
import '../../../blocks/password-field/cloud-password-field.ts';
import type { CloudPasswordField } from '../../../blocks/password-field/password-field.ts';
import '../../../blocks/phone-input/cloud-phone-input.ts';
import type { CloudPhoneInput } from '../../../blocks/phone-input/phone-input.ts';
import type { CloudAccountSelectEvent } from '../../../shared/events.ts';
import { flowStyles } from '../../../shared/flow.styles.ts';
import { SignInResultEvent, StartMethodEvent } from '../../../shared/panel-events.ts';
import { buttonStyles, fieldStyles, tokens } from '../../../shared/styles.ts';
import { resetMessages } from './messages.ts';
import { resetStyles } from './reset.styles.ts';

type Channel = ResetSent['channel'];

/** The reset's steps; `cloud-step-change` names them `reset-<name>`. */
export type ResetStep =
  | { name: 'identifier' }
  | { name: 'code'; identifier: string; channel: Channel; sent: ResetSent }
  | { name: 'choose-account'; ticket: string; accounts: ChooseAccount['accounts'] }
  | { name: 'password'; ticket: string };

/**
 * @summary "Forgot password?" inside `<cloud-login>`: the identifier (a phone field when the preset
 * signs in by phone only) and where the code goes, the code (resend with the same cooldown as
 * registration), the account chooser when several accounts share the phone or email, then a new
 * password with the preset's checklist. The answer that signs in goes to `<cloud-login>` like a
 * method panel's (`SignInResultEvent`); "Back to log in" and "JD login" are `StartMethodEvent`s.
 *
 * Every server refusal shows at its field: wrong, expired or spent code at the code, an older JD
 * account (with "JD login" when the preset offers it) and a sub-account at the form, a refused
 * new password (`password_reused`, a rule) at the password.
 *
 * @fires {CloudStepChangeEvent} cloud-step-change - Detail `{flow: 'login', step}`: `reset-identifier`, `reset-code`, `reset-choose-account`, `reset-password`.
 * @fires {CloudErrorEvent} cloud-error - The server refused something.
 */
export class CloudPasswordReset extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, resetStyles];

  static {
    addMessages(passwordMessages, resetMessages);
  }

  @state() step: ResetStep = { name: 'identifier' };
  @state() private identifier = '';
  @state() private channel: Channel = 'sms';
  @state() private code = '';
  @state() private password = '';
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  /** The server said "older JD account": offer JD login. */
  @state() private parentLogin = false;

  private readonly busy = new ActionController(this);
  readonly flow = new FlowController<ResetStep>(this, {
    flow: 'login',
    step: () => this.step,
    key: (step) => `reset-${step.name}`,
    focus: () => this.focusStep(),
  });

  private get phoneOnly(): boolean {
    const kinds = this.preset.passwordLogin.identifiers;
    return kinds.length === 1 && kinds[0] === 'phone';
  }

  private get jdOffered(): boolean {
    const methods = this.effective.methods?.length ? this.effective.methods : this.preset.methods.login;
    return this.preset.methods.login.includes('jd') && methods.includes('jd');
  }

  /** Where the code may go for what is typed: an email's inbox; a phone or account name's phone (or email). */
  private get channels(): Channel[] {
    const value = this.identifier.trim();
    if (!this.phoneOnly && value.includes('@')) return ['email'];
    const phone: Channel[] = this.preset.code.channels.includes('voice') ? ['sms', 'voice'] : ['sms'];
    const accountName =
      !this.phoneOnly &&
      !looksLikePhone(value) &&
      this.preset.passwordLogin.identifiers.includes('accountName');
    return accountName ? [...phone, 'email'] : phone;
  }

  private async focusStep(): Promise<void> {
    await this.updateComplete;
    const block = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(
      'cloud-code-input, cloud-account-chooser, cloud-password-field',
    );
    await block?.updateComplete;
    focusFirst(this.renderRoot);
  }

  private setStep(step: ResetStep): void {
    this.errors = {};
    this.formError = '';
    this.parentLogin = false;
    this.step = step;
  }

  /** Shows a refusal where it belongs; returns its code. */
  private showError(error: unknown, field: string): string {
    const reported = this.reportError(error);
    const code = reported.code;
    const fields = this.fieldErrors(reported);
    if (fields.newPassword) fields.password = fields.newPassword;
    if (CODE_ERRORS.has(code)) this.errors = { code: reported.text };
    else if (code === 'validation_failed' || code === 'code_cooldown' || code === 'rate_limited')
      this.errors = { [field]: fields[field] ?? reported.text };
    else this.formError = reported.text;
    this.parentLogin = code === 'use_parent_login' && this.jdOffered;
    if (code === 'ticket_expired') {
      // A spent or expired ticket cannot be retried: start again, with the reason.
      this.setStep({ name: 'identifier' });
      this.formError = reported.text;
    }
    return code;
  }

  /** The identifier as the server takes it: a phone in E.164, read in the preset's first region. */
  private async normalised(): Promise<string | null> {
    if (this.phoneOnly) {
      const input = this.renderRoot.querySelector<CloudPhoneInput>('cloud-phone-input');
      return input && (await input.validate()) ? input.value : null;
    }
    const value = this.identifier.trim();
    if (!value) {
      this.errors = { identifier: this.messageFor('field_required') };
      return null;
    }
    if (!looksLikePhone(value)) return value;
    try {
      const { loadPhone, regionList } = await import('../../../blocks/phone-input/metadata.ts');
      const { lib, metadata } = await loadPhone(regionList(this.preset.phone));
      const parsed = lib.parsePhone(value, this.preset.phone, metadata);
      return parsed.ok ? parsed.e164 : value;
    } catch {
      return value;
    }
  }

  private sentText(channel: Channel, identifier: string): string {
    const key =
      channel === 'voice' ? 'reset.sentVoice' : channel === 'email' ? 'reset.sentEmail' : 'reset.sentSms';
    return this.t(key, { identifier });
  }

  private request(identifier: string, channel: Channel): Promise<ResetSent> {
    return this.requireClient().requestPasswordReset({ identifier, channel, locale: this.activeLocale });
  }

  /** Resending from the code step (the code field's "resend" / "voice call instead"). */
  private readonly resend = async (asked: 'sms' | 'voice') => {
    const step = this.step;
    if (step.name !== 'code') throw new Error('not at the code step');
    const channel: Channel = step.channel === 'email' ? 'email' : asked;
    const sent = await this.request(step.identifier, channel);
    return { ...sent, status: this.sentText(channel, this.identifier.trim() || step.identifier) };
  };

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    await this.busy.run(async () => {
      this.errors = {};
      this.formError = '';
      try {
        await this.advance();
      } catch (error) {
        this.showError(
          error,
          this.step.name === 'identifier' ? 'identifier' : this.step.name === 'code' ? 'code' : 'password',
        );
      }
    });
    await this.updateComplete;
    if (!focusFirst(this.renderRoot, true) && this.formError)
      this.renderRoot.querySelector<HTMLElement>('.form-error')?.focus();
  }

  private async advance(): Promise<void> {
    const step = this.step;
    const client = this.requireClient();
    if (step.name === 'identifier') {
      const identifier = await this.normalised();
      if (!identifier) return;
      const channel = this.channels.includes(this.channel) ? this.channel : this.channels[0]!;
      const sent = await this.request(identifier, channel);
      this.code = '';
      this.setStep({ name: 'code', identifier, channel, sent });
      await this.updateComplete;
      const input = this.renderRoot.querySelector<CloudCodeInput>('cloud-code-input');
      input?.markSent(
        channel === 'voice' ? 'voice' : 'sms',
        sent.resendAfter,
        this.sentText(channel, this.identifier.trim() || identifier),
      );
    } else if (step.name === 'code') {
      if (!this.renderRoot.querySelector<CloudCodeInput>('cloud-code-input')?.validate()) return;
      this.next(
        await client.verifyPasswordReset({
          identifier: step.identifier,
          code: this.code,
          locale: this.activeLocale,
        }),
      );
    } else if (step.name === 'password') {
      if (!this.renderRoot.querySelector<CloudPasswordField>('cloud-password-field')?.validate()) return;
      const result = await client.continueReset({ ticket: step.ticket, newPassword: this.password });
      // Signed in (or Tencent's missing industry): `<cloud-login>` takes it from here.
      if (result.status === 'choose_account' || (result.status === 'needs_profile' && isNewPassword(result)))
        this.next(result as ServerStep);
      else this.dispatchEvent(new SignInResultEvent(result as SignInResult));
    }
  }

  private next(result: ChooseAccount | NeedsNewPassword): void {
    this.password = '';
    if (result.status === 'choose_account')
      this.setStep({ name: 'choose-account', ticket: result.ticket, accounts: result.accounts });
    else this.setStep({ name: 'password', ticket: result.ticket });
  }

  private async onAccountSelect(event: CloudAccountSelectEvent): Promise<void> {
    const step = this.step;
    const accountId = 'accountId' in event.detail ? event.detail.accountId : '';
    if (step.name !== 'choose-account' || !accountId) return;
    await this.busy.run(async () => {
      this.formError = '';
      try {
        this.next(
          (await this.requireClient().continueReset({ ticket: step.ticket, accountId })) as NeedsNewPassword,
        );
      } catch (error) {
        this.showError(error, 'account');
      }
    });
  }

  private backToLogin(): void {
    this.dispatchEvent(new StartMethodEvent('password'));
  }

  override render() {
    const step = this.step;
    const busy = this.busy.pending;
    let title: string;
    let body: TemplateResult;
    switch (step.name) {
      case 'identifier':
        title = this.t('reset.heading');
        body = this.renderIdentifier(busy);
        break;
      case 'code':
        title = this.t('reset.codeTitle');
        body = html`<cloud-code-input
          required
          ?no-voice=${step.channel === 'email'}
          .sender=${this.resend}
          .value=${this.code}
          .error=${this.errors.code ?? ''}
          ?disabled=${busy}
          theme=${ifDefined(this.theme)}
          @input=${(e: Event) => {
            this.code = (e.currentTarget as CloudCodeInput).value;
            this.errors = {};
            this.formError = '';
          }}
        ></cloud-code-input>`;
        break;
      case 'choose-account':
        title = this.t('reset.chooseTitle');
        body = html`<cloud-account-chooser
          .accounts=${step.accounts}
          heading=${this.t('reset.chooseTitle')}
          ?disabled=${busy}
          aria-busy=${busy ? 'true' : 'false'}
          @cloud-account-select=${this.onAccountSelect}
        ></cloud-account-chooser>`;
        break;
      case 'password':
        title = this.t('reset.passwordTitle');
        body = html`<cloud-password-field
          mode="new"
          required
          label=${this.t('reset.newPassword')}
          .value=${this.password}
          .error=${this.errors.password ?? ''}
          ?disabled=${busy}
          theme=${ifDefined(this.theme)}
          @input=${(e: Event) => {
            this.password = (e.currentTarget as CloudPasswordField).value;
            this.errors = {};
          }}
        ></cloud-password-field>`;
        break;
    }
    const submit =
      step.name === 'choose-account'
        ? nothing
        : html`<button type="submit" class="primary" part="submit" ?disabled=${busy}>
            ${busy ? this.t('common.busy') : this.t(step.name === 'identifier' ? 'reset.sendCode' : step.name === 'code' ? 'action.next' : 'reset.submit')}
          </button>`;
    return html`<form part="form" novalidate aria-labelledby="reset-title" aria-busy=${busy ? 'true' : 'false'} @submit=${this.submit}>
      <h3 id="reset-title" part="step-title">${title}</h3>
      ${body}
      <p class="form-error" part="form-error" role="alert" tabindex="-1">${this.formError}</p>
      ${
        this.parentLogin
          ? html`<button type="button" class="secondary" part="parent-login" @click=${() => this.dispatchEvent(new StartMethodEvent('jd'))}>
            ${this.t('method.jd')}
          </button>`
          : nothing
      }
      <div class="actions">
        ${submit}
        ${
          step.name === 'identifier'
            ? nothing
            : html`<button type="button" class="link" part="back" ?disabled=${busy} @click=${() => this.setStep({ name: 'identifier' })}>
              ${this.t('reset.useOther')}
            </button>`
        }
        <button type="button" class="link" part="back" ?disabled=${busy} @click=${this.backToLogin}>${this.t('login.back')}</button>
      </div>
    </form>`;
  }

  private renderIdentifier(busy: boolean): TemplateResult {
    const channels = this.channels;
    const chosen = channels.includes(this.channel) ? this.channel : channels[0];
    const field = this.phoneOnly
      ? html`<cloud-phone-input
          required
          .value=${this.identifier}
          .error=${this.errors.identifier ?? ''}
          ?disabled=${busy}
          theme=${ifDefined(this.theme)}
          @input=${(e: Event) => {
            this.identifier = (e.currentTarget as CloudPhoneInput).value;
            this.errors = {};
          }}
        ></cloud-phone-input>`
      : textField({
          id: 'identifier',
          label: this.preset.passwordLogin.identifiers
            .map((k) => this.t(`identifier.${k}`))
            .join(this.t('identifier.join')),
          value: this.identifier,
          error: this.errors.identifier,
          autocomplete: 'username',
          required: true,
          disabled: busy,
          onInput: (v) => {
            this.identifier = v;
            this.errors = {};
            this.formError = '';
            this.parentLogin = false;
          },
        });
    return html`<p class="intro">${this.t(this.phoneOnly ? 'reset.phoneIntro' : 'reset.identifierIntro')}</p>
      ${field}
      ${
        channels.length > 1
          ? html`<fieldset class="channels" part="channels">
            <legend part="legend">${this.t('reset.channel')}</legend>
            ${channels.map(
              (c) => html`<label
                ><input
                  type="radio"
                  name="channel"
                  value=${c}
                  .checked=${c === chosen}
                  ?disabled=${busy}
                  @change=${() => (this.channel = c)}
                />
                ${this.t(`reset.channel.${c}`)}</label
              >`,
            )}
          </fieldset>`
          : nothing
      }`;
  }
}

/** A reset's own step (a new password), not the profile steps a sign-in may still need. */
function isNewPassword(result: NeedsProfile | NeedsNewPassword | NeedsTwoStep): boolean {
  return (result.required as string[]).every((field) => field === 'newPassword');
}
