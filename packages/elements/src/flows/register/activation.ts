/**
 * Tencent Cloud's activation sub-flow of registration (docs/flows.md#register-tencentcloud): the
 * account waits for the link sent to its email ("check your mailbox", with "send again" after
 * the server's cooldown); the link brings the user back with a ticket, and the steps after
 * activation are answered through `POST /continue`.
 */
import { html, nothing } from 'lit';
import type { Account, CloudClient, RegistrationFlow } from '@cloud-login/core';
import type { FieldValues } from '../../form/account-fields.ts';
import type { Translate } from '../../i18n/index.ts';
import { clearFragment, connectionMark, readFragment, takeActivationSecret } from '../../shared/handoff.ts';

/**
 * The activation link's ticket in the address, with the secret it is bound to, once: the ticket
 * leaves the address bar so it is neither reused nor shared. Only a registration this browser
 * made kept that secret: a ticket in a link from anyone else would sign this browser into their
 * account. A third-party login's ticket (its redirect left a mark) is `<cloud-login>`'s, not ours.
 */
export function activationTicket(
  client: CloudClient | undefined,
): { ticket: string; secret: string } | undefined {
  const handoff = readFragment();
  if (handoff?.kind !== 'ticket' || connectionMark()) return undefined;
  clearFragment();
  const secret = client && takeActivationSecret(client.baseUrl);
  return secret ? { ticket: handoff.value, secret } : undefined;
}

/** The last step: registered and signed in (and, with `returnTo`, on the way there). */
export function doneView(t: Translate, account: Account, redirecting: boolean) {
  const name = account.accountName ?? account.email ?? account.phone ?? '';
  return html`<div class="notice" part="notice done" role="status">
    <h3 tabindex="-1" part="step-title">${t('flow.registered')}</h3>
    <p>${t('register.signedInAs', { name })}</p>
    ${redirecting ? html`<p>${t('register.redirecting')}</p>` : nothing}
  </div>`;
}

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
