// What the page knows: the provider and locale from the address, the current flow, and the
// small helpers every part uses (strings, elements, safe links, the page address).
// Part of the demo page (demo.js); the rules in its header hold here too.

import { PROVIDER_INFO, STRINGS } from './strings.js';

export const PROVIDERS = ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default'];
export const IDPS = ['wechat', 'wechat-mp', 'qq', 'jd'];
export const POLL_MS = 1500;

// ---- state -------------------------------------------------------------------------------------

export const params = new URLSearchParams(location.search);
export const provider = PROVIDERS.includes(params.get('provider')) ? params.get('provider') : 'jdcloud';
export const api = `${location.origin}/api/${provider}`;
export const signedInKey = `cloud-login-demo:signed-in:${provider}`;
export let locale = pickLocale(params.get('locale'));
export let mode =
  params.get('mode') === 'register' || params.get('mode') === 'login'
    ? params.get('mode')
    : /[#&]cl_ticket=/.test(location.hash)
      ? 'register'
      : 'login';

// Imported bindings are read-only: other modules change these two through here.
export function assignLocale(next) {
  locale = next;
}
export function assignMode(next) {
  mode = next;
}

function pickLocale(value) {
  if (value === 'en' || value === 'zh-CN' || value === 'zh-TW') return value;
  const preferred = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  if (!preferred.startsWith('zh')) return 'en';
  // Traditional script, or the regions that write it (as the elements negotiate).
  return !/-hans\b/.test(preferred) && /-(hant|tw|hk|mo)\b/.test(preferred) ? 'zh-TW' : 'zh-CN';
}

export const $ = (id) => document.getElementById(id);
export const t = (key, ...args) => {
  const value = STRINGS[locale][key] ?? STRINGS.en[key];
  return typeof value === 'function' ? value(...args) : value;
};
export const providerName = (id = provider) => PROVIDER_INFO[id].name[locale];

/** Builds an element with a class and text (never HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An http(s) URL from the server, or undefined: other schemes never become a link. */
export function safeHref(value) {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function pageUrl(changes = {}) {
  // The mode is always in the address: a ticket coming back in `#cl_ticket=` (Tencent's
  // activation link, a third-party login whose popup was blocked) returns to this address, and
  // must find the same element it left from.
  const next = new URLSearchParams({ provider, locale, mode });
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  return `?${next}`;
}
