/**
 * Which web origins may talk to us with the user's cookie, and where we may send a browser
 * back to. One rule for both: the server's own origin, `publicUrl`'s origin, and the
 * configured `allowedOrigins` — nothing else (no wildcards: an allowlist is only as strong as
 * its loosest entry).
 */
import type { Context } from 'hono';
import type { FieldIssue } from '@cloud-login/core';
import type { ProviderContext } from '../context.ts';

export function ownOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

export function isAllowedOrigin(c: Context, ctx: Pick<ProviderContext, 'origins'>, origin: string): boolean {
  return origin === ownOrigin(c) || origin === ctx.origins.own || ctx.origins.allowed.has(origin);
}

/** `https://Example.com:443/` → `https://example.com`; `undefined` for anything not http(s). */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * A `returnTo` is kept only when it leads back to us or to an allowed origin: a path on this
 * server (`/console`, never `//evil.example` or `/\evil.example`, which browsers read as another
 * host), or an absolute http(s) URL on an allowed origin. Anything else would make our
 * activation emails an open redirect.
 */
export function checkReturnTo(
  c: Context,
  ctx: Pick<ProviderContext, 'origins'>,
  value: string,
): { ok: true; value: string } | { ok: false; issue: FieldIssue } {
  const bad = {
    ok: false as const,
    issue: {
      path: 'returnTo',
      code: 'return_to_not_allowed',
      message: 'returnTo must be a path on this site or a URL on an allowed origin.',
    },
  };
  // eslint-disable-next-line no-control-regex -- control characters are what it rejects
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return bad;
  if (value.startsWith('/')) return value.startsWith('//') ? bad : { ok: true, value };
  const origin = normaliseOrigin(value);
  if (!origin || !isAllowedOrigin(c, ctx, origin)) return bad;
  return { ok: true, value: new URL(value).href };
}
