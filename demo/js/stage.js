// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, api, el, locale, mode, pageUrl, provider, assignMode } from './state.js';
import { renderSnippet } from './snippet.js';

// ---- the stage: the elements as a customer page embeds them ------------------------------------

export function mount(which) {
  assignMode(which);
  history.replaceState(history.state, '', pageUrl() + location.hash);
  const tag = which === 'register' ? 'cloud-register' : 'cloud-login';
  const element = document.createElement(tag);
  element.setAttribute('provider', provider);
  element.setAttribute('api', api);
  element.setAttribute('locale', locale);
  $('slot').replaceChildren(element);
  if (!customElements.get(tag)) void explainMissingBundle(tag, element);
  $('show-login').setAttribute('aria-pressed', String(which === 'login'));
  $('show-register').setAttribute('aria-pressed', String(which === 'register'));
  renderSnippet();
}

/**
 * The bundle is another module graph: it may still be loading when this runs. After a moment
 * without the tag, ask whether the bundle is there at all (not built?) and say so where the
 * card should be; a slow machine only gets the card late, never a false alarm.
 */
async function explainMissingBundle(tag, element) {
  const defined = await Promise.race([
    customElements.whenDefined(tag).then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
  ]);
  if (defined) return;
  const response = await fetch('/cloud-login.js', { method: 'HEAD', cache: 'no-store' }).catch(
    () => undefined,
  );
  if (response?.ok || !element.isConnected || customElements.get(tag)) return;
  $('slot').append(
    el(
      'p',
      'card pending bundle-missing',
      'cloud-login.js did not load: run `npm run build:bundle`, then reload.',
    ),
  );
}

$('show-login').addEventListener('click', () => mode !== 'login' && mount('login'));
$('show-register').addEventListener('click', () => mode !== 'register' && mount('register'));
