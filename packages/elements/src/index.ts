/**
 * Every cloud-login element, registered. Import this (or the CDN bundle, which is built from it)
 * to get all tags; import single registration files (`login/cloud-login.ts`…) to get fewer.
 */
export * from './auth/cloud-auth.ts';
export * from './login/cloud-login.ts';
export * from './register/cloud-register.ts';
export * from './phone-input/cloud-phone-input.ts';
export * from './code-input/cloud-code-input.ts';
export * from './password-field/cloud-password-field.ts';
export * from './account-chooser/cloud-account-chooser.ts';
export * from './agreements/cloud-agreements.ts';
export { defineLoginMethod, loginMethod } from './login/methods/index.ts';
export type { LoginMethodDefinition, LoginMethodContext } from './login/methods/index.ts';
export * from './shared/events.ts';
export { cloudConfigContext } from './shared/config.ts';
export type { CloudConfig, StringOverrides } from './shared/config.ts';
