/**
 * The steps of `<cloud-account-security>` besides the overview: the forms to unbind a third-party
 * login, set or change the password, add or change the security email — each with the proof a
 * sensitive change asks for (`reauth`, from `ReauthPrompt`) and the step's error — then "check
 * your mailbox", the older-JD-account upgrade and "could not load". The element keeps the values
 * and runs the requests.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Idp, Preset } from '@cloud-login/core';
import { emailSentNotice } from '../../form/email.ts';
import type { CloudPasswordField } from '../../blocks/password-field/password-field.ts';
import { textField } from '../../form/text-field.ts';
import type { Translate } from '../../i18n/index.ts';
import type { UpgradeDoneEvent } from '../profile/legacy-upgrade.ts';
import type { SecurityStep } from './steps.ts';

/** What every step form shows. */
export interface StepForm {
  t: Translate;
  busy: boolean;
  formError: string;
  theme: 'light' | 'dark' | undefined;
  /** The proof prompt, when the server asked for one. */
  reauth: () => unknown;
  /** Back to the overview. */
  cancel: () => void;
}

const cancelButton = (f: StepForm) =>
  html`<button type="button" class="link" part="back" ?disabled=${f.busy} @click=${f.cancel}>
    ${f.t('action.cancel')}
  </button>`;

const formError = (f: StepForm) =>
  html`<p class="form-error" part="form-error" role="alert" tabindex="-1">${f.formError}</p>`;

/** "Bind WeChat": what happens, the proof once asked for, and the button that opens the popup. */
export function bindForm(f: StepForm & { method: string; bind: () => void }): TemplateResult {
  const { t, busy, method } = f;
  return html`
    <div class="step" role="group" aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'}>
      <h3 id="step-title" part="step-title" tabindex="-1">${t('security.bindLabel', { method })}</h3>
      <p class="intro">${t('security.bindText', { method })}</p>
      ${formError(f)}
      ${f.reauth()}
      <div class="actions">
        <button type="button" class="primary" part="submit" ?disabled=${busy} @click=${f.bind}>
          ${busy ? t('common.busy') : t('security.bind')}
        </button>
        ${cancelButton(f)}
      </div>
    </div>
  `;
}

export function unbindForm(
  f: StepForm & { method: string; remaining: string[]; unbind: () => void },
): TemplateResult {
  const { t, busy, method } = f;
  return html`
    <div class="step" role="group" aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'}>
      <h3 id="step-title" part="step-title" tabindex="-1">${t('security.unbindTitle', { method })}</h3>
      <p class="intro">${t('security.unbindText', { method })}</p>
      ${
        f.remaining.length
          ? html`<p class="intro" id="remaining-title">${t('security.remaining')}</p>
            <ul part="remaining" aria-labelledby="remaining-title">
              ${f.remaining.map((m) => html`<li>${m}</li>`)}
            </ul>`
          : nothing
      }
      ${formError(f)}
      ${f.reauth()}
      <div class="actions">
        <button type="button" class="primary" part="submit" ?disabled=${busy} @click=${f.unbind}>
          ${busy ? t('common.busy') : t('action.unbind')}
        </button>
        ${cancelButton(f)}
      </div>
    </div>
  `;
}

export interface PasswordForm extends StepForm {
  step: Extract<SecurityStep, { name: 'password' }>;
  preset: Preset;
  errors: Record<string, string>;
  currentPassword: string;
  newPassword: string;
  methodName: (idp: Idp) => string;
  /** A field was typed in: its new value. */
  onInput: (field: 'currentPassword' | 'newPassword', value: string) => void;
  onSubmit: (event: Event) => void;
}

