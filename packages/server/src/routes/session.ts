/** `GET /session` (who am I) and `DELETE /session` (sign out: the token dies server-side). */
import { Hono } from 'hono';
import { toPublicAccount } from '../flows/accounts.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { clearSessionCookie } from '../flows/sessions.ts';
import { requireSession } from '../middleware/auth.ts';

export function sessionRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .use(requireSession(ctx))
    .get('/', (c) => c.json({ account: toPublicAccount(c.get('auth').account, ctx.preset) }))
    .delete('/', async (c) => {
      await ctx.store.sessions.delete(c.get('auth').tokenHash);
      clearSessionCookie(c, ctx);
      return c.body(null, 204);
    });
}
