// Part of the demo page (demo.js); the rules in its header hold here too.

import { el, t } from './state.js';

// ---- copy --------------------------------------------------------------------------------------

/** Copies through the Clipboard API, else the old `execCommand('copy')` on a hidden textarea. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', 'offscreen');
    area.value = text;
    area.setAttribute('readonly', '');
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** Copies and says so on the button; when both ways fail, selects `selectable` for Ctrl+C. */
export async function copyWithFeedback(button, text, selectable) {
  const ok = await copyText(text);
  if (!ok && selectable) {
    const range = document.createRange();
    range.selectNodeContents(selectable);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
  flash(button, ok ? t('copied') : t('copyFailed'));
  return ok;
}

export function flash(button, text) {
  const original = button.dataset.label ?? button.textContent;
  button.dataset.label = original;
  button.textContent = text;
  button.classList.add('is-done');
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(
    setTimeout(() => {
      button.textContent = button.dataset.label;
      delete button.dataset.label;
      button.classList.remove('is-done');
    }, 1800),
  );
}
