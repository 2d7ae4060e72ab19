import { CloudPhoneInput } from './phone-input.ts';

export { CloudPhoneInput };

if (!customElements.get('cloud-phone-input')) customElements.define('cloud-phone-input', CloudPhoneInput);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-phone-input': CloudPhoneInput;
  }
}
