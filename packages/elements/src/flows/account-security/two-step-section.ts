/**
 * Where `<cloud-account-security>`'s overview shows two-step verification
 * (docs/flows.md#two-step-verification): only when the server offers it (the account then has
 * `twoStep`), as `<cloud-totp-settings>`, a chunk loaded the first time it is shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Account, CloudClient } from '@cloud-login/core';
import type { TwoStepChangeEvent } from './totp.ts';

export function twoStepSection(o: {
  account: Account;
  client: CloudClient;
  theme?: string | undefined;
  onError: (error: unknown) => void;
  onChange: (notice: string) => void;
}): TemplateResult | typeof nothing {
  if (!o.account.twoStep) return nothing;
  void import('./cloud-totp-settings.ts').catch(o.onError);
  return html`<cloud-totp-settings
    .account=${o.account}
    .accountClient=${o.client}
    theme=${o.theme ?? nothing}
    @two-step-change=${(e: TwoStepChangeEvent) => o.onChange(e.notice)}
  ></cloud-totp-settings>`;
}
