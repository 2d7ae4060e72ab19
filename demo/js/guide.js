// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, IDPS, api, el, locale, provider, t } from './state.js';
import { GUIDES } from './strings.js';
import { copyWithFeedback } from './copy.js';
import { errorText } from './session.js';

// ---- guides and dev helpers --------------------------------------------------------------------

let config;

/** A mainland mobile number nobody else in this browser used: limits are per phone. */
function randomPhone() {
  const prefixes = ['138', '139', '186', '158'];
  const prefix = prefixes[Math.floor(Math.random() * prefixes.length)];
  const rest = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join('');
  return `${prefix}${rest}`;
}
/**
 * A number in the region the preset's phone picker opens on: mainland China for the Chinese
 * consoles; for `default` (which opens on the browser's region, else the United States), a North
 * American number written with its +1, so it reads right whatever the picker shows. 555-01xx numbers are reserved for fiction and valid to libphonenumber.
 */
function tipFor(config) {
  const regions = config?.policies?.phone?.regions;
  // Open to every region, the picker starts on +86 for a preset whose language is Chinese (every
  // console's) and on the browser's region for the standards-based `default`.
  const mainland = regions === 'any' ? provider !== 'default' : (regions?.[0] ?? 'CN') === 'CN';
  if (mainland) return { digits: mainlandPhone, shown: spaced(mainlandPhone) };
  return {
    digits: `+1${americanPhone}`,
    shown: `+1 ${americanPhone.slice(0, 3)} ${americanPhone.slice(3, 6)} ${americanPhone.slice(6)}`,
  };
}
const mainlandPhone = randomPhone();
const americanPhone = `${['201', '212', '312', '415', '646'][Math.floor(Math.random() * 5)]}55501${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
const spaced = (digits) => `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;

export function renderGuide() {
  $('guide').replaceChildren(...GUIDES[provider][locale].map((text) => el('li', '', text)));
  $('phone-tip').textContent = tipFor(config).shown;

  const methods = config?.methods?.login ?? [];
  const mobile = `/mobile/?${new URLSearchParams({ provider, lang: locale })}`;
  $('link-mobile').href = mobile;
  $('qr-mobile-link').href = mobile;
  $('qr-card').hidden = !methods.includes('qr');

  const idps = IDPS.filter((id) => methods.includes(id) || (config?.methods?.register ?? []).includes(id));
  $('idp-card').hidden = idps.length === 0;
  $('idp-list').replaceChildren(
    ...idps.map((id) => {
      const [name, text] = t('idps')[id];
      const item = el('li', 'idp');
      item.dataset.idp = id;
      const mark = el('span', 'idp-mark', name.slice(0, 1));
      mark.setAttribute('aria-hidden', 'true');
      const body = el('span', 'idp-body');
      body.append(el('strong', '', name), el('span', 'muted small', text));
      item.append(mark, body);
      return item;
    }),
  );
  $('legacy-card').hidden = provider !== 'jdcloud';
}
$('copy-phone').addEventListener('click', () =>
  copyWithFeedback($('copy-phone'), tipFor(config).digits, $('phone-tip')),
);

export async function loadConfig() {
  try {
    const response = await fetch(`${api}/config`, { headers: { Accept: 'application/json' } });
    if (response.ok) config = await response.json();
  } catch {
    config = undefined;
  }
  renderGuide();
}

$('legacy-phone').value = randomPhone();
$('legacy-password').value = `Jd-${Math.random().toString(36).slice(2, 8)}`;
$('legacy-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('legacy-result');
  const digits = $('legacy-phone').value.replace(/[\s()-]/g, '');
  const phone = digits.startsWith('+') ? digits : `+86${digits}`;
  const password = $('legacy-password').value;
  const button = event.submitter ?? $('legacy-form').querySelector('button');
  button.disabled = true;
  result.textContent = t('working');
  result.classList.remove('is-error');
  try {
    const response = await fetch(`${api}/dev/legacy-accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ phone, password }),
    });
    if (!response.ok) throw new Error(await errorText(response));
    result.textContent = t('legacyCreated', digits, password);
    // Ready for another one: each phone holds one legacy account in this demo.
    $('legacy-phone').value = randomPhone();
  } catch (error) {
    result.textContent = t('failed', error.message);
    result.classList.add('is-error');
  } finally {
    button.disabled = false;
  }
});
