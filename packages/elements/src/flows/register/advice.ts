/**
 * The sources' advice the registration form shows: which way to register (004), above the first
 * step, and the hints beside the phone and the code (000).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AccountField, Preset } from '@cloud-login/core';
import type { Translate } from '../../i18n/index.ts';

/** Enterprise users and users outside mainland China are steered to email (004). */
export function registerAdvice(t: Translate, preset: Preset): TemplateResult | typeof nothing {
  const lines = [
    preset.advice?.includes('enterprise') && t('register.adviceEnterprise'),
    preset.phone.steerInternationalToEmail && t('register.adviceInternational'),
  ].filter((line): line is string => !!line);
  return lines.length
    ? html`<div class="hint advice" part="advice">${lines.map((line) => html`<p>${line}</p>`)}</div>`
    : nothing;
}

/** The hint under a registration field, if the preset's source gives one. */
export function fieldHint(t: Translate, preset: Preset, field: AccountField): string | undefined {
  if (field === 'phone' && preset.id === 'jdcloud') return t('hint.phone_security');
  // 000: a secondary number's network may miss the SMS or the call.
  if (field === 'code' && preset.advice?.includes('secondary-number')) return t('register.secondaryNumber');
  return undefined;
}
