import { CloudPasswordLogin } from './password-login.ts';

export { CloudPasswordLogin };

if (!customElements.get('cloud-password-login'))
  customElements.define('cloud-password-login', CloudPasswordLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-password-login': CloudPasswordLogin;
  }
}
