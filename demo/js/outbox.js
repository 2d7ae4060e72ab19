// Part of the demo page (demo.js); the rules in its header hold here too.

import { $, POLL_MS, api, el, locale, safeHref, t } from './state.js';
import { copyText, copyWithFeedback, flash } from './copy.js';
import { codeField } from './events.js';
import { hideToast, showToast, toastCount } from './toast.js';

// ---- the dev outbox ----------------------------------------------------------------------------

const outbox = { messages: [], seen: new Set(), baseline: false, state: 'ok' };

const messageKey = (m) => `${m.sentAt}|${m.channel}|${m.to}|${m.code ?? ''}|${m.link ?? ''}`;

function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 5) return t('justNow');
  if (seconds < 60) return t('secondsAgo', seconds);
  if (seconds < 3600) return t('minutesAgo', Math.floor(seconds / 60));
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/**
 * The phone (E.164) or email the code field's form is about, when the form shows one; a code step
 * for a signed-in or masked address has none.
 */
function addressAsked(field) {
  const root = field.getRootNode();
  const phone = root.querySelector?.('cloud-phone-input')?.value;
  const email = root.querySelector?.('input[type=email]')?.value?.trim().toLowerCase();
  return phone || email || undefined;
}

/**
 * "Use this code": fills the `<cloud-code-input>` that asked for a code, through its documented
 * `value` property plus the native `input` event the flows listen to (as autofill would), found
 * from the composed path of its own `cloud-code-sent` event. With no such field on the page any
 * more, the code goes to the clipboard instead. Answers what it did.
 */
async function useCode(code, to, anyway = false) {
  if (codeField?.isConnected && !codeField.disabled) {
    const asked = addressAsked(codeField);
    if (!anyway && to && asked && asked !== to.toLowerCase()) return { elsewhere: asked };
    codeField.value = code;
    codeField.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    codeField.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return 'filled';
  }
  return (await copyText(code)) ? 'copied' : 'failed';
}

