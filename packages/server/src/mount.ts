/**
 * Where the app is mounted. `createAuthServer()` is a Hono app a site may mount inside its own
 * (`app.route('/auth', createAuthServer(…))`): every URL it hands out — email links, OAuth
 * `redirect_uri`s, redirects to its own pages, the simulated providers' pages — carries the mount
 * prefix (`/auth`), which Hono knows per request as the base path of the app's first middleware.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { basePath } from 'hono/route';

// Per request context: middleware may replace `c.req.raw` (the body limit wraps the body).
const prefixes = new WeakMap<Context, string>();

/** The app's first middleware: notes the prefix the request came in under (`''` unmounted). */
export function recordMountPrefix(): MiddlewareHandler {
  return async (c, next) => {
    prefixes.set(c, basePath(c).replace(/\/+$/, ''));
    await next();
  };
}

/**
 * The mount prefix of the app serving `c` (`''` or `/auth`). Requests the app sends itself
 * (`app.fetch`, to its simulated providers) are unmounted: `''`.
 */
export function mountPrefix(c: Context): string {
  return prefixes.get(c) ?? '';
}

/** `path` (`/idp/…`, `/api/…`) as the browser must request it; absolute URLs are left alone. */
export function mounted(c: Context, path: string): string {
  return path.startsWith('/') && !path.startsWith('//') ? `${mountPrefix(c)}${path}` : path;
}
