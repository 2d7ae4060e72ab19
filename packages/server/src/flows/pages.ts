/**
 * The small HTML pages a browser gets when it follows an email link directly (no element on
 * the page to read JSON). Everything variable is escaped, the page runs no script, and its
 * CSP allows nothing but its own stylesheet.
 */
import { createHash } from 'node:crypto';
import type { Locale } from '@cloud-login/core';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2329;background:#fff}' +
  'h1{font-size:1.4rem}a{color:#0b57d0}@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#1b1b1f}a{color:#8ab4f8}}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
/** The confirmation page's: its one form posts back to this server, nowhere else. */
export const CONFIRM_CSP = PAGE_CSP.replace("form-action 'none'", "form-action 'self'");

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface PageContent {
  locale: Locale;
  title: string;
  message: string;
  link?: { href: string; text: string };
  /** A button that posts `token` to `action` (a path relative to the page). */
  form?: { action: string; token: string; button: string };
}

export function renderPage({ locale, title, message, link, form }: PageContent): string {
  let linkHtml = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  if (form) {
    linkHtml +=
      `<form method="post" action="${escapeHtml(form.action)}"><input type="hidden" name="token" value="${escapeHtml(form.token)}">` +
      `<p><button type="submit">${escapeHtml(form.button)}</button></p></form>`;
  }
  return (
    `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${linkHtml}</main></body></html>`
  );
}

type PageKey =
  'verified' | 'activated' | 'expired' | 'taken' | 'invalid' | 'confirm-verify' | 'confirm-activate';

const TEXT: Record<
  Locale,
  Record<PageKey, [string, string]> & { back: string; continue: string; confirm: string }
> = {
  en: {
    verified: ['Email verified', 'Your email has been verified. You can close this page.'],
    activated: ['Account activated', 'Your account is activated. Sign in to finish setting it up.'],
    expired: [
      'Link expired',
      'This link has expired or was already used. Ask for a new email and use the newest link.',
    ],
    taken: ['Email already in use', 'This email is already used by another account.'],
    invalid: [
      'Invalid link',
      'This link is incomplete. Open it again from the email, or copy the whole address.',
    ],
    'confirm-verify': ['Confirm your email', 'Press the button to verify {email} for your account.'],
    'confirm-activate': [
      'Activate your account',
      'Press the button to activate the account registered with {email}.',
    ],
    back: 'Back to the site',
    continue: 'Continue',
    confirm: 'Confirm',
  },
  'zh-CN': {
    verified: ['邮箱已验证', '您的邮箱已验证，可以关闭此页面。'],
    activated: ['账号已激活', '您的账号已激活，请登录以完成设置。'],
    expired: ['链接已失效', '此链接已过期或已被使用。请重新发送邮件，并使用最新的链接。'],
    taken: ['邮箱已被使用', '该邮箱已被其他账号使用。'],
    invalid: ['链接无效', '此链接不完整。请从邮件中重新打开，或复制完整的地址。'],
    'confirm-verify': ['确认邮箱', '请点击下方按钮，为您的账号验证邮箱 {email}。'],
    'confirm-activate': ['激活账号', '请点击下方按钮，激活以 {email} 注册的账号。'],
    back: '返回网站',
    continue: '继续',
    confirm: '确认',
  },
  'zh-TW': {
    verified: ['電子郵件已驗證', '您的電子郵件已完成驗證，可以關閉此頁面。'],
    activated: ['帳號已啟用', '您的帳號已啟用，請登入以完成設定。'],
    expired: ['連結已失效', '此連結已過期或已使用過。請重新寄送郵件，並使用最新的連結。'],
    taken: ['電子郵件已被使用', '此電子郵件已被其他帳號使用。'],
    invalid: ['連結無效', '此連結不完整。請從郵件中重新開啟，或複製完整的網址。'],
    'confirm-verify': ['確認電子郵件', '請點擊下方按鈕，為您的帳號驗證電子郵件 {email}。'],
    'confirm-activate': ['啟用帳號', '請點擊下方按鈕，啟用以 {email} 註冊的帳號。'],
    back: '返回網站',
    continue: '繼續',
    confirm: '確認',
  },
};

export function pageText(
  locale: Locale,
  key: PageKey,
  params: { email?: string } = {},
): { title: string; message: string; back: string; continue: string; confirm: string } {
  const text = TEXT[locale];
  const [title, message] = text[key];
  return {
    title,
    message: message.replace('{email}', params.email ?? ''),
    back: text.back,
    continue: text.continue,
    confirm: text.confirm,
  };
}
