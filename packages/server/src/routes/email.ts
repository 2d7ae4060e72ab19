/**
 * `GET /email/verify?token=`: follows an email link. A client that asks for JSON gets the
 * contract's answer; a browser that opened the link from its mailbox gets a small page, or —
 * when a step remains and the registration saved a `returnTo` — a redirect there with the
 * ticket in the fragment (never in the query, so it stays out of server logs and Referer).
 */
import { Hono, type Context } from 'hono';
import { ApiFailure } from '../middleware/errors.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { localeFor } from '../flows/notify.ts';
import { PAGE_CSP, pageText, renderPage } from '../flows/pages.ts';
import { verifyEmailLink } from '../flows/verify-email.ts';

function wantsJson(c: Context): boolean {
  const accept = c.req.header('Accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** `returnTo` with `#cl_ticket=…` replacing any fragment it had. */
function withTicket(returnTo: string, ticket: string): string {
  const hash = returnTo.indexOf('#');
  return `${hash === -1 ? returnTo : returnTo.slice(0, hash)}#cl_ticket=${encodeURIComponent(ticket)}`;
}

export function emailRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>().get('/verify', async (c) => {
    const token = c.req.query('token');
    if (wantsJson(c)) {
      if (!token)
        throw new ApiFailure('validation_failed', 'token is required.', {
          field: 'token',
          issues: [{ path: 'token', code: 'field_required', message: 'token is required.' }],
        });
      const { answer } = await verifyEmailLink(c, ctx, token);
      return c.json(answer);
    }

    const locale = localeFor(c.req.header('Accept-Language'), ctx.preset);
    const page = (key: Parameters<typeof pageText>[1], status: 200 | 400 | 409 | 410, link?: string) => {
      const text = pageText(locale, key);
      c.header('Content-Security-Policy', PAGE_CSP);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-store');
      return c.html(
        renderPage({
          locale,
          title: text.title,
          message: text.message,
          ...(link && { link: { href: link, text: text.back } }),
        }),
        status,
      );
    };
    if (!token) return page('invalid', 400);
    try {
      const { answer, link } = await verifyEmailLink(c, ctx, token);
      if (answer.status === 'needs_profile') {
        return link.returnTo
          ? c.redirect(withTicket(link.returnTo, answer.ticket), 303)
          : page('activated', 200);
      }
      return page('verified', 200, link.returnTo);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'link_expired') return page('expired', 410);
      if (error instanceof ApiFailure && error.code === 'email_taken') return page('taken', 409);
      throw error;
    }
  });
}
