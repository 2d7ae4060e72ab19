/**
 * The built-in login methods: password, SMS, sub-account, IAM link, the app QR (its panel loads
 * on demand), and the third-party buttons (`third-party.ts`, their flow loads on demand).
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { IDPS } from '@cloud-login/core';
import { defineLoginMethod } from './registry.ts';
import { CloudPasswordLogin } from './password-login.ts';
import { CloudSmsLogin } from './sms-login.ts';
import { CloudSubaccountLogin } from './subaccount-login.ts';
import { startConnection } from './third-party.ts';

export { defineLoginMethod, loginMethod, methodsFor } from './registry.ts';
export type { LoginMethodDefinition, LoginMethodContext } from './registry.ts';
export { SignInResultEvent, StartMethodEvent } from './panel.ts';
export { CloudPasswordLogin, CloudSmsLogin, CloudSubaccountLogin };

const define = (tag: string, ctor: CustomElementConstructor) => {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
};
define('cloud-password-login', CloudPasswordLogin);
define('cloud-sms-login', CloudSmsLogin);
define('cloud-subaccount-login', CloudSubaccountLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-password-login': CloudPasswordLogin;
    'cloud-sms-login': CloudSmsLogin;
    'cloud-subaccount-login': CloudSubaccountLogin;
  }
}

defineLoginMethod({
  id: 'qr',
  kind: 'tab',
  // The panel and its styles are a chunk of their own: only JD Cloud offers app QR login.
  load: () => import('../../qr-panel/cloud-qr-panel.ts'),
  render: ({ theme, selected }) => html`<cloud-qr-panel theme=${ifDefined(theme)} .active=${selected !== false}></cloud-qr-panel>`,
});

defineLoginMethod({
  id: 'password',
  kind: 'tab',
  render: ({ theme }) => html`<cloud-password-login theme=${ifDefined(theme)}></cloud-password-login>`,
});

defineLoginMethod({
  id: 'sms',
  kind: 'tab',
  render: ({ theme }) => html`<cloud-sms-login theme=${ifDefined(theme)}></cloud-sms-login>`,
});

defineLoginMethod({
  id: 'subaccount',
  kind: 'tab',
  available: ({ preset }) => preset.subaccounts,
  render: ({ theme }) => html`<cloud-subaccount-login theme=${ifDefined(theme)}></cloud-subaccount-login>`,
});

defineLoginMethod({
  id: 'iam',
  kind: 'link',
  available: ({ preset }) => !!preset.iamLoginUrl,
  href: ({ preset }) => preset.iamLoginUrl,
});

// Third-party login (F8): a button per identity provider the preset lists.
for (const idp of IDPS) {
  defineLoginMethod({
    id: idp,
    kind: 'button',
    activate: (context, signal) => startConnection(idp, context, signal),
  });
}
