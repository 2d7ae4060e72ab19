// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, el, locale, mode, provider, providerName, t } from './state.js';
import { copyWithFeedback } from './copy.js';

// ---- embed snippet -----------------------------------------------------------------------------

/** Pieces of highlighted code: [className, text]; rendered as spans, copied as plain text. */
function htmlSnippet() {
  const tag = mode === 'register' ? 'cloud-register' : 'cloud-login';
  const origin = location.origin;
  const attr = (name, value) => [
    ['', '\n  '],
    ['attr', name],
    ['punct', '="'],
    ['value', value],
    ['punct', '"'],
  ];
  return [
    ['punct', '<'],
    ['tag', 'script'],
    ['', ' '],
    ['attr', 'type'],
    ['punct', '="'],
    ['value', 'module'],
    ['punct', '" '],
    ['attr', 'src'],
    ['punct', '="'],
    ['value', `${origin}/cloud-login.js`],
    ['punct', '"></'],
    ['tag', 'script'],
    ['punct', '>'],
    ['', '\n\n'],
    ['punct', '<'],
    ['tag', tag],
    ...attr('provider', provider),
    ...attr('api', `${origin}/api/${provider}`),
    ...attr('locale', locale),
    ['punct', '>\n</'],
    ['tag', tag],
    ['punct', '>'],
  ];
}

function jsSnippet() {
  const type = mode === 'register' ? 'cloud-register-success' : 'cloud-login-success';
  return [
    ['', 'document.'],
    ['fn', 'addEventListener'],
    ['', '('],
    ['value', `'${type}'`],
    ['', ', (event) => {\n'],
    ['', '  '],
    ['kw', 'const'],
    ['', ' { account, session } = event.detail;\n'],
    ['comment', `  // ${t('embedJsComment')}`],
    ['', '\n});'],
  ];
}

function renderCode(node, pieces) {
  node.replaceChildren(
    ...pieces.map(([cls, text]) => (cls ? el('span', `tok-${cls}`, text) : document.createTextNode(text))),
  );
}
const plain = (pieces) => pieces.map(([, text]) => text).join('');

export function renderSnippet() {
  $('embed-text').textContent = t('embedText', providerName(), t('localeNames')[locale]);
  renderCode($('snippet-html'), htmlSnippet());
  renderCode($('snippet-js'), jsSnippet());
}
$('copy-html').addEventListener('click', () =>
  copyWithFeedback($('copy-html'), plain(htmlSnippet()), $('snippet-html')),
);
$('copy-js').addEventListener('click', () =>
  copyWithFeedback($('copy-js'), plain(jsSnippet()), $('snippet-js')),
);
