// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, el } from './state.js';

// ---- event log ---------------------------------------------------------------------------------

/** The last `<cloud-code-input>` that had a code sent (from `cloud-code-sent`'s composed path). */
export let codeField;

const events = [];
function summarise(event) {
  const d = event.detail ?? {};
  switch (event.type) {
    case 'cloud-step-change':
      return `${d.flow} → ${d.step}`;
    case 'cloud-code-sent':
      return `${d.channel}, resend after ${d.resendAfter} s`;
    case 'cloud-error':
      return `${d.code}${d.field ? ` (${d.field})` : ''}`;
    case 'cloud-login-success':
    case 'cloud-register-success':
      return d.account?.accountName ?? d.account?.email ?? d.account?.phone ?? d.account?.id ?? '';
    case 'cloud-account-select':
      return d.createNew ? 'createNew' : String(d.accountId ?? '');
    case 'cloud-account-change':
      return String(d.change ?? '');
    default:
      return '';
  }
}
function logEvent(event) {
  events.unshift({ type: event.type, summary: summarise(event), at: new Date() });
  events.length = Math.min(events.length, 12);
  renderEvents();
}
export function renderEvents() {
  $('events-empty').hidden = events.length > 0;
  $('events').replaceChildren(
    ...events.map((entry) => {
      const item = el('li', `event event--${entry.type.replace('cloud-', '')}`);
      // HH:MM:SS in 24 hours, the same in every locale: no Intl, whose first use here blocked the
      // page's first step for tens of milliseconds.
      const time = el('time', 'event-time', entry.at.toTimeString().slice(0, 8));
      time.dateTime = entry.at.toISOString();
      item.append(time, el('code', 'event-name', entry.type), el('span', 'event-summary', entry.summary));
      return item;
    }),
  );
}
for (const type of [
  'cloud-step-change',
  'cloud-code-sent',
  'cloud-error',
  'cloud-login-success',
  'cloud-register-success',
  'cloud-account-select',
  'cloud-account-change',
]) {
  document.addEventListener(type, logEvent);
}
document.addEventListener('cloud-code-sent', (event) => {
  const origin = event.composedPath()[0];
  if (origin instanceof HTMLElement && origin.localName === 'cloud-code-input') codeField = origin;
});
