import { CloudTotpSettings } from './totp.ts';

export { CloudTotpSettings };

if (!customElements.get('cloud-totp-settings'))
  customElements.define('cloud-totp-settings', CloudTotpSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-totp-settings': CloudTotpSettings;
  }
}
