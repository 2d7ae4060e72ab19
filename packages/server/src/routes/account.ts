/**
 * The signed-in account's settings: `POST /account/email` (docs/flows.md#security-email: add or change the security
 * email, verified by a 2-hour single-use link), `PUT /account/password`,
 * `POST /account/subaccounts` (docs/flows.md#sub-account-login, QingCloud: a main account creates sub-accounts),
 * `DELETE /account/connections/{idp}` (docs/flows.md#unbind-a-third-party-login) and `POST /account/upgrade` (docs/flows.md#legacy-jd-accounts; see flows/bind.ts).
 */
import { Hono } from 'hono';
import { EmailRequestSchema, PasswordChangeRequestSchema, SubaccountCreateRequestSchema, UpgradeRequestSchema } from '@cloud-login/core';
import { newId } from '../crypto.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import type { AccountRecord } from '../store/types.ts';
import { toPublicAccount } from '../flows/accounts.ts';
import { unbindConnection, upgradeLegacy } from '../flows/bind.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { sendEmailLink } from '../flows/email-links.ts';
import { countAccountChange } from '../flows/limits.ts';
import { emailField, must, passwordField, required } from '../flows/fields.ts';
import { attemptSucceeded, reserveAttempt } from '../flows/login.ts';
import { checkReturnTo } from '../flows/origins.ts';
import { requireSession } from '../middleware/auth.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { json } from '../middleware/json.ts';

export function accountRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .use(requireSession(ctx))
    .post('/email', json(EmailRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account } = c.get('auth');
      const email = must(emailField('email', body.email));
      let returnTo: string | undefined;
      if (body.returnTo) {
        const checked = checkReturnTo(c, ctx, body.returnTo);
        if (!checked.ok) invalid([checked.issue]);
        returnTo = checked.value;
      }
      countAccountChange(ctx, account.id);
      const cooldown = ctx.throttles.emailCooldown.peek(account.id);
      if (!cooldown.ok) fail('code_cooldown', `Wait ${cooldown.retryAfter} s before asking for another email.`, { field: 'email', retryAfter: cooldown.retryAfter });
      const daily = ctx.throttles.emailDaily.peek(account.id);
      if (!daily.ok) fail('rate_limited', 'Too many verification emails today.', { field: 'email', retryAfter: daily.retryAfter });
      // After the waits, so an address refused for a wait tells nothing about the address; the
      // account-change window above bounds how many addresses one account can test.
      if (ctx.preset.emailUnique) {
        const others = (await ctx.store.accounts.findByEmail(ctx.provider, email)).filter((other) => other.id !== account.id);
        if (others.length > 0) fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      }
      ctx.throttles.emailCooldown.hit(account.id);
      ctx.throttles.emailDaily.hit(account.id);
      // The address changes only when the link is followed: until then the old one stays.
      await sendEmailLink(c, ctx, { accountId: account.id, email, purpose: 'verify', ...(returnTo !== undefined && { returnTo }) });
      return c.json({ expiresIn: ctx.preset.emailLinkTtl }, 202);
    })
    .put('/password', json(PasswordChangeRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account } = c.get('auth');
      if (account.passwordHash) {
        if (!body.currentPassword) invalid([required('currentPassword')]);
        // The same windows as sign-in, and the attempt takes its place before the hash is
        // checked: otherwise guesses sent in parallel would all be checked.
        const address = c.get('address');
        const key = `account:${account.id}`;
        reserveAttempt(ctx, address, key);
        if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
          fail('invalid_credentials', 'The current password is not correct.', { field: 'currentPassword' });
        }
        attemptSucceeded(ctx, address, key);
      }
      const password = must(passwordField(ctx.preset, 'newPassword', body.newPassword, account.accountName));
      // Wrong current passwords are bounded by the guessing windows above; this bounds changes.
      countAccountChange(ctx, account.id);
      const passwordHash = await hashPassword(password);
      await ctx.store.accounts.update(account.id, (record) => ({ ...record, passwordHash }));
      return c.body(null, 204);
    })
    .post('/subaccounts', json(SubaccountCreateRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account: parent } = c.get('auth');
      if (!ctx.preset.subaccounts) fail('method_disabled', 'Sub-accounts are not offered here.');
      if (parent.kind !== 'main') fail('method_disabled', 'Only a main account can create sub-accounts.');
      const email = must(emailField('email', body.email));
      const password = must(passwordField(ctx.preset, 'password', body.password));
      countAccountChange(ctx, parent.id);
      const now = isoNow(ctx);
      const record: AccountRecord = {
        id: newId(),
        provider: ctx.provider,
        kind: 'sub',
        parentId: parent.id,
        passwordHash: await hashPassword(password),
        phoneLoginable: false,
        email,
        emailVerified: false,
        // The main account vouches for the address; it is the sub-account's login name (docs/flows.md#sub-account-login).
        emailLoginable: true,
        connections: [],
        legacy: false,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      const created = await ctx.store.accounts.create(record, { emailUnique: ctx.preset.emailUnique, maxAccountsPerPhone: null });
      if (!created.ok) fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      return c.json({ account: toPublicAccount(record, ctx.preset) }, 201);
    })
    .delete('/connections/:idp', async (c) => {
      await unbindConnection(ctx, c.get('auth').account, c.req.param('idp'));
      return c.body(null, 204);
    })
    .post('/upgrade', json(UpgradeRequestSchema), async (c) => {
      return c.json({ account: await upgradeLegacy(ctx, c.get('auth').account, c.req.valid('json')) });
    });
}
