import { CloudAccountSecurity } from './account-security.ts';

export { CloudAccountSecurity };
export type { SecurityStep } from './account-security.ts';

if (!customElements.get('cloud-account-security'))
  customElements.define('cloud-account-security', CloudAccountSecurity);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-account-security': CloudAccountSecurity;
  }
}
