/**
 * The built-in login methods. QR and third-party methods (a later issue) register themselves
 * the same way, from their own modules.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineLoginMethod } from './registry.ts';
import { CloudPasswordLogin } from './password-login.ts';
import { CloudSmsLogin } from './sms-login.ts';
import { CloudSubaccountLogin } from './subaccount-login.ts';

export { defineLoginMethod, loginMethod, methodsFor } from './registry.ts';
export type { LoginMethodDefinition, LoginMethodContext } from './registry.ts';
export { SignInResultEvent } from './panel.ts';
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
