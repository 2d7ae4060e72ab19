/**
 * The profile steps, as one chunk `<cloud-login>` and `<cloud-account-security>` load on demand:
 * most sign-ins never need them. Two-step verification's code step is one of them (the server
 * asks for it with `NeedsProfile`).
 */
export * from './cloud-profile-form.ts';
export * from './cloud-legacy-upgrade.ts';
export * from '../two-step/cloud-totp-step.ts';