export async function onUseCode(button, code, codeNode, to, anyway = false) {
  const done = await useCode(code, to, anyway);
  // A code for another number would only earn "incorrect code": say why instead, and let the
  // person fill it in anyway (trying that error on purpose is a fair use of a demo).
  if (typeof done === 'object') {
    showToast({
      label: t('codeElsewhere', formatTo(to), formatTo(done.elsewhere)),
      code,
      actionLabel: t('fillAnyway'),
      action: (toastButton) => onUseCode(toastButton, code, codeNode, to, true),
    });
    return;
  }
  if (done === 'failed' && codeNode) {
    const range = document.createRange();
    range.selectNodeContents(codeNode);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
  flash(button, done === 'filled' ? t('filled') : done === 'copied' ? t('copied') : t('copyFailed'));
  // The toast offered the same code: it has done its job (unless another message took its place).
  if (done === 'filled' && $('toast-code').textContent === code) {
    const shown = toastCount;
    setTimeout(() => shown === toastCount && hideToast(), 1200);
  }
}

/** `+8613800138000` → `+86 138 0013 8000`; other numbers and emails as they are. */
export function formatTo(to) {
  const cn = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(to);
  return cn ? `+86 ${cn[1]} ${cn[2]} ${cn[3]}` : to;
}

function renderMessage(message, superseded) {
  const item = el('li', `message message--${message.channel}`);
  item.dataset.key = messageKey(message);
  item.dataset.to = message.to;
  if (outbox.baseline && !outbox.seenAtLoad?.has(item.dataset.key)) item.classList.add('is-new');
  // A newer code or link went to the same address for the same purpose: this one is history.
  if (superseded) item.classList.add('is-old');

  const head = el('div', 'message-head');
  const chip = el('span', 'chip', t('channels')[message.channel] ?? message.channel);
  const purpose = el('span', 'purpose', t('purposes')[message.purpose] ?? message.purpose);
  const time = el('time', 'ago', ago(message.sentAt));
  time.dateTime = message.sentAt;
  head.append(chip, purpose, time);
  item.append(head, el('div', 'to', formatTo(message.to)));

  if (message.code) {
    const row = el('div', 'code-row');
    const code = el('span', 'code-value', message.code);
    const use = el('button', 'btn btn-small btn-primary use-code', t('useCode'));
    use.type = 'button';
    use.title = t('useCodeTitle');
    use.addEventListener('click', () => onUseCode(use, message.code, code, message.to));
    const copy = el('button', 'btn btn-small btn-ghost', t('copy'));
    copy.type = 'button';
    copy.addEventListener('click', () => copyWithFeedback(copy, message.code, code));
    row.append(code, use, copy);
    item.append(row);
  }
  const href = message.link ? safeHref(message.link) : undefined;
  if (href) {
    const link = el('a', 'btn btn-small btn-primary open-link', t('openLink'));
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener';
    const url = el('a', 'link-url', href);
    url.href = href;
    url.target = '_blank';
    url.rel = 'noopener';
    item.append(link, url);
  }
  if (message.text) item.append(el('p', 'message-text', message.text));
  return item;
}

export function renderOutbox() {
  const list = $('outbox');
  const shown = outbox.messages.slice(0, 20);
  const latest = new Set();
  list.replaceChildren(
    ...shown.map((message) => {
      const key = `${message.to}|${message.purpose}`;
      const superseded = latest.has(key);
      latest.add(key);
      return renderMessage(message, superseded);
    }),
  );
  $('outbox-count').textContent = outbox.messages.length ? t('outboxCount', outbox.messages.length) : '';
  const empty = $('outbox-empty');
  empty.hidden = outbox.messages.length > 0 && outbox.state === 'ok';
  if (outbox.state === 'off') empty.textContent = t('outboxOff');
  else if (outbox.state === 'down') empty.textContent = t('outboxDown');
  else empty.textContent = t('outboxEmpty');
  empty.classList.toggle('is-warning', outbox.state !== 'ok');
  // For people and tests alike: whether the outbox is live ('ok'), off (not dev mode) or unreachable.
  $('outbox').closest('section').dataset.state =
    outbox.baseline || outbox.state !== 'ok' ? outbox.state : 'loading';
}

function refreshTimes() {
  for (const time of document.querySelectorAll('#outbox time[datetime]'))
    time.textContent = ago(time.dateTime);
}

export async function pollOutbox() {
  if (!document.hidden) {
    try {
      const response = await fetch(`${api}/dev/outbox`, {
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      });
      if (response.status === 404) {
        outbox.state = 'off';
        renderOutbox();
        return; // dev mode is off: there is nothing to poll for
      }
      if (!response.ok) throw new Error(String(response.status));
      const { messages } = await response.json();
      const wasOk = outbox.state === 'ok';
      outbox.state = 'ok';
      const fresh = messages.filter((m) => !outbox.seen.has(messageKey(m)));
      for (const m of messages) outbox.seen.add(messageKey(m));
      if (!outbox.baseline) {
        // What was sent before the page opened is history, not news.
        outbox.seenAtLoad = new Set(messages.map(messageKey));
        outbox.baseline = true;
        outbox.messages = messages;
        renderOutbox();
      } else if (fresh.length > 0 || !wasOk) {
        outbox.messages = messages;
        renderOutbox();
        if (fresh[0]) announce(fresh[0]);
      } else {
        refreshTimes();
      }
    } catch {
      if (outbox.state !== 'down') {
        outbox.state = 'down';
        renderOutbox();
      }
    }
  }
  setTimeout(pollOutbox, POLL_MS);
}
document.addEventListener('visibilitychange', () => !document.hidden && refreshTimes());

/** A message that just arrived: shown big, with its code or link one click away. */
function announce(message) {
  const channel = t('channels')[message.channel] ?? message.channel;
  if (message.code) {
    showToast({
      label: t('toastCode', channel, formatTo(message.to)),
      code: message.code,
      actionLabel: t('useCode'),
      action: (button) => onUseCode(button, message.code, $('toast-code'), message.to),
    });
  } else if (message.link && safeHref(message.link)) {
    const href = safeHref(message.link);
    showToast({
      label: t('toastLink', message.to),
      actionLabel: t('openLink'),
      action: () => window.open(href, '_blank', 'noopener'),
    });
  }
}
