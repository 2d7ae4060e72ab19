import { CloudAuth } from './auth.ts';

export { CloudAuth };

if (!customElements.get('cloud-auth')) customElements.define('cloud-auth', CloudAuth);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-auth': CloudAuth;
  }
}
