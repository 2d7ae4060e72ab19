/** `POST /accounts`: registration, in whichever flow the preset defines (docs/flows.md, `default`). */
import { Hono } from 'hono';
import { CreateAccountRequestSchema } from '@cloud-login/core';
import type { AppEnv, ProviderContext } from '../context.ts';
import { register } from '../flows/register.ts';
import { json } from '../middleware/json.ts';

export function accountsRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>().post('/', json(CreateAccountRequestSchema), async (c) => {
    const outcome = await register(c, ctx, c.req.valid('json'));
    return c.json(outcome.body, outcome.status);
  });
}
