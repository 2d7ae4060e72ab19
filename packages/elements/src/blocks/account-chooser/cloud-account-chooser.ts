import { CloudAccountChooser } from './account-chooser.ts';

export { CloudAccountChooser };
export type { ChooserAccount } from './account-chooser.ts';

if (!customElements.get('cloud-account-chooser'))
  customElements.define('cloud-account-chooser', CloudAccountChooser);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-account-chooser': CloudAccountChooser;
  }
}
