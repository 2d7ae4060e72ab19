import { CloudAgreements } from './agreements.ts';

export { CloudAgreements };

if (!customElements.get('cloud-agreements')) customElements.define('cloud-agreements', CloudAgreements);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-agreements': CloudAgreements;
  }
}
