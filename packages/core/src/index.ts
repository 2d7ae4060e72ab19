export * from './errors.ts';
export * from './presets/data.ts';
export * from './presets/defaults.ts';
export * from './presets/load.ts';
export * from './presets/schema.ts';
export * from './presets/contact.ts';
// Named, not `export *`: a constant a browser bundle reads from this index must not reach it
// through presets/index.ts, or a bundler may import every preset's chunk with it (test/size
// checks that a page loads only its own preset).
export { PRESETS, resolvePreset } from './presets/index.ts';
export * from './api.ts';
export * from './passkeys.ts';
export * from './client.ts';
export * from './rules/index.ts';
export * from './masks.ts';
export * from './phone.ts';
export * from './config.ts';
export * from './messages/index.ts';
// Through rules/password-checks.ts, which browser bundles never load: the checks with the
// common-password list built in, and the list itself. Exported by name so a bundle that imports
// this index for anything else does not carry the list (rules/index.ts says why).
export {
  checkPassword,
  COMMON_PASSWORDS,
  isCommonPassword,
  passwordChecklist,
} from './rules/password-checks.ts';
// `phone-metadata.ts` is left out on purpose: it holds every region's metadata, which the
// browser must not bundle. The server imports `@cloud-login/core/phone-metadata`.
