import { CloudLegacyUpgrade, UpgradeDoneEvent } from './legacy-upgrade.ts';

export { CloudLegacyUpgrade, UpgradeDoneEvent };

if (!customElements.get('cloud-legacy-upgrade'))
  customElements.define('cloud-legacy-upgrade', CloudLegacyUpgrade);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-legacy-upgrade': CloudLegacyUpgrade;
  }
}
