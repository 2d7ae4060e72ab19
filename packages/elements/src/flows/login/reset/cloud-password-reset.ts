import { CloudPasswordReset } from './password-reset.ts';

export { CloudPasswordReset };
export type { ResetStep } from './password-reset.ts';

if (!customElements.get('cloud-password-reset'))
  customElements.define('cloud-password-reset', CloudPasswordReset);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-password-reset': CloudPasswordReset;
  }
}
