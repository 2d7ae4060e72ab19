/**
 * Where `<cloud-account-security>`'s overview shows the contact details (001): only for presets
 * whose enable-service step collects them, as `<cloud-contact-settings>`, a chunk loaded the first
 * time it is shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { contactFields, type Account, type CloudClient, type Preset } from '@cloud-login/core';
import type { ContactChangeEvent } from './contact.ts';

export function contactSection(o: {
  preset: Preset;
  account: Account;
  client: CloudClient;
  theme?: string | undefined;
  onError: (error: unknown) => void;
  onChange: (account: Account, notice: string) => void;
}): TemplateResult | typeof nothing {
  if (contactFields(o.preset).length === 0 || o.account.kind !== 'main') return nothing;
  void import('./cloud-contact-settings.ts').catch(o.onError);
  return html`<cloud-contact-settings
    .account=${o.account}
    .accountClient=${o.client}
    theme=${o.theme ?? nothing}
    @contact-change=${(e: ContactChangeEvent) => o.onChange(e.account, e.notice)}
  ></cloud-contact-settings>`;
}
