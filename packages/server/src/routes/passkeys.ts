/**
 * Passkeys (docs/flows.md#passkeys; flows/passkeys.ts does the WebAuthn work):
 *
 * - `POST /sessions/passkey/options` and `POST /sessions/passkey`: sign in with a discoverable
 *   passkey, no identifier asked (the button, and the autofill of the identifier field); with
 *   user verification it skips the two-step verification, without it an account with TOTP
 *   answers that step (flows/passkeys.ts);
 * - `POST /account/passkeys/options` (with a re-authentication proof, flows/reauth.ts) and
 *   `POST /account/passkeys`: add one; `GET /account/passkeys`; `PATCH` and `DELETE
 *   /account/passkeys/{id}` (deleting needs the proof again). Adding and deleting send a
 *   `security_notice`.
 */
import { Hono } from 'hono';
import {
  PasskeyCreateRequestSchema,
  PasskeyLoginRequestSchema,
  PasskeyRenameRequestSchema,
  ReauthProofSchema,
} from '@cloud-login/core';
import type { AppEnv, ProviderContext } from '../context.ts';
import { accountLabel } from '../flows/accounts.ts';
import { countAccountChange, checkSignInBudget } from '../flows/limits.ts';
import { localeFor, notifyAccount } from '../flows/notify.ts';
import {
  authenticationOptions,
  passkeyName,
  registrationOptions,
  requirePasskeys,
  toPublicPasskey,
  verifyAssertion,
  verifyRegistration,
  type PasskeyOptions,
} from '../flows/passkeys.ts';
import { requireReauth } from '../flows/reauth.ts';
import { completeSignIn } from '../flows/sessions.ts';
import { requireSession } from '../middleware/auth.ts';
import { fail } from '../middleware/errors.ts';
import { json, optionalJson } from '../middleware/json.ts';

/** Mounted at `/sessions/passkey`. */
export function passkeySignInRoutes(ctx: ProviderContext, options: PasskeyOptions) {
  return new Hono<AppEnv>()
    .post('/options', async (c) => {
      requirePasskeys(ctx);
      c.header('Cache-Control', 'no-store');
      return c.json({ options: await authenticationOptions(c, ctx, options) });
    })
    .post('/', json(PasskeyLoginRequestSchema), async (c) => {
      requirePasskeys(ctx);
      const { account, userVerified } = await verifyAssertion(c, ctx, options, c.req.valid('json'));
      await checkSignInBudget(ctx, `account:${account.id}`);
      // Verified by the authenticator, the passkey is both factors; else TOTP is the second.
      return c.json(await completeSignIn(c, ctx, account, undefined, { multiFactor: userVerified }));
    });
}

/** Mounted at `/account/passkeys`. */
export function accountPasskeyRoutes(ctx: ProviderContext, options: PasskeyOptions) {
  const locale = (header: string | undefined) => localeFor(header, ctx.preset);
  return new Hono<AppEnv>()
    .use(requireSession(ctx))
    .get('/', async (c) => {
      const { account } = c.get('auth');
      const passkeys = await ctx.store.passkeys.listOf(account.id);
      return c.json({ passkeys: passkeys.map(toPublicPasskey) });
    })
    .post('/options', async (c) => {
      requirePasskeys(ctx);
      const body = await optionalJson(c, ReauthProofSchema);
      await requireReauth(c, ctx, body);
      await countAccountChange(ctx, c.get('auth').account.id);
      c.header('Cache-Control', 'no-store');
      return c.json({ options: await registrationOptions(c, ctx, options) });
    })
    .post('/', json(PasskeyCreateRequestSchema), async (c) => {
      requirePasskeys(ctx);
      const { account } = c.get('auth');
      const record = await verifyRegistration(c, ctx, options, c.req.valid('json'), account);
      await notifyAccount(
        ctx,
        account,
        accountLabel(account),
        'passkey_added',
        locale(c.req.header('Accept-Language')),
        record.name,
      );
      return c.json({ passkey: toPublicPasskey(record) }, 201);
    })
    .patch('/:id', json(PasskeyRenameRequestSchema), async (c) => {
      const { account } = c.get('auth');
      const name = passkeyName(c.req.valid('json').name, '');
      if (!name)
        fail('validation_failed', 'Give the passkey a name.', {
          field: 'name',
          issues: [{ path: 'name', code: 'field_required', message: 'name is required.' }],
        });
      const renamed = await ctx.store.passkeys.rename(account.id, c.req.param('id'), name);
      if (!renamed) fail('not_found', 'This account has no such passkey.');
      return c.json({ passkey: toPublicPasskey(renamed) });
    })
    .delete('/:id', async (c) => {
      const body = await optionalJson(c, ReauthProofSchema);
      const { account } = c.get('auth');
      const id = c.req.param('id');
      const passkey = await ctx.store.passkeys.get(id);
      if (!passkey || passkey.accountId !== account.id)
        fail('not_found', 'This account has no such passkey.');
      await requireReauth(c, ctx, body);
      if (!(await ctx.store.passkeys.delete(account.id, id)))
        fail('not_found', 'This account has no such passkey.');
      await notifyAccount(
        ctx,
        account,
        accountLabel(account),
        'passkey_removed',
        locale(c.req.header('Accept-Language')),
        passkey.name,
      );
      return c.body(null, 204);
    });
}
