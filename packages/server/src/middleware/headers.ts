/**
 * The headers every API answer carries: `X-Content-Type-Options: nosniff` and, unless the route
 * says otherwise, `Cache-Control: no-store` (answers hold accounts, tokens and codes).
 *
 * They are set before the route runs, so they are part of the response the route builds and a
 * route can still replace them (`c.header('Cache-Control', …)`). Setting them after `next()`
 * would make Hono rebuild every response around a stream, which takes @hono/node-server off its
 * fast path (`bench/middleware-cost.ts`). Only a response built without the context
 * (`new Response(…)`) misses them; that rare one gets them afterwards, the slow way.
 */
import type { Context, MiddlewareHandler } from 'hono';

function prepare(c: Context, cacheControl: boolean): void {
  c.header('X-Content-Type-Options', 'nosniff');
  if (cacheControl) c.header('Cache-Control', 'no-store');
}

export function apiHeaders(): MiddlewareHandler {
  return async (c, next) => {
    prepare(c, true);
    await next();
    const headers = c.res.headers;
    if (!headers.has('X-Content-Type-Options')) prepare(c, !headers.has('Cache-Control'));
  };
}
