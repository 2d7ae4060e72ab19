/**
 * Tencent Cloud's activation sub-flow of registration (docs/flows.md#register-tencentcloud): the
 * account waits for the link sent to its email ("check your mailbox", with "send again" after
 * the server's cooldown); the link brings the user back with a ticket, and the steps after
 * activation are answered through `POST /continue`.
 */
import { html } from 'lit';
import type { RegistrationFlow } from '@cloud-login/core';
import type { FieldValues } from '../../form/account-fields.ts';
import type { Translate } from '../../i18n/index.ts';

export interface ActivationSentView {
  t: Translate;
  email: string;
  busy: boolean;
  /** Seconds until the email may be sent again. */
  waiting: number;
  notice: string;
  formError: string;
  resend: () => void;
  back: () => void;
}

export function activationSentView(o: ActivationSentView) {
  const { t, busy, waiting } = o;
  return html`
    <div class="notice" part="notice">
      <h3 tabindex="-1" part="step-title">${t('register.checkMailbox')}</h3>
      <p>${t('flow.activationSent', { email: o.email })}</p>
      <p class="hint">${t('register.activationHelp')}</p>
    </div>
    <p class="status-line" role="status">${o.notice}</p>
    <p class="form-error" part="form-error" role="alert">${o.formError}</p>
    <div class="actions" aria-busy=${busy ? 'true' : 'false'}>
      <button type="button" class="primary" part="submit" ?disabled=${busy || waiting > 0} @click=${o.resend}>
        ${busy ? t('common.busy') : waiting > 0 ? t('register.resendEmailIn', { seconds: waiting }) : t('action.resendEmail')}
      </button>
      <button type="button" class="link" part="back" ?disabled=${busy} @click=${o.back}>${t('register.useAnotherEmail')}</button>
    </div>
  `;
}

/** What `POST /continue` takes after activation: the values of every step after it, trimmed. */
export function afterActivationBody(flow: RegistrationFlow, values: FieldValues): Record<string, string> {
  const body: Record<string, string> = {};
  for (const step of flow.afterActivation) {
    for (const field of step.fields)
      if (field !== 'agreements' && values[field]) body[field] = values[field]!.trim();
  }
  return body;
}
