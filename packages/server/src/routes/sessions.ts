/** `POST /sessions` (docs/flows.md#password-login), `/sessions/sms` (docs/flows.md#sms-login-and-account-chooser) and `/sessions/subaccount` (docs/flows.md#sub-account-login): sign-in. */
import { Hono } from 'hono';
import {
  PasswordLoginRequestSchema,
  SmsLoginRequestSchema,
  SubaccountLoginRequestSchema,
} from '@cloud-login/core';
import type { AppEnv, ProviderContext } from '../context.ts';
import { passwordLogin, smsLogin, subaccountLogin } from '../flows/login.ts';
import { json } from '../middleware/json.ts';

export function sessionsRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .post('/', json(PasswordLoginRequestSchema), async (c) =>
      c.json(await passwordLogin(c, ctx, c.req.valid('json'))),
    )
    .post('/sms', json(SmsLoginRequestSchema), async (c) =>
      c.json(await smsLogin(c, ctx, c.req.valid('json'))),
    )
    .post('/subaccount', json(SubaccountLoginRequestSchema), async (c) =>
      c.json(await subaccountLogin(c, ctx, c.req.valid('json'))),
    );
}
