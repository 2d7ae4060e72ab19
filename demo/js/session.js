// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, api, provider, providerName, signedInKey, el, locale, t } from './state.js';
import { copyWithFeedback } from './copy.js';
import { mount } from './stage.js';
import { showToast } from './toast.js';

// ---- signed in ---------------------------------------------------------------------------------

/** The signed-in account as the page knows it: from a success event, or from GET /session. */
export let signedIn;

function onSuccess(event) {
  // The demo shows the account instead of following `return-to` (it sets none anyway).
  event.preventDefault();
  const { account, session } = event.detail;
  signedIn = {
    account,
    token: session?.token,
    expiresAt: session?.expiresAt,
    source: event.type,
    payload: event.detail,
  };
  sessionStorage.setItem(signedInKey, '1');
  showAccount(true);
}
document.addEventListener('cloud-login-success', onSuccess);
document.addEventListener('cloud-register-success', onSuccess);
// <cloud-account-security> changed the account (password, unbind, upgrade): show the new state.
document.addEventListener('cloud-account-change', (event) => {
  if (!signedIn || !event.detail?.account) return;
  signedIn = { ...signedIn, account: event.detail.account };
  renderAccount();
});

export function showAccount(moveFocus) {
  const signed = Boolean(signedIn);
  $('slot').hidden = signed;
  $('account').hidden = !signed;
  document.querySelector('.mode').hidden = signed;
  if (!signed) return;
  renderAccount();
  mountSecurity();
  if (moveFocus) {
    // Focus for screen readers and keyboards; the scroll keeps the card's top clear of the header.
    $('account').focus({ preventScroll: true });
    $('account').scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
}

function fact(list, label, value) {
  if (value === undefined || value === null || value === '') return;
  const dt = el('dt', '', label);
  const dd = el('dd');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = String(value);
  list.append(dt, dd);
}

function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function renderAccount() {
  if (!signedIn) return;
  const { account } = signedIn;
  const name = account.accountName ?? account.email ?? account.phone ?? account.id;
  // The first letter or CJK character of the name; a phone-only account shows its last digits.
  const initial = /[\p{L}]/u.exec(String(name))?.[0];
  $('avatar').textContent = initial
    ? initial.toUpperCase()
    : String(name).replace(/\D/g, '').slice(-2) || '?';
  $('account-greet').textContent = t('welcome');
  $('account-title').textContent = name;
  $('account-title').title = name;
  $('account-sub').textContent = t(
    'signedInTo',
    providerName(),
    signedIn.source === 'restored' ? t('restored') : signedIn.source,
  );

  const facts = $('account-facts');
  facts.replaceChildren();
  fact(facts, t('factAccountName'), account.accountName);
  fact(facts, t('factPhone'), account.phone);
  if (account.email)
    fact(
      facts,
      t('factEmail'),
      `${account.email} (${account.emailVerified ? t('verified') : t('unverified')})`,
    );
  const ids = (account.loginIdentifiers ?? []).map((id) => t('identifiers')[id] ?? id);
  fact(facts, t('factLoginWith'), ids.length ? ids.join(' · ') : t('none'));
  const connections = (account.connections ?? []).map((id) => t('idps')[id]?.[0] ?? id);
  fact(facts, t('factConnections'), connections.length ? connections.join(' · ') : t('none'));
  fact(facts, t('factPassword'), account.hasPassword ? t('set') : t('notSet'));
  fact(facts, t('factKind'), account.kind === 'sub' ? t('kindSub') : t('kindMain'));
  if (account.legacy) fact(facts, t('factLegacy'), t('yes'));
  if (account.createdAt) fact(facts, t('factCreated'), formatDate(account.createdAt));

  const session = $('session-facts');
  session.replaceChildren();
  if (signedIn.token) {
    const token = signedIn.token;
    const wrap = el('span', 'token');
    const code = el('code', '', `${token.slice(0, 8)}…${token.slice(-6)}`);
    code.title = token;
    const copy = el('button', 'btn btn-small btn-ghost', t('copy'));
    copy.type = 'button';
    copy.addEventListener('click', () => copyWithFeedback(copy, token, code));
    wrap.append(code, copy);
    fact(session, t('factToken'), wrap);
    if (signedIn.expiresAt) fact(session, t('factExpires'), formatDate(signedIn.expiresAt));
    fact(session, t('factCookie'), t('cookieText'));
  } else {
    fact(session, t('factCookie'), t('cookieOnly'));
  }

  $('payload-title').textContent =
    signedIn.source === 'restored' ? t('payloadRestored') : t('payloadTitle', signedIn.source);
  $('payload').textContent = JSON.stringify(signedIn.payload, null, 2);

  // QingCloud main accounts can create sub-accounts (docs/flows.md#sub-account-login) through the contract.
  $('subaccount').hidden = !(provider === 'qingcloud' && account.kind !== 'sub');
}

export function mountSecurity() {
  const slot = $('security');
  const tag = 'cloud-account-security';
  let element = slot.querySelector(tag);
  if (!element) {
    element = document.createElement(tag);
    element.setAttribute('provider', provider);
    element.setAttribute('api', api);
    slot.replaceChildren(element);
    // The bundle defines this tag on use (its chunk loads once the tag is in the document). A
    // build of the elements without it never defines it: say so rather than leave a hole.
    const placed = element;
    Promise.race([
      customElements.whenDefined(tag).then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
    ]).then((defined) => {
      if (!defined && placed.isConnected)
        slot.replaceChildren(el('p', 'muted small pending', t('securityPending')));
    });
  }
  element.setAttribute('locale', locale);
  // Its documented `token` property (never an attribute); without it the element falls back
  // to the session cookie, which is what a reload leaves us with.
  if (signedIn?.token) element.token = signedIn.token;
}

async function authFetch(path, init = {}) {
  const headers = { Accept: 'application/json', ...init.headers };
  if (signedIn?.token) headers.Authorization = `Bearer ${signedIn.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${api}${path}`, { ...init, headers, credentials: 'include' });
}

