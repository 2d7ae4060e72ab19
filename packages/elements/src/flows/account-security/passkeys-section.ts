import { html, nothing, type TemplateResult } from 'lit';
import type { Preset } from '@cloud-login/core';
import type { CloudConfig } from '../../shared/config.ts';

/**
 * The passkeys section (docs/flows.md#passkeys): an element of its own, `<cloud-passkeys>`, whose
 * code (with the browser's WebAuthn calls) loads only when a preset with passkeys shows it;
 * `undefined` for the other presets.
 */
export function passkeysSection(
  preset: Preset,
  config: CloudConfig,
  theme: string | undefined,
): TemplateResult | undefined {
  if (!preset.methods.login.includes('passkeys')) return undefined;
  void import('./cloud-passkeys.ts');
  return html`<cloud-passkeys .config=${config} theme=${theme ?? nothing}></cloud-passkeys>`;
}
