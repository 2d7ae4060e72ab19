import { CloudPasskeys } from './passkeys.ts';

export { CloudPasskeys };
export type { PasskeysStep } from './passkeys.ts';

if (!customElements.get('cloud-passkeys')) customElements.define('cloud-passkeys', CloudPasskeys);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-passkeys': CloudPasskeys;
  }
}
