/**
 * JD Cloud's security-email sub-flow of registration (docs/flows.md#register-jdcloud): signed in
 * already, the new account may add a security email (skippable); its verification link is sent
 * and the user continues.
 */
import { html, nothing } from 'lit';
import type { Preset } from '@cloud-login/core';
import { emailSentNotice } from '../../form/email.ts';
import { textField } from '../../form/text-field.ts';
import type { Translate } from '../../i18n/index.ts';

export interface SecurityEmailView {
  t: Translate;
  busy: boolean;
  email: string;
  error: string | undefined;
  formError: string;
  /** "Step 3 of 3": the step after the account exists still counts. */
  progress: string | undefined;
  input: (value: string) => void;
  submit: (event: Event) => void;
  skip: () => void;
}

export function securityEmailView(o: SecurityEmailView) {
  const { t, busy } = o;
  return html`
    <form part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${o.submit}>
      <div>
        ${o.progress ? html`<p class="progress" part="progress">${o.progress}</p>` : nothing}
        <h3 id="step-title" part="step-title" tabindex="-1">${t('step.securityEmail')}</h3>
      </div>
      <p class="notice" part="notice" role="status">${t('flow.registered')}</p>
      <p class="intro">${t('flow.securityEmailWhy')}</p>
      ${textField({
        id: 'email',
        label: t('label.securityEmail'),
        value: o.email,
        error: o.error,
        hint: t('hint.email_login'),
        type: 'email',
        autocomplete: 'email',
        required: true,
        disabled: busy,
        onInput: o.input,
      })}
      <p class="form-error" part="form-error" role="alert">${o.formError}</p>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? t('common.busy') : t('action.submit')}</button>
        <button type="button" class="link" part="skip" ?disabled=${busy} @click=${o.skip}>${t('action.skip')}</button>
      </div>
    </form>
  `;
}

export function securityEmailSentView(o: {
  t: Translate;
  preset: Preset;
  email: string;
  done: () => void;
  back: () => void;
}) {
  return html`
    ${emailSentNotice(o.t, o.preset, o.email)}
    <div class="actions">
      <button type="button" class="primary" part="submit" @click=${o.done}>${o.t('register.done')}</button>
      <button type="button" class="link" part="back" @click=${o.back}>${o.t('action.back')}</button>
    </div>
  `;
}
