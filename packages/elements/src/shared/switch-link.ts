/**
 * The link between `<cloud-login>` and `<cloud-register>` ("Sign up now", "Log in"): to the
 * site's page when the element has `register-href` / `login-href`; inside `<cloud-auth>`, a
 * button whose internal `cloud-switch-flow` event asks it to show the other element instead.
 */
import { html, nothing } from 'lit';

export const switchLink = (host: HTMLElement, href: string | undefined, inAuth: boolean, label: string) =>
  href
    ? html`<a class="switch" part="switch" href=${href}>${label}</a>`
    : inAuth
      ? html`<button type="button" class="link switch" part="switch" @click=${() => host.dispatchEvent(new Event('cloud-switch-flow', { bubbles: true, composed: true }))}>${label}</button>`
      : nothing;
