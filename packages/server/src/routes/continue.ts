/** `POST /continue`: the next step of a ticketed flow (account chooser, Tencent's industry). */
import { Hono } from 'hono';
import { ContinueRequestSchema } from '@cloud-login/core';
import type { AppEnv, ProviderContext } from '../context.ts';
import { continueFlow } from '../flows/continue.ts';
import { json } from '../middleware/json.ts';

export function continueRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>().post('/', json(ContinueRequestSchema), async (c) =>
    c.json(await continueFlow(c, ctx, c.req.valid('json'))),
  );
}
