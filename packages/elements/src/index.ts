/**
 * Every cloud-login element, registered. Import this (or the CDN bundle, which is built from it)
 * to get all tags; import single registration files (`flows/login/cloud-login.ts`…) to get fewer.
 *
 * `<cloud-account-security>` and `<cloud-qr-panel>` are defined on use: their code is a chunk
 * that loads once such a tag is in the document (`<cloud-login>` loads the QR panel itself when
 * its preset offers app QR login). `loadAccountSecurity()` / `loadQrPanel()` load them at once.
 */
import { defineOnUse } from './shared/auto-define.ts';

export * from './auth/cloud-auth.ts';
export * from './flows/login/cloud-login.ts';
export * from './flows/register/cloud-register.ts';
export * from './blocks/phone-input/cloud-phone-input.ts';
export * from './blocks/code-input/cloud-code-input.ts';
export * from './blocks/password-field/cloud-password-field.ts';
export * from './blocks/account-chooser/cloud-account-chooser.ts';
// `<cloud-login>` loads its panels when it shows them; importing the package defines them all.
export * from './flows/login/methods/cloud-password-login.ts';
export * from './flows/login/methods/cloud-sms-login.ts';
export * from './flows/login/methods/cloud-subaccount-login.ts';
export * from './blocks/agreements/cloud-agreements.ts';
export { defineLoginMethod, loginMethod } from './flows/login/methods/index.ts';
export type { LoginMethodDefinition, LoginMethodContext } from './flows/login/methods/index.ts';
export * from './shared/events.ts';
export { cloudConfigContext } from './shared/config.ts';
export type { CloudConfig, StringOverrides } from './shared/config.ts';
export type { CloudAccountSecurity, SecurityStep } from './flows/account-security/cloud-account-security.ts';
export type { CloudQrPanel, QrPanelState } from './blocks/qr-panel/cloud-qr-panel.ts';
// Fired from the code field's challenge chunk; a type here, so importing it loads nothing.
export type { CloudChallengeEvent, ChallengeDetail } from './blocks/code-input/challenge.ts';

/** Defines `<cloud-account-security>` now (for use inside another component's shadow root). */
export const loadAccountSecurity = () => import('./flows/account-security/cloud-account-security.ts');
/** Defines `<cloud-qr-panel>` now. */
export const loadQrPanel = () => import('./blocks/qr-panel/cloud-qr-panel.ts');

defineOnUse('cloud-account-security', loadAccountSecurity);
defineOnUse('cloud-qr-panel', loadQrPanel);
