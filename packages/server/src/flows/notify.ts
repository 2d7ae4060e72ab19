/**
 * The texts of outgoing codes, links and security notices, in every locale, handed to the
 * senders (SMS gateway, voice gateway, mail). Kept here rather than in core's catalogues: the elements never show
 * them, and a gateway with pre-approved templates uses `code` / `link` and ignores `text`.
 */
import { FEW_RECOVERY_CODES, localText, type Locale, type Preset, type ProviderId } from '@cloud-login/core';
import { matchLocale } from '@cloud-login/core/messages';
import type { Senders } from '../senders/types.ts';

export interface CodeNotice {
  provider: ProviderId;
  preset: Preset;
  /** `email` only for a password reset, to a verified address. */
  channel: 'sms' | 'voice' | 'email';
  to: string;
  purpose: 'register' | 'login' | 'bind' | 'reset' | 'reauth';
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

/** The changes a `security_notice` reports. */
export type NoticeEvent =
  | 'password_reset'
  | 'password_changed'
  | 'password_set'
  | 'email_change'
  | 'bind'
  | 'unbind'
  | 'passkey_added'
  | 'passkey_removed'
  | 'totp_enabled'
  | 'totp_disabled'
  | 'recovery_code_used'
  | 'contact_change';

/** Tells the owner that something changed on the account (purpose `security_notice`). */
export interface SecurityNotice {
  provider: ProviderId;
  preset: Preset;
  channel: 'sms' | 'email';
  to: string;
  event: NoticeEvent;
  /**
   * What the event names: the identity provider bound or unbound, the masked new email, the
   * passkey's name, the recovery codes left (a number), the masked new contact details.
   */
  detail?: string;
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
  en: {
    register: 'registration',
    login: 'login',
    bind: 'account binding',
    reset: 'password reset',
    reauth: 'identity check',
  },
  'zh-CN': { register: '注册', login: '登录', bind: '账号绑定', reset: '重置密码', reauth: '身份验证' },
  'zh-TW': { register: '註冊', login: '登入', bind: '帳號綁定', reset: '重設密碼', reauth: '身分驗證' },
};

function codeText(n: CodeNotice): string {
  const brand = localText(n.preset.name, n.locale);
  const minutes = Math.round(n.preset.code.ttl / 60);
  // Voice gateways read digits one by one; spaces make text-to-speech do the same.
  const code = n.channel === 'voice' ? n.code.split('').join(' ') : n.code;
  if (n.locale === 'zh-CN') {
    return `【${brand}】您的${PURPOSE['zh-CN'][n.purpose]}验证码是 ${code}，${minutes} 分钟内有效。请勿将验证码告诉他人。`;
  }
  if (n.locale === 'zh-TW') {
    return `【${brand}】您的${PURPOSE['zh-TW'][n.purpose]}驗證碼為 ${code}，${minutes} 分鐘內有效。請勿將驗證碼告訴他人。`;
  }
  return `[${brand}] Your ${PURPOSE.en[n.purpose]} code is ${code}. It expires in ${minutes} minutes. Never share it with anyone.`;
}

function linkText(n: LinkNotice): { subject: string; text: string } {
  const brand = localText(n.preset.name, n.locale);
  const hours = Math.round(n.preset.emailLinkTtl / 3600);
  if (n.locale === 'zh-TW') {
    return n.purpose === 'activate'
      ? {
          subject: `啟用您的${brand}帳號`,
          text: `請在 ${hours} 小時內開啟以下連結，啟用您的${brand}帳號（連結僅能使用一次）：\n\n${n.link}\n\n如果這不是您本人的操作，請忽略這封郵件。`,
        }
      : {
          subject: `驗證您的${brand}安全電子郵件`,
          text: `請在 ${hours} 小時內開啟以下連結，驗證您的安全電子郵件（連結僅能使用一次）：\n\n${n.link}\n\n如果這不是您本人的操作，請忽略這封郵件。`,
        };
  }
  if (n.locale === 'zh-CN') {
    return n.purpose === 'activate'
      ? {
          subject: `激活您的${brand}账号`,
          text: `请在 ${hours} 小时内打开以下链接激活您的${brand}账号（仅可使用一次）：\n\n${n.link}\n\n如果这不是您本人的操作，请忽略本邮件。`,
        }
      : {
          subject: `验证您的${brand}安全邮箱`,
          text: `请在 ${hours} 小时内打开以下链接验证您的安全邮箱（仅可使用一次）：\n\n${n.link}\n\n如果这不是您本人的操作，请忽略本邮件。`,
        };
  }
  return n.purpose === 'activate'
    ? {
        subject: `Activate your ${brand} account`,
        text: `Open this link within ${hours} hours to activate your ${brand} account (it works once):\n\n${n.link}\n\nIf you did not register, ignore this email.`,
      }
    : {
        subject: `Verify your ${brand} security email`,
        text: `Open this link within ${hours} hours to verify your security email (it works once):\n\n${n.link}\n\nIf you did not ask for this, ignore this email.`,
      };
}

function codeSubject(n: CodeNotice): string {
  const brand = localText(n.preset.name, n.locale);
  if (n.locale === 'zh-CN') return `${brand}${PURPOSE['zh-CN'][n.purpose]}验证码`;
  if (n.locale === 'zh-TW') return `${brand}${PURPOSE['zh-TW'][n.purpose]}驗證碼`;
  return `Your ${brand} ${PURPOSE.en[n.purpose]} code`;
}

const IDP_NAMES: Record<Locale, Record<string, string>> = {
  en: { wechat: 'WeChat', 'wechat-mp': 'WeChat Official Account', qq: 'QQ', jd: 'JD' },
  'zh-CN': { wechat: '微信', 'wechat-mp': '微信公众号', qq: 'QQ', jd: '京东' },
  'zh-TW': { wechat: '微信', 'wechat-mp': '微信公眾號', qq: 'QQ', jd: '京東' },
};

/** What happened, as one sentence part after "your account X" (en) / "您的账号 X" (zh-CN) / "您的帳號 X" (zh-TW). */
function noticeEvent(
  n: SecurityNotice & { event: Exclude<NoticeEvent, 'password_reset' | 'recovery_code_used'> },
): {
  subject: string;
  what: string;
} {
  const idp = n.detail === undefined ? '' : (IDP_NAMES[n.locale][n.detail] ?? n.detail);
  const brand = localText(n.preset.name, n.locale);
  if (n.locale === 'zh-TW') {
    switch (n.event) {
      case 'password_changed':
        return { subject: `${brand}帳號密碼已變更`, what: '的登入密碼已變更，其他裝置上的登入已全部登出' };
      case 'password_set':
        return { subject: `${brand}帳號已設定登入密碼`, what: '已設定登入密碼，其他裝置上的登入已全部登出' };
      case 'email_change':
        return {
          subject: `${brand}帳號安全電子郵件變更申請`,
          what: `申請將安全電子郵件變更為 ${n.detail ?? ''}（開啟驗證連結後生效）`,
        };
      case 'bind':
        return { subject: `${brand}帳號已綁定${idp}`, what: `已綁定${idp}登入` };
      case 'unbind':
        return { subject: `${brand}帳號已解除綁定${idp}`, what: `已解除綁定${idp}登入` };
      case 'passkey_added':
        return { subject: `${brand}帳號已新增通行密鑰`, what: `新增了通行密鑰「${n.detail ?? ''}」` };
      case 'passkey_removed':
        return { subject: `${brand}帳號已刪除通行密鑰`, what: `刪除了通行密鑰「${n.detail ?? ''}」` };
      case 'totp_enabled':
        return { subject: `${brand}帳號已開啟兩步驟驗證`, what: '已開啟兩步驟驗證（驗證器應用程式）' };
      case 'totp_disabled':
        return {
          subject: `${brand}帳號已關閉兩步驟驗證`,
          what: '已關閉兩步驟驗證，登入時不再需要驗證器應用程式的驗證碼',
        };
      case 'contact_change':
        return { subject: `${brand}帳號聯絡資訊已變更`, what: `的聯絡資訊已變更為 ${n.detail ?? ''}` };
    }
  }
  if (n.locale === 'zh-CN') {
    switch (n.event) {
      case 'password_changed':
        return { subject: `${brand}账号密码已修改`, what: '的登录密码已修改，其他设备上的登录已全部退出' };
      case 'password_set':
        return { subject: `${brand}账号已设置登录密码`, what: '已设置登录密码，其他设备上的登录已全部退出' };
      case 'email_change':
        return {
          subject: `${brand}账号安全邮箱变更申请`,
          what: `申请将安全邮箱改为 ${n.detail ?? ''}（打开验证链接后生效）`,
        };
      case 'bind':
        return { subject: `${brand}账号已绑定${idp}`, what: `已绑定${idp}登录` };
      case 'unbind':
        return { subject: `${brand}账号已解除绑定${idp}`, what: `已解除绑定${idp}登录` };
      case 'passkey_added':
        return { subject: `${brand}账号已添加通行密钥`, what: `添加了通行密钥“${n.detail ?? ''}”` };
      case 'passkey_removed':
        return { subject: `${brand}账号已删除通行密钥`, what: `删除了通行密钥“${n.detail ?? ''}”` };
      case 'totp_enabled':
        return { subject: `${brand}账号已开启两步验证`, what: '已开启两步验证（身份验证器应用）' };
      case 'totp_disabled':
        return {
          subject: `${brand}账号已关闭两步验证`,
          what: '已关闭两步验证，登录时不再需要身份验证器应用的验证码',
        };
      case 'contact_change':
        return { subject: `${brand}账号联系信息已修改`, what: `的联系信息已修改为 ${n.detail ?? ''}` };
    }
  }
  switch (n.event) {
    case 'password_changed':
      return {
        subject: `Your ${brand} password was changed`,
        what: 'had its password changed, and every other session was signed out',
      };
    case 'password_set':
      return {
        subject: `A password was set on your ${brand} account`,
        what: 'got a login password, and every other session was signed out',
      };
    case 'email_change':
      return {
        subject: `Your ${brand} security email is being changed`,
        what: `was asked to use ${n.detail ?? ''} as its security email (it changes once the link is followed)`,
      };
    case 'bind':
      return {
        subject: `${idp} login was bound to your ${brand} account`,
        what: `was bound to a ${idp} login`,
      };
    case 'unbind':
      return {
        subject: `${idp} login was unbound from your ${brand} account`,
        what: `was unbound from its ${idp} login`,
      };
    case 'passkey_added':
      return {
        subject: `A passkey was added to your ${brand} account`,
        what: `got a new passkey, "${n.detail ?? ''}"`,
      };
    case 'passkey_removed':
      return {
        subject: `A passkey was removed from your ${brand} account`,
        what: `had its passkey "${n.detail ?? ''}" removed`,
      };
    case 'totp_enabled':
      return {
        subject: `Two-step verification was turned on for your ${brand} account`,
        what: 'had two-step verification (an authenticator app) turned on',
      };
    case 'totp_disabled':
      return {
        subject: `Two-step verification was turned off for your ${brand} account`,
        what: 'had two-step verification turned off: signing in no longer asks for an authenticator code',
      };
    case 'contact_change':
      return {
        subject: `The contact details of your ${brand} account were changed`,
        what: `had its contact details changed to ${n.detail ?? ''}`,
      };
  }
}

/** A sign-in with a recovery code: how many are left, and when few are, to make new ones. */
function recoveryText(n: SecurityNotice, brand: string, at: string): { subject: string; text: string } {
  const left = Number(n.detail ?? 0);
  const few = left <= FEW_RECOVERY_CODES;
  if (n.locale === 'zh-TW') {
    const advice = few ? '復原碼即將用完，請在帳號安全設定中重新產生（原有復原碼將失效）。' : '';
    return {
      subject: `${brand}帳號已使用復原碼登入`,
      text: `【${brand}】您的帳號 ${n.account} 於 ${at} 使用復原碼登入，剩餘 ${left} 組復原碼。${advice}如非本人操作，請立即變更密碼並聯絡客服。`,
    };
  }
  if (n.locale === 'zh-CN') {
    const advice = few ? '恢复码即将用完，请在账号安全设置中重新生成（原有恢复码将失效）。' : '';
    return {
      subject: `${brand}账号已使用恢复码登录`,
      text: `【${brand}】您的账号 ${n.account} 于 ${at} 使用恢复码登录，剩余 ${left} 个恢复码。${advice}如非本人操作，请立即修改密码并联系客服。`,
    };
  }
  const count = left === 1 ? '1 recovery code is' : `${left === 0 ? 'No' : left} recovery codes are`;
  const advice = few
    ? ' Create new ones in your account security settings (the old ones then stop working).'
    : '';
  return {
    subject: `A recovery code was used to sign in to your ${brand} account`,
    text: `[${brand}] A recovery code was used to sign in to your account ${n.account} at ${at}. ${count} left.${advice} If this was not you, change your password and contact support right away.`,
  };
}

function noticeText(n: SecurityNotice): { subject: string; text: string } {
  const brand = localText(n.preset.name, n.locale);
  const at = `${n.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (n.event === 'recovery_code_used') return recoveryText(n, brand, at);
  if (n.event === 'password_reset' && n.locale === 'zh-TW') {
    return {
      subject: `${brand}帳號密碼已重設`,
      text: `【${brand}】您的帳號 ${n.account} 的登入密碼已於 ${at} 透過驗證碼重設，其他裝置上的登入已全部登出。如非本人操作，請立即聯絡客服。`,
    };
  }
  if (n.event === 'password_reset') {
    return n.locale === 'zh-CN'
      ? {
          subject: `${brand}账号密码已重置`,
          text: `【${brand}】您的账号 ${n.account} 的登录密码已于 ${at} 通过验证码重置，其他设备上的登录已全部退出。如非本人操作，请立即联系客服。`,
        }
      : {
          subject: `Your ${brand} password was reset`,
          text: `[${brand}] The password of your account ${n.account} was reset with a verification code at ${at}, and every other session was signed out. If this was not you, contact support right away.`,
        };
  }
  const { subject, what } = noticeEvent({ ...n, event: n.event });
  if (n.locale === 'zh-TW') {
    return {
      subject,
      text: `【${brand}】您的帳號 ${n.account} 於 ${at} ${what}。如非本人操作，請立即聯絡客服。`,
    };
  }
  if (n.locale === 'zh-CN') {
    return {
      subject,
      text: `【${brand}】您的账号 ${n.account} 于 ${at} ${what}。如非本人操作，请立即联系客服。`,
    };
  }
  return {
    subject,
    text: `[${brand}] Your account ${n.account} ${what} at ${at}. If this was not you, contact support right away.`,
  };
}

export function createNotifier(senders: Senders): Notifier {
  return {
    async sendCode(n) {
      if (n.channel === 'email') {
        await senders.email.send({
          to: n.to,
          purpose: n.purpose,
          code: n.code,
          subject: codeSubject(n),
          text: codeText(n),
          locale: n.locale,
          provider: n.provider,
        });
        return;
      }
      const sender = n.channel === 'voice' ? senders.voice : senders.sms;
      await sender.send({
        to: n.to,
        purpose: n.purpose,
        code: n.code,
        text: codeText(n),
        locale: n.locale,
        provider: n.provider,
      });
    },
    async sendNotice(n) {
      const { subject, text } = noticeText(n);
      const sender = n.channel === 'email' ? senders.email : senders.sms;
      await sender.send({
        to: n.to,
        purpose: 'security_notice',
        text,
        ...(n.channel === 'email' && { subject }),
        locale: n.locale,
        provider: n.provider,
      });
    },
    async sendLink(n) {
      const { subject, text } = linkText(n);
      await senders.email.send({
        to: n.to,
        purpose: n.purpose,
        link: n.link,
        subject,
        text,
        locale: n.locale,
        provider: n.provider,
      });
    },
  };
}

/** `asked` (a body's `locale`) when it names a locale the preset has, else `Accept-Language`'s. */
export function requestLocale(
  asked: string | undefined,
  acceptLanguage: string | undefined,
  preset: Preset,
): Locale {
  const matched = asked ? matchLocale(asked) : null;
  if (matched && preset.locales.includes(matched)) return matched;
  return localeFor(acceptLanguage, preset);
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

/**
 * A `security_notice` to the account's phone (SMS) and verified email. A failed send is logged
 * and does not undo the change it reports.
 */
export async function notifyAccount(
  ctx: { provider: ProviderId; preset: Preset; notifier: Notifier; now: () => Date },
  account: { phone?: string | undefined; email?: string | undefined; emailVerified: boolean },
  label: string,
  event: NoticeEvent,
  locale: Locale,
  detail?: string,
): Promise<void> {
  const base = {
    provider: ctx.provider,
    preset: ctx.preset,
    event,
    account: label,
    at: ctx.now(),
    locale,
    ...(detail !== undefined && { detail }),
  };
  const sends: Promise<void>[] = [];
  if (account.phone) sends.push(ctx.notifier.sendNotice({ ...base, channel: 'sms', to: account.phone }));
  if (account.email && account.emailVerified)
    sends.push(ctx.notifier.sendNotice({ ...base, channel: 'email', to: account.email }));
  for (const result of await Promise.allSettled(sends)) {
    if (result.status === 'rejected')
      console.error('cloud-login: a security notice could not be sent', result.reason);
  }
}
