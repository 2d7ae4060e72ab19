export * from './errors.ts';
export * from './presets.ts';
export * from './api.ts';
export * from './client.ts';
export * from './rules.ts';
export * from './phone.ts';
export * from './config.ts';
export * from './messages/index.ts';
export { COMMON_PASSWORDS, isCommonPassword } from './common-passwords.ts';
// `phone-metadata.ts` is left out on purpose: it holds every region's metadata, which the
// browser must not bundle. The server imports `@cloud-login/core/phone-metadata`.
