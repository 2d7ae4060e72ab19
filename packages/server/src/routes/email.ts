/**
 * Email links (packages/server/README.md). `GET /email/verify?token=` only shows the link — a
 * page with a confirm button, or `{status: "pending_confirmation", email}` as JSON — so the mail
 * scanners that fetch every link in a message spend nothing. `POST /email/verify {token}` (JSON,
 * or the page's form) spends it: the contract's answer as JSON; for a browser a small page, or —
 * when a step remains and the registration saved a `returnTo` and a `flowHash` — a redirect there
 * with the ticket in the fragment (never in the query, so it stays out of server logs and
 * Referer), bound to the registering tab's secret.
 */
import { Hono, type Context } from 'hono';
import { ApiFailure, fail } from '../middleware/errors.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { hashSecret } from '../crypto.ts';
import { localeFor } from '../flows/notify.ts';
import { CONFIRM_CSP, PAGE_CSP, pageText, renderPage } from '../flows/pages.ts';
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

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

function tokenRequired(): never {
  throw new ApiFailure('validation_failed', 'token is required.', {
    field: 'token',
    issues: [{ path: 'token', code: 'field_required', message: 'token is required.' }],
  });
}

/** The token of a JSON body or of the confirmation page's form; 415 for anything else. */
async function postedToken(c: Context): Promise<string | undefined> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  let value: unknown;
  if (type === 'application/json') {
    try {
      value = ((await c.req.json()) as { token?: unknown } | null)?.token;
    } catch {
      throw new ApiFailure('validation_failed', 'The body is not valid JSON.', {
        issues: [{ path: '', code: 'invalid_json', message: 'The body is not valid JSON.' }],
      });
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    value = (await c.req.parseBody()).token;
  } else {
    fail('unsupported_media_type', 'Request bodies must be sent as Content-Type: application/json.');
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function emailRoutes(ctx: ProviderContext) {
  const pageOf = (c: Context) => {
    const locale = localeFor(c.req.header('Accept-Language'), ctx.preset);
    return (
      key: Parameters<typeof pageText>[1],
      status: 200 | 400 | 409 | 410,
      extra: { link?: string; email?: string; token?: string } = {},
    ) => {
      const text = pageText(locale, key, { ...(extra.email !== undefined && { email: extra.email }) });
      c.header('Content-Security-Policy', extra.token ? CONFIRM_CSP : PAGE_CSP);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-store');
      return c.html(
        renderPage({
          locale,
          title: text.title,
          message: text.message,
          ...(extra.link && { link: { href: extra.link, text: text.back } }),
          // Relative: the form posts to this same path, wherever the server is mounted.
          ...(extra.token && { form: { action: 'verify', token: extra.token, button: text.confirm } }),
        }),
        status,
      );
    };
  };

  return new Hono<AppEnv>()
    .get('/verify', async (c) => {
      const token = c.req.query('token');
      const link =
        token !== undefined && TOKEN.test(token)
          ? await ctx.store.emailLinks.peek(hashSecret(token), isoNow(ctx))
          : undefined;
      const usable = link && link.provider === ctx.provider ? link : undefined;
      if (wantsJson(c)) {
        if (!token) tokenRequired();
        if (!usable) fail('link_expired', 'This link has expired or was already used.');
        return c.json({ status: 'pending_confirmation' as const, email: usable.email });
      }
      const page = pageOf(c);
      if (!token) return page('invalid', 400);
      if (!usable) return page('expired', 410);
      return page(usable.purpose === 'activate' ? 'confirm-activate' : 'confirm-verify', 200, {
        email: usable.email,
        token,
      });
    })
    .post('/verify', async (c) => {
      const token = await postedToken(c);
      if (wantsJson(c)) {
        if (!token) tokenRequired();
        const { answer } = await verifyEmailLink(c, ctx, token);
        return c.json(answer);
      }
      const page = pageOf(c);
      if (!token) return page('invalid', 400);
      try {
        const { answer, link } = await verifyEmailLink(c, ctx, token, { addressBorne: true });
        if (answer.status === 'needs_profile') {
          // The ticket travels in the address only bound to the registering tab's secret; any
          // other browser (another device, or a victim sent an attacker's link) is told the
          // account is active and signs in.
          return link.returnTo && link.flowHash
            ? c.redirect(withTicket(link.returnTo, answer.ticket), 303)
            : page('activated', 200);
        }
        return page('verified', 200, { ...(link.returnTo && { link: link.returnTo }) });
      } catch (error) {
        if (error instanceof ApiFailure && error.code === 'link_expired') return page('expired', 410);
        if (error instanceof ApiFailure && error.code === 'email_taken') return page('taken', 409);
        throw error;
      }
    });
}
