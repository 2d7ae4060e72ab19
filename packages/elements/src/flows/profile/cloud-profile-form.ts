import { CloudProfileForm } from './profile-form.ts';

export { CloudProfileForm };

if (!customElements.get('cloud-profile-form')) customElements.define('cloud-profile-form', CloudProfileForm);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-profile-form': CloudProfileForm;
  }
}
