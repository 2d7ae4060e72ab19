/** `GET /config`: the effective preset, as core's `publicConfig` shapes it for the elements. */
import { Hono } from 'hono';
import { publicConfig } from '@cloud-login/core/config';
import type { AppEnv, ProviderContext } from '../context.ts';

export function configRoutes(ctx: ProviderContext) {
  const config = publicConfig(ctx.preset);
  return new Hono<AppEnv>().get('/', (c) => {
    // Presets change only with a deploy; a short cache spares every page load a round trip.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(config);
  });
}
