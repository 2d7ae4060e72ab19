/**
 * Every cloud-login element, registered. Import this (or the CDN bundle, which is built from it)
 * to get all tags; import single registration files (`login/cloud-login.ts`…) to get fewer.
 *
 * `<cloud-account-security>` and `<cloud-qr-panel>` are defined on use: their code is a chunk
 * that loads once such a tag is in the document (`<cloud-login>` loads the QR panel itself when
 * its preset offers app QR login). `loadAccountSecurity()` / `loadQrPanel()` load them at once.
 */
import { defineOnUse } from './shared/auto-define.ts';

export * from './auth/cloud-auth.ts';
export * from './login/cloud-login.ts';
export * from './register/cloud-register.ts';
export * from './phone-input/cloud-phone-input.ts';
export * from './code-input/cloud-code-input.ts';
export * from './password-field/cloud-password-field.ts';
export * from './account-chooser/cloud-account-chooser.ts';
// `<cloud-login>` loads its panels when it shows them; importing the package defines them all.
export * from './login/methods/cloud-password-login.ts';
export * from './login/methods/cloud-sms-login.ts';
export * from './login/methods/cloud-subaccount-login.ts';
export * from './agreements/cloud-agreements.ts';
export { defineLoginMethod, loginMethod } from './login/methods/index.ts';
export type { LoginMethodDefinition, LoginMethodContext } from './login/methods/index.ts';
export * from './shared/events.ts';
export { cloudConfigContext } from './shared/config.ts';
export type { CloudConfig, StringOverrides } from './shared/config.ts';
export type { CloudAccountSecurity, SecurityStep } from './account-security/cloud-account-security.ts';
export type { CloudQrPanel, QrPanelState } from './qr-panel/cloud-qr-panel.ts';

/** Defines `<cloud-account-security>` now (for use inside another component's shadow root). */
export const loadAccountSecurity = () => import('./account-security/cloud-account-security.ts');
/** Defines `<cloud-qr-panel>` now. */
export const loadQrPanel = () => import('./qr-panel/cloud-qr-panel.ts');

defineOnUse('cloud-account-security', loadAccountSecurity);
defineOnUse('cloud-qr-panel', loadQrPanel);
