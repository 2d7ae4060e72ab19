/**
 * The built-in login methods: password, SMS, sub-account, IAM link, the app QR, and the
 * third-party buttons (`third-party.ts`, their flow loads on demand). Each tab's panel is a chunk
 * of its own, loaded when `<cloud-login>` first shows the tab (or the pointer or focus reaches
 * it): a page pays for the panels it shows — the SMS panel brings phone handling, the code input
 * and its countdown, which a password-first page does not need until someone picks SMS.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { IDPS } from '@cloud-login/core';
import { defineLoginMethod } from './registry.ts';
import { startConnection } from './third-party.ts';

export { defineLoginMethod, loginMethod, methodsFor } from './registry.ts';
export type { LoginMethodDefinition, LoginMethodContext } from './registry.ts';
export { SignInResultEvent, StartMethodEvent } from '../../../shared/panel-events.ts';

defineLoginMethod({
  id: 'qr',
  kind: 'tab',
  // The panel and its styles are a chunk of their own: only JD Cloud offers app QR login.
  load: () => import('../../../blocks/qr-panel/cloud-qr-panel.ts'),
  render: ({ theme, selected }) =>
    html`<cloud-qr-panel theme=${ifDefined(theme)} .active=${selected !== false}></cloud-qr-panel>`,
});

defineLoginMethod({
  id: 'password',
  kind: 'tab',
  load: () => import('./cloud-password-login.ts'),
  render: ({ theme }) => html`<cloud-password-login theme=${ifDefined(theme)}></cloud-password-login>`,
});

defineLoginMethod({
  id: 'sms',
  kind: 'tab',
  load: () => import('./cloud-sms-login.ts'),
  render: ({ theme }) => html`<cloud-sms-login theme=${ifDefined(theme)}></cloud-sms-login>`,
});

defineLoginMethod({
  id: 'subaccount',
  kind: 'tab',
  load: () => import('./cloud-subaccount-login.ts'),
  available: ({ preset }) => preset.subaccounts,
  render: ({ theme }) => html`<cloud-subaccount-login theme=${ifDefined(theme)}></cloud-subaccount-login>`,
});

defineLoginMethod({
  id: 'iam',
  kind: 'link',
  available: ({ preset }) => !!preset.iamLoginUrl,
  href: ({ preset }) => preset.iamLoginUrl,
});

// Passkeys (docs/flows.md#passkeys): a button where the browser has WebAuthn. Its module loads
// when the person reaches for the card (it starts the identifier field's autofill, which offers
// passkeys from the next focus on); WebAuthn's code on use.
defineLoginMethod({
  id: 'passkeys',
  kind: 'button',
  available: () => !!window.PublicKeyCredential,
  load: () => import('./passkey-login.ts'),
  activate: (context) => import('./passkey-login.ts').then((m) => m.default(context)),
});

// Third-party login (docs/flows.md#third-party-login): a button per identity provider the preset lists.
for (const idp of IDPS) {
  defineLoginMethod({
    id: idp,
    kind: 'button',
    activate: (context, signal) => startConnection(idp, context, signal),
  });
}
