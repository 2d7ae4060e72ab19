export * from './errors.ts';
export * from './preset-data.ts';
export * from './preset-schema.ts';
// Named, not `export *`: a constant a browser bundle reads from this index must not reach it
// through presets.ts, or the bundle may import every preset's chunk with it (esbuild did;
// test/size checks that a page loads only its own preset).
export { PRESETS, resolvePreset } from './presets.ts';
export * from './api.ts';
export * from './client.ts';
export * from './rules.ts';
export * from './phone.ts';
export * from './config.ts';
export * from './messages/index.ts';
// Through password-checks.ts, which browser bundles never load: a re-export straight from
// common-passwords.ts would put the list in every bundle that imports this index (rules.ts says why).
export { COMMON_PASSWORDS, isCommonPassword } from './password-checks.ts';
// `phone-metadata.ts` is left out on purpose: it holds every region's metadata, which the
// browser must not bundle. The server imports `@cloud-login/core/phone-metadata`.
