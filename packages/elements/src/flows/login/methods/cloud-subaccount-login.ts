import { CloudSubaccountLogin } from './subaccount-login.ts';

export { CloudSubaccountLogin };

if (!customElements.get('cloud-subaccount-login'))
  customElements.define('cloud-subaccount-login', CloudSubaccountLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-subaccount-login': CloudSubaccountLogin;
  }
}
