/**
 * The CDN bundle's entry (`dist/cloud-login.js`, built by scripts/build.mjs). It knows every tag
 * `index.ts` registers, but loads an element's code only when a page uses the tag: each tag is
 * defined by a chunk imported the first time the document has such an element (at once for those
 * already in the page). A page with `<cloud-login>` downloads the login flow and what it shares,
 * not registration, account security or the blocks it doesn't show (`npm run size`).
 *
 * Each element renders from one preset, a module of its own: the bundle starts loading the one a
 * tag's `provider` (or its `<cloud-auth provider>`) names together with the element's chunk.
 *
 * `<cloud-auth>` is defined at once: it is small, and an enclosing `<cloud-auth>` must provide
 * its configuration before the elements inside it upgrade and ask for it.
 *
 * The bundle sees the document, not other components' shadow roots: a site that renders one of
 * these tags inside its own shadow root calls `load(tag)` first (or imports the npm package,
 * whose `index.ts` defines everything eagerly). test/size checks that every tag defined by a
 * registration file is listed here.
 */
import { defineOnUse } from './shared/auto-define.ts';
import { preloadPresets } from './shared/presets.ts';
import './auth/cloud-auth.ts';

export * from './shared/events.ts';
export { cloudConfigContext } from './shared/config.ts';
// The registry only: a method a site defines before `<cloud-login>` loads is kept unless it reuses
// a built-in id, which the built-in definition then replaces.
export { defineLoginMethod, loginMethod } from './flows/login/methods/registry.ts';

// Few loaders on purpose: every distinct set of loaders that reaches a module makes the bundler's
// automatic splitting put it in a chunk of its own (scripts/build.mjs plans only the chunks a
// first render needs), and a page pays gzip's per-file overhead (and loses the shared
// dictionary) for each. So a block used alone loads the flow element that contains it — more
// bytes for that rare page, fewer files for every login and registration page — and the QR panel
// and profile steps use the very modules `<cloud-login>` already imports lazily.
const login = () => import('./flows/login/cloud-login.ts');
const register = () => import('./flows/register/cloud-register.ts');
const profile = () => import('./flows/profile/index.ts');
const passwordPanel = () => import('./flows/login/methods/cloud-password-login.ts');
const smsPanel = () => import('./flows/login/methods/cloud-sms-login.ts');

/** Tag → a module whose loading defines it. */
const ELEMENTS = {
  'cloud-login': login,
  // The login panels and the chooser are chunks `<cloud-login>` loads when it shows them; the
  // same imports here keep them one chunk each, and the blocks come with the panel that has them.
  'cloud-password-login': passwordPanel,
  'cloud-sms-login': smsPanel,
  'cloud-subaccount-login': () => import('./flows/login/methods/cloud-subaccount-login.ts'),
  'cloud-phone-input': smsPanel,
  'cloud-code-input': smsPanel,
  'cloud-password-field': passwordPanel,
  'cloud-account-chooser': () => import('./blocks/account-chooser/cloud-account-chooser.ts'),
  'cloud-password-reset': () => import('./flows/login/reset/cloud-password-reset.ts'),
  'cloud-register': register,
  'cloud-agreements': register,
  'cloud-qr-panel': () => import('./blocks/qr-panel/cloud-qr-panel.ts'),
  'cloud-profile-form': profile,
  'cloud-legacy-upgrade': profile,
  'cloud-account-security': () => import('./flows/account-security/cloud-account-security.ts'),
  // Parts their element loads itself; here so a page (or a story) may use them alone.
  'cloud-region-list': () => import('./blocks/phone-input/cloud-region-list.ts'),
  'cloud-passkeys': () => import('./flows/account-security/cloud-passkeys.ts'),
  'cloud-totp-settings': () => import('./flows/account-security/cloud-totp-settings.ts'),
  'cloud-contact-settings': () => import('./flows/account-security/cloud-contact-settings.ts'),
} satisfies Record<string, () => Promise<unknown>>;

export type LazyTag = keyof typeof ELEMENTS;

/** Defines `tag` now, e.g. before using it inside a shadow root the bundle cannot see. */
export async function load(tag: LazyTag | 'cloud-auth'): Promise<void> {
  if (tag !== 'cloud-auth') await ELEMENTS[tag]();
}

// The elements in the page name their preset: its module (one of five) starts loading with the
// element's chunk instead of after it, so the first render waits for no extra round trip.
for (const [tag, loader] of Object.entries(ELEMENTS)) {
  defineOnUse(tag, () => {
    preloadPresets(tag);
    return loader();
  });
}
