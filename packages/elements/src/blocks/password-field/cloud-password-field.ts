import { CloudPasswordField } from './password-field.ts';

export { CloudPasswordField };

if (!customElements.get('cloud-password-field'))
  customElements.define('cloud-password-field', CloudPasswordField);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-password-field': CloudPasswordField;
  }
}
