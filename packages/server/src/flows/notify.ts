/**
 * The texts of outgoing codes, links and security notices, in both locales, handed to the
 * senders (SMS gateway, voice gateway, mail). Kept here rather than in core's catalogues: the elements never show
 * them, and a gateway with pre-approved templates uses `code` / `link` and ignores `text`.
 */
import type { Locale, Preset, ProviderId } from '@cloud-login/core';
import { matchLocale } from '@cloud-login/core/messages';
import type { Senders } from '../senders/types.ts';

export interface CodeNotice {
  provider: ProviderId;
  preset: Preset;
  /** `email` only for a password reset, to a verified address. */
  channel: 'sms' | 'voice' | 'email';
  to: string;
  purpose: 'register' | 'login' | 'bind' | 'reset';
  code: string;
  locale: Locale;
}

export interface LinkNotice {
  provider: ProviderId;
  preset: Preset;
  to: string;
  purpose: 'verify' | 'activate';
  link: string;
  locale: Locale;
}

/** Tells the owner that something changed on the account (purpose `security_notice`). */
export interface SecurityNotice {
  provider: ProviderId;
  preset: Preset;
  channel: 'sms' | 'email';
  to: string;
  event: 'password_reset';
  /** The account as the chooser names it (masked), so the owner of several can tell which. */
  account: string;
  at: Date;
  locale: Locale;
}

export interface Notifier {
  sendCode(notice: CodeNotice): Promise<void>;
  sendLink(notice: LinkNotice): Promise<void>;
  sendNotice(notice: SecurityNotice): Promise<void>;
}

const PURPOSE: Record<Locale, Record<CodeNotice['purpose'], string>> = {
  en: { register: 'registration', login: 'login', bind: 'account binding', reset: 'password reset' },
  'zh-CN': { register: '注册', login: '登录', bind: '账号绑定', reset: '重置密码' },
};

function codeText(n: CodeNotice): string {
  const brand = n.preset.name[n.locale];
  const minutes = Math.round(n.preset.code.ttl / 60);
  if (n.locale === 'zh-CN') {
    // Voice gateways read digits one by one; spaces make text-to-speech do the same.
    const code = n.channel === 'voice' ? n.code.split('').join(' ') : n.code;
    return `【${brand}】您的${PURPOSE['zh-CN'][n.purpose]}验证码是 ${code}，${minutes} 分钟内有效。请勿将验证码告诉他人。`;
  }
  const code = n.channel === 'voice' ? n.code.split('').join(' ') : n.code;
  return `[${brand}] Your ${PURPOSE.en[n.purpose]} code is ${code}. It expires in ${minutes} minutes. Never share it with anyone.`;
}

function linkText(n: LinkNotice): { subject: string; text: string } {
  const brand = n.preset.name[n.locale];
  const hours = Math.round(n.preset.emailLinkTtl / 3600);
  if (n.locale === 'zh-CN') {
    return n.purpose === 'activate'
      ? { subject: `激活您的${brand}账号`, text: `请在 ${hours} 小时内打开以下链接激活您的${brand}账号（仅可使用一次）：\n\n${n.link}\n\n如果这不是您本人的操作，请忽略本邮件。` }
      : { subject: `验证您的${brand}安全邮箱`, text: `请在 ${hours} 小时内打开以下链接验证您的安全邮箱（仅可使用一次）：\n\n${n.link}\n\n如果这不是您本人的操作，请忽略本邮件。` };
  }
  return n.purpose === 'activate'
    ? { subject: `Activate your ${brand} account`, text: `Open this link within ${hours} hours to activate your ${brand} account (it works once):\n\n${n.link}\n\nIf you did not register, ignore this email.` }
    : { subject: `Verify your ${brand} security email`, text: `Open this link within ${hours} hours to verify your security email (it works once):\n\n${n.link}\n\nIf you did not ask for this, ignore this email.` };
}

function codeSubject(n: CodeNotice): string {
  const brand = n.preset.name[n.locale];
  return n.locale === 'zh-CN' ? `${brand}${PURPOSE['zh-CN'][n.purpose]}验证码` : `Your ${brand} ${PURPOSE.en[n.purpose]} code`;
}

function noticeText(n: SecurityNotice): { subject: string; text: string } {
  const brand = n.preset.name[n.locale];
  const at = `${n.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (n.locale === 'zh-CN') {
    return {
      subject: `${brand}账号密码已重置`,
      text: `【${brand}】您的账号 ${n.account} 的登录密码已于 ${at} 通过验证码重置，其他设备上的登录已全部退出。如非本人操作，请立即联系客服。`,
    };
  }
  return {
    subject: `Your ${brand} password was reset`,
    text: `[${brand}] The password of your account ${n.account} was reset with a verification code at ${at}, and every other session was signed out. If this was not you, contact support right away.`,
  };
}

export function createNotifier(senders: Senders): Notifier {
  return {
    async sendCode(n) {
      if (n.channel === 'email') {
        await senders.email.send({ to: n.to, purpose: n.purpose, code: n.code, subject: codeSubject(n), text: codeText(n), locale: n.locale, provider: n.provider });
        return;
      }
      const sender = n.channel === 'voice' ? senders.voice : senders.sms;
      await sender.send({ to: n.to, purpose: n.purpose, code: n.code, text: codeText(n), locale: n.locale, provider: n.provider });
    },
    async sendNotice(n) {
      const { subject, text } = noticeText(n);
      const sender = n.channel === 'email' ? senders.email : senders.sms;
      await sender.send({ to: n.to, purpose: 'security_notice', text, ...(n.channel === 'email' && { subject }), locale: n.locale, provider: n.provider });
    },
    async sendLink(n) {
      const { subject, text } = linkText(n);
      await senders.email.send({ to: n.to, purpose: n.purpose, link: n.link, subject, text, locale: n.locale, provider: n.provider });
    },
  };
}

/** The locale of outgoing messages: the request's first supported language, else the preset's. */
export function localeFor(acceptLanguage: string | undefined, preset: Preset): Locale {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim();
    if (!tag) continue;
    const locale = matchLocale(tag);
    if (locale && preset.locales.includes(locale)) return locale;
  }
  return preset.defaultLocale;
}