export function passwordForm(f: PasswordForm): TemplateResult {
  const { t, busy, step } = f;
  const has = step.account.hasPassword;
  const input = (field: 'currentPassword' | 'newPassword') => (e: Event) =>
    f.onInput(field, (e.currentTarget as CloudPasswordField).value);
  return html`
    <form part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${f.onSubmit}>
      <h3 id="step-title" part="step-title" tabindex="-1">${t(has ? 'security.changePassword' : 'action.setPassword')}</h3>
      ${step.thenUnbind ? html`<p class="intro">${t('flow.unbindNeedsPassword')}</p>` : nothing}
      ${
        has
          ? html`<cloud-password-field
            mode="current"
            required
            data-field="currentPassword"
            label=${t('label.currentPassword')}
            .value=${f.currentPassword}
            .error=${f.errors.currentPassword ?? ''}
            ?disabled=${busy}
            theme=${ifDefined(f.theme)}
            @input=${input('currentPassword')}
          ></cloud-password-field>`
          : nothing
      }
      <cloud-password-field
        mode="new"
        required
        data-field="newPassword"
        label=${t(has ? 'label.newPassword' : 'label.password')}
        account-name=${f.preset.password.notEqualAccountName ? (step.account.accountName ?? '') : ''}
        .value=${f.newPassword}
        .error=${f.errors.newPassword ?? ''}
        ?disabled=${busy}
        theme=${ifDefined(f.theme)}
        @input=${input('newPassword')}
      ></cloud-password-field>
      ${has ? nothing : f.reauth()}
      ${formError(f)}
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>
          ${busy ? t('common.busy') : step.thenUnbind ? t('security.setAndUnbind', { method: f.methodName(step.thenUnbind) }) : t('action.submit')}
        </button>
        ${cancelButton(f)}
      </div>
    </form>
  `;
}

export interface EmailForm extends StepForm {
  step: Extract<SecurityStep, { name: 'email' }>;
  preset: Preset;
  email: string;
  error: string | undefined;
  onInput: (value: string) => void;
  onSubmit: (event: Event) => void;
}

export function emailForm(f: EmailForm): TemplateResult {
  const { t, busy } = f;
  return html`
    <form part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${f.onSubmit}>
      <h3 id="step-title" part="step-title" tabindex="-1">${t(f.step.account.email !== undefined ? 'security.changeEmail' : 'security.addEmail')}</h3>
      <p class="intro">${t('security.emailIntro', { hours: Math.round(f.preset.emailLinkTtl / 3600) })}</p>
      ${textField({
        id: 'email',
        label: t('label.securityEmail'),
        value: f.email,
        error: f.error,
        hint: t('hint.email_login'),
        type: 'email',
        autocomplete: 'email',
        required: true,
        disabled: busy,
        onInput: f.onInput,
      })}
      ${f.reauth()}
      ${formError(f)}
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? t('common.busy') : t('security.sendLink')}</button>
        ${cancelButton(f)}
      </div>
    </form>
  `;
}

/** The account could not be read: the reason and "try again". */
export const failedView = (t: Translate, message: string, retry: () => void) =>
  html`<p class="form-error" part="form-error" role="alert">${message}</p>
    <div class="actions">
      <button type="button" class="secondary" part="action" @click=${retry}>${t('security.retry')}</button>
    </div>`;

/** "Check your mailbox" after a security email was asked for. */
export const emailSentView = (t: Translate, preset: Preset, email: string, back: () => void) => html`
  ${emailSentNotice(t, preset, email)}
  <div class="actions">
    <button type="button" class="primary" part="submit" @click=${back}>${t('security.backToOverview')}</button>
  </div>
`;

/** An older JD account's upgrade to an account name and password; `formError` says why it was offered. */
export const upgradeView = (
  formError: string,
  theme: 'light' | 'dark' | undefined,
  onDone: (event: UpgradeDoneEvent) => void,
) => html`
  <p class="form-error" part="form-error" role="alert" tabindex="-1">${formError}</p>
  <cloud-legacy-upgrade dismiss="cancel" theme=${ifDefined(theme)} @cloud-upgrade-done=${onDone}></cloud-legacy-upgrade>
`;

/** Focuses a step once shown: its form's first field, the upgrade, else its title or notice. */
export async function focusStepTarget(root: ParentNode, upgrade: boolean): Promise<void> {
  const form = root.querySelector('form');
  const target = form?.querySelector<HTMLElement>('input, cloud-password-field');
  if (target) {
    await (target as { updateComplete?: Promise<unknown> }).updateComplete;
    target.focus();
    return;
  }
  if (upgrade) {
    const block = root.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(
      'cloud-legacy-upgrade',
    );
    await block?.updateComplete;
    block?.focus();
    return;
  }
  root.querySelector<HTMLElement>('h3[tabindex], .notice[tabindex]')?.focus();
}
