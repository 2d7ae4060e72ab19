/**
 * CORS for the sites that embed the elements: only allowlisted origins, with credentials (the
 * session cookie), and the headers the client needs to read (`Retry-After`). Requests from
 * other origins still reach the routes — CORS only governs what a browser lets a page read —
 * which is why cookie-authenticated writes check the Origin themselves (`auth.ts`) and bodies
 * must be JSON (a cross-site form cannot send that without a preflight this refuses).
 */
import { cors } from 'hono/cors';
import type { Context } from 'hono';
import { isAllowedOrigin } from '../flows/origins.ts';
import type { OriginPolicy } from '../flows/context.ts';

export interface CorsAllowlistOptions {
  origins: OriginPolicy;
  /** Preflight cache, seconds. Default 600. */
  maxAge?: number;
}

export function corsAllowlist({ origins, maxAge = 600 }: CorsAllowlistOptions) {
  return cors({
    origin: (origin: string, c: Context) => (origin && isAllowedOrigin(c, { origins }, origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Accept', 'Accept-Language', 'X-QR-Secret'],
    exposeHeaders: ['Retry-After'],
    maxAge,
  });
}
