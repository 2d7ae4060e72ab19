/**
 * The signed-in account's settings: `POST /account/email` (docs/flows.md#security-email: add or change the security
 * email, verified by a 2-hour single-use link), `PUT /account/password`,
 * `PATCH /account/contact` (001: the contact phone and email, flows/account-contact.ts),
 * `POST /account/subaccounts` (docs/flows.md#sub-account-login, QingCloud: a main account creates sub-accounts),
 * `POST /account/connections` (docs/flows.md#bind-a-third-party-login), `DELETE /account/connections/{idp}`
 * (docs/flows.md#unbind-a-third-party-login) and `POST /account/upgrade` (docs/flows.md#legacy-jd-accounts; see
 * flows/account-connections.ts).
 *
 * The email, the password, the contact details, binding and unbinding need the account proven again in the same request
 * (flows/reauth.ts: `403 reauth_required` otherwise), and each sends the account a
 * `security_notice`; a password change ends every other session of the account.
 */
import { Hono } from 'hono';
import {
  BindRequestSchema,
  ContactRequestSchema,
  EmailRequestSchema,
  PasswordChangeRequestSchema,
  ReauthProofSchema,
  RenameRequestSchema,
  SubaccountCreateRequestSchema,
  UpgradeRequestSchema,
} from '@cloud-login/core';
import { maskEmail } from '@cloud-login/core';
import { newId } from '../crypto.ts';
import { hashPassword } from '../passwords.ts';
import type { AccountRecord } from '../store/types.ts';
import { accountLabel, toPublicAccount } from '../flows/accounts.ts';
import {
  bindConnection,
  checkUnbind,
  renameGenerated,
  unbindConnection,
  upgradeLegacy,
} from '../flows/account-connections.ts';
import { changeContact } from '../flows/account-contact.ts';
import { takeTicket } from '../flows/tickets.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { sendEmailLink } from '../flows/email-links.ts';
import { countAccountChange } from '../flows/limits.ts';
import { emailField, must, passwordField } from '../flows/fields.ts';
import { notifyAccount, requestLocale } from '../flows/notify.ts';
import { requireReauth } from '../flows/reauth.ts';
import { checkReturnTo } from '../flows/origins.ts';
import { requireSession } from '../middleware/auth.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { json, optionalJson } from '../middleware/json.ts';
// Two-step verification (docs/flows.md#two-step-verification), behind this module's session check.
import { totpRoutes } from './totp.ts';

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
      await requireReauth(c, ctx, body, { freshSignIn: true });
      await countAccountChange(ctx, account.id);
      const cooldown = await ctx.throttles.emailCooldown.peek(account.id);
      if (!cooldown.ok)
        fail('code_cooldown', `Wait ${cooldown.retryAfter} s before asking for another email.`, {
          field: 'email',
          retryAfter: cooldown.retryAfter,
        });
      const daily = await ctx.throttles.emailDaily.peek(account.id);
      if (!daily.ok)
        fail('rate_limited', 'Too many verification emails today.', {
          field: 'email',
          retryAfter: daily.retryAfter,
        });
      // After the waits, so an address refused for a wait tells nothing about the address; the
      // account-change window above bounds how many addresses one account can test.
      if (ctx.preset.emailUnique) {
        const others = (await ctx.store.accounts.findByEmail(ctx.provider, email)).filter(
          (other) => other.id !== account.id,
        );
        // Only a verified claim makes the address taken; unverified ones lose it at verification.
        if (others.some((other) => other.emailVerified))
          fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      }
      await ctx.throttles.emailCooldown.hit(account.id);
      await ctx.throttles.emailDaily.hit(account.id);
      // The address changes only when the link is followed: until then the old one stays.
      await sendEmailLink(c, ctx, {
        accountId: account.id,
        email,
        purpose: 'verify',
        ...(returnTo !== undefined && { returnTo }),
        locale: body.locale,
      });
      // To the phone and the address in use, so the owner hears of it before the link is followed.
      await notifyAccount(
        ctx,
        account,
        accountLabel(account),
        'email_change',
        requestLocale(body?.locale, c.req.header('Accept-Language'), ctx.preset),
        maskEmail(email),
      );
      return c.json({ expiresIn: ctx.preset.emailLinkTtl }, 202);
    })
    .put('/password', json(PasswordChangeRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account, tokenHash } = c.get('auth');
      // Wrong current passwords are bounded by sign-in's guessing windows, wrong codes by the code's tries.
      await requireReauth(c, ctx, body);
      const password = must(passwordField(ctx.preset, 'newPassword', body.newPassword, account.accountName));
      await countAccountChange(ctx, account.id);
      const passwordHash = await hashPassword(password);
      const updated = await ctx.store.accounts.update(account.id, (record) => ({ ...record, passwordHash }));
      if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
      // Whoever else holds a session (a thief, a forgotten device) is out; this one stays.
      await ctx.store.sessions.deleteOf(account.id, tokenHash);
      const event = account.passwordHash === undefined ? 'password_set' : 'password_changed';
      await notifyAccount(
        ctx,
        updated,
        accountLabel(updated),
        event,
        requestLocale(body?.locale, c.req.header('Accept-Language'), ctx.preset),
      );
      return c.body(null, 204);
    })
    .put('/name', json(RenameRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account } = c.get('auth');
      if (!account.accountNameGenerated)
        fail('method_disabled', 'Only a generated account name can be changed, once.', {
          field: 'accountName',
        });
      await requireReauth(c, ctx, body);
      await countAccountChange(ctx, account.id);
      return c.json({ account: await renameGenerated(ctx, account, body) });
    })
    .patch('/contact', json(ContactRequestSchema), async (c) => {
      const body = c.req.valid('json');
      return c.json({ account: await changeContact(c, ctx, c.get('auth').account, body) });
    })
    .post('/subaccounts', json(SubaccountCreateRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account: parent } = c.get('auth');
      if (!ctx.preset.subaccounts) fail('method_disabled', 'Sub-accounts are not offered here.');
      if (parent.kind !== 'main') fail('method_disabled', 'Only a main account can create sub-accounts.');
      const email = must(emailField('email', body.email));
      const password = must(passwordField(ctx.preset, 'password', body.password));
      await countAccountChange(ctx, parent.id);
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
      const created = await ctx.store.accounts.create(record, {
        emailUnique: ctx.preset.emailUnique,
        maxAccountsPerPhone: null,
      });
      if (!created.ok)
        fail('email_taken', 'This email is already used by another account.', { field: 'email' });
      return c.json({ account: toPublicAccount(record, ctx.preset) }, 201);
    })
    .post('/connections', json(BindRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { account } = c.get('auth');
      // The proof first: a refused or missing one leaves the ticket for the next try.
      await requireReauth(c, ctx, body);
      const ticket = await takeTicket(ctx, body.ticket);
      if (ticket.data.kind !== 'bind-identity')
        fail('ticket_expired', 'This ticket is not a login to bind; start again.', { field: 'ticket' });
      const { idp, subject } = ticket.data;
      const bound = await bindConnection(ctx, account, { idp, subject });
      if (bound.changed)
        await notifyAccount(
          ctx,
          bound.account,
          accountLabel(bound.account),
          'bind',
          requestLocale(body.locale, c.req.header('Accept-Language'), ctx.preset),
          idp,
        );
      return c.json({ account: toPublicAccount(bound.account, ctx.preset) });
    })
    .delete('/connections/:idp', async (c) => {
      const body = await optionalJson(c, ReauthProofSchema);
      const { account } = c.get('auth');
      const idp = c.req.param('idp');
      checkUnbind(ctx, account, idp);
      await requireReauth(c, ctx, body);
      await unbindConnection(ctx, account, idp);
      await notifyAccount(
        ctx,
        account,
        accountLabel(account),
        'unbind',
        requestLocale(body?.locale, c.req.header('Accept-Language'), ctx.preset),
        idp,
      );
      return c.body(null, 204);
    })
    .post('/upgrade', json(UpgradeRequestSchema), async (c) => {
      return c.json({ account: await upgradeLegacy(ctx, c.get('auth').account, c.req.valid('json')) });
    })
    .route('/totp', totpRoutes(ctx));
}
