/**
 * Forgot password: `POST /password-resets` sends a code to the account's phone or verified email
 * (the same `202` for an identifier without an account), `POST /password-resets/verify` spends
 * it; `POST /continue` then takes `accountId` (when several accounts share the phone or email)
 * and `newPassword`. See flows/password-reset.ts.
 */
import { Hono } from 'hono';
import { PasswordResetRequestSchema, PasswordResetVerifyRequestSchema } from '@cloud-login/core';
import type { AppEnv, ProviderContext } from '../context.ts';
import { requestReset, verifyReset } from '../flows/password-reset.ts';
import { json } from '../middleware/json.ts';

export function passwordResetRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .post('/', json(PasswordResetRequestSchema), async (c) =>
      c.json(await requestReset(c, ctx, c.req.valid('json')), 202),
    )
    .post('/verify', json(PasswordResetVerifyRequestSchema), async (c) =>
      c.json(await verifyReset(c, ctx, c.req.valid('json'))),
    );
}
