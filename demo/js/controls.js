// The page around the elements: its static strings, the provider and locale links, and the
// one render of everything a locale change redraws.
// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, PROVIDERS, el, locale, pageUrl, provider, providerName, assignLocale, t } from './state.js';
import { PROVIDER_INFO } from './strings.js';
import { renderSnippet } from './snippet.js';
import './stage.js';
import { mountSecurity, renderAccount, signedIn } from './session.js';
import { renderOutbox } from './outbox.js';
import './toast.js';
import { renderEvents } from './events.js';
import { renderGuide } from './guide.js';

// ---- static strings ----------------------------------------------------------------------------

function applyStrings() {
  document.documentElement.lang = locale;
  // The demo's "mobile app" page speaks the language picked here (a QR's link carries none).
  try {
    localStorage.setItem('cloud-login-demo:locale', locale);
  } catch {
    // Storage refused (private mode): the mobile page falls back to the browser's language.
  }
  document.title = `cloud-login · ${providerName()} · ${t('badge')}`;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    if (node.dataset.label !== undefined) node.dataset.label = t(node.dataset.i18n);
    else node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      node.setAttribute(attr, t(key));
    }
  }
}

// ---- header: providers and locales ---------------------------------------------------------------

function renderProviders() {
  const nav = $('providers');
  nav.replaceChildren(
    ...PROVIDERS.map((id) => {
      const link = el('a', 'provider');
      link.href = `?${new URLSearchParams({ provider: id, locale })}`;
      link.dataset.provider = id;
      if (id === provider) link.setAttribute('aria-current', 'page');
      const dot = el('span', 'provider-dot');
      dot.setAttribute('aria-hidden', 'true');
      const text = el('span', 'provider-text');
      text.append(
        el('span', 'provider-name', PROVIDER_INFO[id].name[locale]),
        el('span', 'provider-tag', PROVIDER_INFO[id].tagline[locale]),
      );
      link.append(dot, text);
      return link;
    }),
  );
  // On a phone the list scrolls sideways: bring the current provider into view (not the page).
  const current = nav.querySelector('[aria-current="page"]');
  if (current && nav.scrollWidth > nav.clientWidth) {
    const start = parseFloat(getComputedStyle(nav).paddingLeft) || 0;
    nav.scrollLeft += current.getBoundingClientRect().left - nav.getBoundingClientRect().left - start;
  }
}

function renderLocaleLinks() {
  for (const [id, value] of [
    ['locale-en', 'en'],
    ['locale-zh', 'zh-CN'],
    ['locale-zh-tw', 'zh-TW'],
  ]) {
    const link = $(id);
    link.href = pageUrl({ locale: value });
    if (value === locale) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

function setLocale(next) {
  if (next === locale) return;
  assignLocale(next);
  history.replaceState(history.state, '', pageUrl() + location.hash);
  // The elements follow their `locale` attribute live, so a flow in progress keeps its state.
  for (const node of document.querySelectorAll('cloud-login, cloud-register, cloud-account-security'))
    node.setAttribute('locale', locale);
  renderAll();
}

for (const [id, value] of [
  ['locale-en', 'en'],
  ['locale-zh', 'zh-CN'],
  ['locale-zh-tw', 'zh-TW'],
]) {
  $(id).addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setLocale(value);
  });
}

export function renderAll() {
  applyStrings();
  renderProviders();
  renderLocaleLinks();
  renderSnippet();
  renderGuide();
  renderOutbox();
  renderEvents();
  renderAccount();
  if (signedIn) mountSecurity();
}
