/**
 * The profile steps, as one chunk `<cloud-login>` and `<cloud-account-security>` load on demand:
 * most sign-ins never need them.
 */
export * from './cloud-profile-form.ts';
export * from './cloud-legacy-upgrade.ts';
