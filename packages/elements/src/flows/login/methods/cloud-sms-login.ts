import { CloudSmsLogin } from './sms-login.ts';

export { CloudSmsLogin };

if (!customElements.get('cloud-sms-login')) customElements.define('cloud-sms-login', CloudSmsLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-sms-login': CloudSmsLogin;
  }
}
