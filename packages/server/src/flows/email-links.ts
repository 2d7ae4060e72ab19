/**
 * Email links (docs/codes.md): 256-bit tokens, stored hashed, single use, valid 2 hours (the preset's
 * `emailLinkTtl`). Used to verify a security email (docs/flows.md#security-email) and to activate a Tencent registration
 * (docs/flows.md#register-tencentcloud).
 */
import type { Context } from 'hono';
import { hashSecret, randomToken } from '../crypto.ts';
import { isoIn, isoNow, type ProviderContext } from '../context.ts';
import { requestLocale } from './notify.ts';
import { mountPrefix } from '../mount.ts';

export interface LinkRequest {
  accountId: string;
  email: string;
  purpose: 'verify' | 'activate';
  returnTo?: string;
  flowHash?: string;
  /** The language the element asked for (`locale` in the body); else `Accept-Language`. */
  locale?: string | undefined;
}

/**
 * Where links point: `publicUrl` when configured. Without it, the request's own origin — fine
 * for the dev server, but a deployment behind a proxy must set `publicUrl`, or a forged Host
 * header could make us mail links to someone else's host.
 */
function base(c: Context, ctx: ProviderContext): string {
  return (ctx.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

export async function sendEmailLink(c: Context, ctx: ProviderContext, request: LinkRequest): Promise<void> {
  const token = randomToken();
  await ctx.store.emailLinks.put({
    tokenHash: hashSecret(token),
    provider: ctx.provider,
    accountId: request.accountId,
    email: request.email,
    purpose: request.purpose,
    ...(request.returnTo !== undefined && { returnTo: request.returnTo }),
    ...(request.flowHash !== undefined && { flowHash: request.flowHash }),
    createdAt: isoNow(ctx),
    expiresAt: isoIn(ctx, ctx.preset.emailLinkTtl),
  });
  const link = `${base(c, ctx)}${mountPrefix(c)}/api/${ctx.provider}/email/verify?token=${token}`;
  await ctx.notifier.sendLink({
    provider: ctx.provider,
    preset: ctx.preset,
    to: request.email,
    purpose: request.purpose,
    link,
    locale: requestLocale(request.locale, c.req.header('Accept-Language'), ctx.preset),
  });
}
