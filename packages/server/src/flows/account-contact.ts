/**
 * `PATCH /account/contact`: the contact details the preset collects at its enable-service step
 * (001: "You can also modify it at JD Cloud Account Management - Security Setting page"). They
 * reach the person and log nobody in, so a new value is checked for its form only — as the
 * enable-service step checks it (the preset's phone regions, the email rule), with no code sent to
 * it — while the change itself is proven like every account change and reported with a
 * `security_notice`.
 */
import type { Context } from 'hono';
import {
  contactFields,
  maskEmail,
  type Account,
  type ContactField,
  type ContactRequest,
} from '@cloud-login/core';
import { maskPhone } from '@cloud-login/core/phone';
import { phoneMetadata } from '@cloud-login/core/phone-metadata';
import type { FieldIssue } from '@cloud-login/core';
import { fail, invalid } from '../middleware/errors.ts';
import type { AccountRecord, Frozen } from '../store/types.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { accountLabel, toPublicAccount } from './accounts.ts';
import { take } from './connection-fields.ts';
import { emailField, phoneField, required } from './fields.ts';
import { countAccountChange } from './limits.ts';
import { notifyAccount, requestLocale } from './notify.ts';
import { requireReauth } from './reauth.ts';

/**
 * The contact details after the change: a field the body leaves out stays as it is, a blank one
 * is cleared — refused for one the preset requires. Every issue at once.
 */
function nextContact(
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  body: ContactRequest,
): Pick<AccountRecord, ContactField> {
  const fields = contactFields(ctx.preset);
  if (fields.length === 0) fail('method_disabled', 'This provider keeps no contact details.');
  const issues: FieldIssue[] = [];
  const out: Pick<AccountRecord, ContactField> = {};
  for (const { field, required: needed } of fields) {
    const given = body[field]?.trim();
    if (given === undefined) {
      if (account[field] !== undefined) out[field] = account[field];
      else if (needed) issues.push(required(field));
    } else if (given === '') {
      if (needed) issues.push(required(field));
    } else {
      out[field] = take(
        issues,
        field === 'contactPhone' ? phoneField(ctx.preset, field, given) : emailField(field, given),
      );
    }
  }
  if (issues.length > 0) invalid(issues);
  return out;
}

export async function changeContact(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  account: Frozen<AccountRecord>,
  body: ContactRequest,
): Promise<Account> {
  const contact = nextContact(ctx, account, body);
  await requireReauth(c, ctx, body);
  const same = contact.contactPhone === account.contactPhone && contact.contactEmail === account.contactEmail;
  if (same) return toPublicAccount(account, ctx.preset);
  await countAccountChange(ctx, account.id);
  const updated = await ctx.store.accounts.update(account.id, (record) => {
    const { contactPhone: _phone, contactEmail: _email, ...rest } = record;
    return { ...rest, ...contact };
  });
  if (!updated) fail('unauthenticated', 'The session has ended; sign in again.');
  const detail = [
    ...(contact.contactPhone ? [maskPhone(contact.contactPhone, phoneMetadata)] : []),
    ...(contact.contactEmail ? [maskEmail(contact.contactEmail)] : []),
  ].join(', ');
  await notifyAccount(
    ctx,
    updated,
    accountLabel(updated),
    'contact_change',
    requestLocale(body.locale, c.req.header('Accept-Language'), ctx.preset),
    detail,
  );
  return toPublicAccount(updated, ctx.preset);
}
