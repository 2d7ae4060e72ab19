// Part of the demo page (demo.js); the rules in its header hold here too.

import { $ } from './state.js';

// ---- toast -------------------------------------------------------------------------------------

let toastTimer;
/** Counts toasts shown, so a delayed hide never hides a newer one. */
export let toastCount = 0;
export function showToast({ label, code, action, actionLabel }) {
  toastCount += 1;
  const toast = $('toast');
  $('toast-label').textContent = label;
  $('toast-code').textContent = code ?? '';
  $('toast-code').hidden = !code;
  const use = $('toast-use');
  use.hidden = !action;
  use.textContent = actionLabel ?? '';
  use.onclick = action ? () => action(use) : null;
  toast.hidden = false;
  toast.classList.remove('is-leaving');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(hideToast, 15000);
}
export function hideToast() {
  $('toast').hidden = true;
}
$('toast-close').addEventListener('click', hideToast);
