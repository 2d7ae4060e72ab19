/**
 * Authentication for the `/session` and `/account/*` routes: `Authorization: Bearer <token>`
 * or the session cookie. A write authenticated by the cookie must come from an allowed Origin —
 * the cookie travels with any request the browser makes, the bearer token only with requests
 * our own script makes, so only the cookie needs the CSRF check.
 */
import { createMiddleware } from 'hono/factory';
import { hashSecret } from '../crypto.ts';
import type { SessionWithAccount, Store } from '../store/types.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { isAllowedOrigin, normaliseOrigin } from '../flows/origins.ts';
import { touchInterval } from '../flows/limits.ts';
import { readToken } from '../flows/sessions.ts';
import { fail } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session and its account: in one read where the store offers it (a database round trip saved). */
async function sessionWithAccount(store: Store, tokenHash: string): Promise<SessionWithAccount | undefined> {
  if (store.sessions.viewWithAccount) return store.sessions.viewWithAccount(tokenHash);
  const session = await store.sessions.view(tokenHash);
  return session && { session, account: await store.accounts.view(session.accountId) };
}

/**
 * The request's origin: the `Origin` header, else the `Referer`'s origin (some older browsers
 * omit Origin on same-origin requests). Neither → `undefined`, which a cookie write is refused
 * for: every current browser sends Origin on POST, PUT and DELETE.
 */
function requestOrigin(header: string | undefined, referer: string | undefined): string | undefined {
  if (header !== undefined) return header === 'null' ? undefined : normaliseOrigin(header);
  return referer ? normaliseOrigin(referer) : undefined;
}

export function requireSession(ctx: ProviderContext) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const credentials = readToken(c, ctx);
    if (!credentials) fail('unauthenticated', 'Sign in first.');
    if (credentials.via === 'cookie' && !SAFE_METHODS.has(c.req.method)) {
      const origin = requestOrigin(c.req.header('Origin'), c.req.header('Referer'));
      if (!origin || !isAllowedOrigin(c, ctx, origin)) {
        fail('origin_not_allowed', 'This origin may not make changes with the session cookie.');
      }
    }
    const tokenHash = hashSecret(credentials.token);
    const { session, account } = (await sessionWithAccount(ctx.store, tokenHash)) ?? {};
    const now = ctx.now().getTime();
    if (!session || session.provider !== ctx.provider || Date.parse(session.expiresAt) <= now) {
      fail('unauthenticated', 'The session has ended; sign in again.');
    }
    // The idle timeout: a session unused for `sessionIdleTimeout` ends. Use is recorded at most
    // every `touchInterval`, so a session may end up to that much early, never late.
    const idle = (now - Date.parse(session.lastSeenAt ?? session.createdAt)) / 1000;
    if (idle >= ctx.sessionIdleTimeout) {
      await ctx.store.sessions.delete(tokenHash);
      fail('unauthenticated', 'The session has ended; sign in again.');
    }
    if (
      idle >= touchInterval(ctx) &&
      !(await ctx.store.sessions.touch(tokenHash, new Date(now).toISOString()))
    ) {
      fail('unauthenticated', 'The session has ended; sign in again.');
    }
    if (!account || account.status !== 'active')
      fail('unauthenticated', 'The session has ended; sign in again.');
    c.set('auth', { account, session, tokenHash, via: credentials.via });
    await next();
  });
}
