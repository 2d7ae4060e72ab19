/**
 * Simulated identity providers (dev mode only, mounted at `/idp`): WeChat website login, the
 * WeChat Official Account platform, QQ Connect and JD, each speaking its real protocol's shape
 * (same parameter names, same answers, same error codes where it matters) so that the clients in
 * `clients.ts` cannot tell them from the real ones, and a real provider replaces one by
 * configuration alone.
 *
 * What they enforce, like the real ones: the app id must be registered; `redirect_uri` must be
 * the app's registered callback on this server; a code is valid 10 minutes, once, for the app it
 * was issued to; the app secret must match. A person clicks through believable pages: WeChat's
 * "scan to log in" (with a simulated phone to confirm on), QQ's login page (number and password),
 * JD's password login, and the Official Account's pages a scanned QR opens on the phone, where its
 * owner chooses which Official Account logs in and authorizes it (004).
 *
 * The simulated JD knows two kinds of users: the names and passwords it keeps itself (a new name
 * is registered on its first sign-in), and the demo's legacy JD Cloud accounts (created with
 * `POST /api/{provider}/dev/legacy-accounts`), which sign in with their phone or email and
 * password — a legacy JD Cloud account *is* a JD account, so it is bound to its JD identity.
 */
import { Hono } from 'hono';
import type { SimulatorOptions } from './apps.ts';
import { jdRoutes } from './jd.ts';
import { simulatorKit } from './kit.ts';
import { qqRoutes } from './qq.ts';
import { wechatMpRoutes } from './wechat-mp.ts';
import { wechatRoutes } from './wechat.ts';

export {
  CODE_TTL_MS,
  SIMULATOR_BASE,
  simulatedApp,
  simulatedConfig,
  type SimulatedApp,
  type SimulatorOptions,
} from './apps.ts';

export function simulatedProviders(options: SimulatorOptions) {
  const kit = simulatorKit(options);
  return new Hono()
    .use('*', async (c, next) => {
      await next();
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'no-referrer');
    })
    .route('/', wechatRoutes(kit))
    .route('/', qqRoutes(kit))
    .route('/', jdRoutes(kit))
    .route('/', wechatMpRoutes(kit));
}
