import { CloudRegister } from './register.ts';

export { CloudRegister };
export type { RegisterStep } from './register.ts';

if (!customElements.get('cloud-register')) customElements.define('cloud-register', CloudRegister);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-register': CloudRegister;
  }
}
