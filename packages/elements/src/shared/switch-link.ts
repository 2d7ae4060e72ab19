/**
 * The link between `<cloud-login>` and `<cloud-register>` ("Sign up now", "Log in"): to the
 * site's page when the element has `register-href` / `login-href`; inside `<cloud-auth>`, a
 * button that shows the other element in place (`switch-flow.ts`, loaded when pressed).
 */
import { html, nothing } from 'lit';

export const switchLink = (host: HTMLElement, href: string | undefined, inAuth: boolean, label: string) =>
  href
    ? html`<a class="switch" part="switch" href=${href}>${label}</a>`
    : inAuth
      ? html`<button type="button" class="link switch" part="switch" @click=${() => import('./switch-flow.ts').then((m) => m.switchFlow(host))}>${label}</button>`
      : nothing;
