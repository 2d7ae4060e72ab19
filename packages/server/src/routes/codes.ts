/**
 * `POST /codes`: sends an SMS or voice code. The answer never depends on whether the phone has
 * accounts (no enumeration); only the limits of docs/codes.md can refuse it. Purpose `reauth`
 * (proving the account again before a sensitive change, flows/reauth.ts) needs a session and
 * goes to the signed-in account's own phone, whatever `phone` the body names.
 */
import { Hono } from 'hono';
import { CodeRequestSchema, CodeVerifyRequestSchema, type Preset } from '@cloud-login/core';
import { consumeCode, sendCode } from '../flows/codes.ts';
import { issueTicket } from '../flows/tickets.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { must, phoneField, required } from '../flows/fields.ts';
import { requestLocale } from '../flows/notify.ts';
import { reauthKey } from '../flows/reauth.ts';
import { requireSession } from '../middleware/auth.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { json } from '../middleware/json.ts';

/** Whether the preset has a step that uses a code for this purpose at all. */
function offers(preset: Preset, purpose: 'register' | 'login' | 'bind' | 'reauth'): boolean {
  switch (purpose) {
    case 'register':
      return Object.entries(preset.registration).some(
        ([method, flow]) =>
          (preset.methods.register as readonly string[]).includes(method) &&
          flow.steps.some((step) => step.fields.includes('code')),
      );
    case 'login':
      return preset.methods.login.includes('sms');
    case 'bind':
      // First-time third-party login asks for a phone + code (docs/flows.md#third-party-login).
      return preset.methods.login.some(
        (method) => method === 'wechat' || method === 'wechat-mp' || method === 'qq' || method === 'jd',
      );
    case 'reauth':
      return true;
  }
}

export function codesRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .post('/verify', json(CodeVerifyRequestSchema), async (c) => {
      // A registration's code, spent at the step that asks for it (the code's own tries bound
      // the guessing); the ticket is what `POST /accounts` then takes for this phone.
      const body = c.req.valid('json');
      if (!offers(ctx.preset, 'register'))
        fail('method_disabled', 'Codes for register are not offered here.', { field: 'purpose' });
      const phone = must(phoneField(ctx.preset, 'phone', body.phone));
      await consumeCode(ctx, phone, 'register', body.code);
      const codeTicket = await issueTicket(ctx, { kind: 'register-code', phone });
      return c.json({ codeTicket, expiresIn: ctx.preset.ticketTtl }, 200);
    })
    .post('/', json(CodeRequestSchema), async (c) => {
      const body = c.req.valid('json');
      if (!offers(ctx.preset, body.purpose))
        fail('method_disabled', `Codes for ${body.purpose} are not offered here.`, { field: 'purpose' });
      let phone: string;
      let key: string | undefined;
      if (body.purpose === 'reauth') {
        // The session (cookie writes from an allowed Origin only) decides the phone, never the body.
        await requireSession(ctx)(c, async () => {});
        const { account } = c.get('auth');
        if (!account.phone)
          fail('method_disabled', 'This account has no phone to send a code to.', { field: 'phone' });
        phone = account.phone;
        key = reauthKey(phone);
      } else {
        if (body.phone === undefined) invalid([required('phone')]);
        phone = must(phoneField(ctx.preset, 'phone', body.phone));
      }
      const sent = await sendCode(ctx, {
        phone,
        channel: body.channel,
        purpose: body.purpose,
        address: c.get('address'),
        locale: requestLocale(body.locale, c.req.header('Accept-Language'), ctx.preset),
        ...(key !== undefined && { key }),
        challenge: { token: body.challengeToken },
      });
      return c.json(sent, 202);
    });
}
