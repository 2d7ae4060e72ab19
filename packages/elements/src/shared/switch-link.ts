/**
 * The link between `<cloud-login>` and `<cloud-register>` ("Register now", "Log in"): to the
 * site's page when the element has `register-href` / `login-href`; inside `<cloud-auth>`, it shows
 * the other element in place (`switch-flow.ts`, loaded when followed). One template: first-load bytes.
 */
import { html, nothing } from 'lit';

export const switchLink = (host: HTMLElement, href: string | undefined, inAuth: boolean, label: string) =>
  href || inAuth
    ? html`<a part="switch" href=${href || '#'} @click=${(e: Event) => href || (e.preventDefault(), import('./switch-flow.ts').then((m) => m.switchFlow(host)))}>${label}</a>`
    : nothing;
