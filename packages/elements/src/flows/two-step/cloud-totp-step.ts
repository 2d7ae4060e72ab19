import { CloudTotpStep } from './totp-step.ts';

export { CloudTotpStep };

if (!customElements.get('cloud-totp-step')) customElements.define('cloud-totp-step', CloudTotpStep);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-totp-step': CloudTotpStep;
  }
}
