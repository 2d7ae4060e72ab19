/**
 * The link between `<cloud-login>` and `<cloud-register>` ("Sign up now", "Log in"): to the
 * site's page when the element has `register-href` / `login-href`; inside `<cloud-auth>`, a
 * button that asks it to show the other element in place of this one.
 */
import { html, nothing } from 'lit';

/** Internal: an element inside `<cloud-auth>` asks for the other flow (`cloud-login` / `cloud-register`). */
export class SwitchFlowEvent extends Event {
  static readonly eventName = 'cloud-switch-flow' as const;
  constructor(readonly to: 'cloud-login' | 'cloud-register') {
    super(SwitchFlowEvent.eventName, { bubbles: true, composed: true });
  }
}

export function switchLink(host: HTMLElement, o: { href?: string | undefined; inAuth: boolean; to: SwitchFlowEvent['to']; label: string }) {
  if (o.href) return html`<p class="switch"><a part="switch" href=${o.href}>${o.label}</a></p>`;
  if (!o.inAuth) return nothing;
  return html`<p class="switch">
    <button type="button" class="link" part="switch" @click=${() => host.dispatchEvent(new SwitchFlowEvent(o.to))}>${o.label}</button>
  </p>`;
}
