import { CloudCodeInput } from './code-input.ts';

export { CloudCodeInput };

if (!customElements.get('cloud-code-input')) customElements.define('cloud-code-input', CloudCodeInput);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-code-input': CloudCodeInput;
  }
}
