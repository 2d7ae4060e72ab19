/**
 * CORS for the sites that embed the elements: only allowlisted origins, with credentials (the
 * session cookie), and the headers the client needs to read (`Retry-After`). Requests from
 * other origins still reach the routes — CORS only governs what a browser lets a page read —
 * which is why cookie-authenticated writes check the Origin themselves (`auth.ts`) and bodies
 * must be JSON (a cross-site form cannot send that without a preflight this refuses).
 *
 * It answers what `hono/cors` answered for these options, but sets every header before the
 * route runs: `hono/cors` touches `c.res` first and appends `Vary` after `next()`, and either
 * makes Hono rebuild the route's response around a stream, which takes @hono/node-server off its
 * fast path (`bench/middleware-cost.ts`: about 0.15 ms of CPU per answer). A route that needs
 * its own `Vary` should append to it, not replace it. One difference: a request without an
 * `Origin` (same-origin `GET`s, apps, servers) gets only `Vary: Origin`, not the
 * `Access-Control-Allow-Credentials` / `-Expose-Headers` that no browser would read there.
 */
import { createMiddleware } from 'hono/factory';
import { isAllowedOrigin } from '../flows/origins.ts';
import type { OriginPolicy } from '../context.ts';

export interface CorsAllowlistOptions {
  origins: OriginPolicy;
  /** Preflight cache, seconds. Default 600. */
  maxAge?: number;
}

const ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';
const ALLOW_HEADERS = 'Content-Type,Authorization,Accept,Accept-Language,X-QR-Secret';
const EXPOSE_HEADERS = 'Retry-After';

export function corsAllowlist({ origins, maxAge = 600 }: CorsAllowlistOptions) {
  const policy = { origins };
  const maxAgeValue = String(maxAge);
  return createMiddleware((c, next) => {
    // The answer differs by Origin, so a shared cache must not hand one site's answer to another.
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('Origin');
    // No Origin, no CORS: browsers send it with every cross-origin request (and every preflight),
    // so the rest would only lengthen same-origin and non-browser answers.
    if (origin !== undefined) {
      if (origin && isAllowedOrigin(c, policy, origin)) c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    if (c.req.method === 'OPTIONS') {
      // Every OPTIONS is a preflight: answered here, the routes never see it.
      c.header('Access-Control-Max-Age', maxAgeValue);
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Vary', 'Access-Control-Request-Headers', { append: true });
      return Promise.resolve(c.body(null, 204));
    }
    return next();
  });
}
