import { CloudLogin } from './login.ts';

export { CloudLogin };
export type { LoginStep } from './login.ts';

if (!customElements.get('cloud-login')) customElements.define('cloud-login', CloudLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-login': CloudLogin;
  }
}
