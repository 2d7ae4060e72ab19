/**
 * The login card's corner toggle (003: QingCloud's account login has a QR in its top-right
 * corner that switches to the WeChat scan): a QR icon in the card's top-right corner that starts the
 * preset's `cornerLogin` (the identity provider's QR opens in its window, as the button would),
 * and, while that runs, a screen icon that goes back to the account login. A chunk of its own
 * that only a preset with a corner login loads, with its first screen; it draws nothing before it
 * arrives and sits outside the card's flow, so its arrival moves nothing. Its labels are the
 * method's name and "back to log in", which the base catalogue has.
 */
import { html, type TemplateResult } from 'lit';
import type { Preset } from '@cloud-login/core';
import type { Translate } from '../../i18n/index.ts';
import type { LoginMethodDefinition } from './methods/index.ts';
import type { LoginStep } from './steps.ts';

/** What the toggle reads of `<cloud-login>` (its private members, as `later-steps.ts` does). */
export interface CornerHost {
  preset: Preset;
  step: LoginStep;
  t: Translate;
  available: LoginMethodDefinition[];
  startMethod(id: string): void;
  cancelConnecting(): void;
}

export function cornerView(h: CornerHost): TemplateResult | '' {
  const id = h.preset.cornerLogin;
  const step = h.step;
  const scanning = step.name === 'connecting' && step.method === id;
  if (!id || !h.available.some((m) => m.id === id) || (!scanning && step.name !== 'method')) return '';
  const label = h.t(scanning ? 'login.back' : `method.${id}`);
  // A screen ("back to the form"), or a QR's finder squares ("scan instead"); the label names
  // the button (outside any form, so no `type`).
  return html`<button class="link corner" part="corner" aria-label=${label} @click=${() => (scanning ? h.cancelConnecting() : h.startMethod(id))}>
    <svg viewBox="0 0 24 24" width="28" fill="currentColor"><path d=${scanning ? 'M2 3h20v13H2zm7 15h6v3H9z' : 'M3 3h7v7H3zm11 0h7v7h-7zM3 14h7v7H3zm11 0h7v7h-7z'} /></svg>
  </button>`;
}
