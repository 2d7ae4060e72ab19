import { CloudContactSettings } from './contact.ts';

export { CloudContactSettings };

if (!customElements.get('cloud-contact-settings'))
  customElements.define('cloud-contact-settings', CloudContactSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-contact-settings': CloudContactSettings;
  }
}