export async function errorText(response) {
  const body = await response.json().catch(() => undefined);
  const error = body?.error;
  if (!error) return `HTTP ${response.status}`;
  const issue = error.issues?.[0]?.message;
  return `${error.code}${issue ? ` — ${issue}` : error.message ? ` — ${error.message}` : ''}`;
}

$('sign-out').addEventListener('click', async () => {
  const button = $('sign-out');
  button.disabled = true;
  button.textContent = t('signingOut');
  try {
    const response = await authFetch('/session', { method: 'DELETE' });
    // 401: the session was gone already; signed out either way.
    if (!response.ok && response.status !== 401) throw new Error(await errorText(response));
    signedIn = undefined;
    sessionStorage.removeItem(signedInKey);
    $('security').replaceChildren();
    showAccount(false);
    mount('login');
    showToast({ label: t('signedOut') });
    $('stage').focus();
  } catch (error) {
    showToast({ label: t('signOutFailed', error.message) });
  } finally {
    button.disabled = false;
    button.textContent = t('signOut');
  }
});

/** After a reload, the HttpOnly cookie still holds the session: ask the server who we are. */
export async function restoreSession() {
  if (!sessionStorage.getItem(signedInKey)) return;
  try {
    const response = await fetch(`${api}/session`, {
      credentials: 'include',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      sessionStorage.removeItem(signedInKey);
      return;
    }
    const body = await response.json();
    signedIn = { account: body.account, source: 'restored', payload: body };
    showAccount(false);
  } catch {
    // The server is down: show the sign-in card; the outbox says the server is unreachable.
  }
}

$('subaccount').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('sub-result');
  const email = $('sub-email').value.trim();
  result.textContent = t('working');
  try {
    const response = await authFetch('/account/subaccounts', {
      method: 'POST',
      body: JSON.stringify({ email, password: $('sub-password').value }),
    });
    if (!response.ok) throw new Error(await errorText(response));
    result.textContent = t('subCreated', email);
  } catch (error) {
    result.textContent = t('failed', error.message);
  }
});
