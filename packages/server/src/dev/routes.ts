/**
 * Dev mode only (not mounted otherwise, so these paths answer 404 in production):
 * `GET /dev/outbox?to=` — the codes and links "sent", newest first — and
 * `POST /dev/legacy-accounts` — creates a pre-2019 JD account for the demo of legacy JD accounts
 * (docs/flows.md#legacy-jd-accounts).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { OutboxMessage } from '@cloud-login/core';
import { normalizeEmail } from '@cloud-login/core/rules';
import { newId } from '../crypto.ts';
import { hashPassword } from '../passwords.ts';
import type { AccountRecord } from '../store/types.ts';
import { devStoreOf, type OutboxRecord } from './store.ts';
import { toPublicAccount } from '../flows/accounts.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { emailField, must, phoneField } from '../flows/fields.ts';
import { isFirstHolder } from '../flows/register.ts';
import { fail } from '../middleware/errors.ts';
import { json, query } from '../middleware/json.ts';

const short = z.string().check(z.maxLength(256));

export const OutboxQuerySchema = z.object({ to: z.optional(short) });

export const LegacyAccountRequestSchema = z.object({
  phone: z.optional(short),
  email: z.optional(short),
  password: short,
});

/**
 * `?to=+8613800138000` arrives as " 8613800138000" (a `+` in a query string is a space), so a
 * leading space before digits is read back as the `+` it was.
 */
function normaliseTo(value: string): string {
  const restored = /^ \d/.test(value) ? `+${value.slice(1)}` : value;
  const trimmed = restored.trim();
  if (trimmed.includes('@')) return normalizeEmail(trimmed);
  return trimmed.replace(/[\s()-]/g, '');
}

function toMessage(record: OutboxRecord): OutboxMessage {
  return {
    channel: record.channel,
    to: record.to,
    purpose: record.purpose,
    ...(record.code !== undefined && { code: record.code }),
    ...(record.link !== undefined && { link: record.link }),
    text: record.text,
    sentAt: record.sentAt,
  };
}

export function devRoutes(ctx: ProviderContext) {
  return new Hono<AppEnv>()
    .get('/outbox', query(OutboxQuerySchema), async (c) => {
      const { to } = c.req.valid('query');
      const records = await devStoreOf(ctx.store).outbox.list({
        provider: ctx.provider,
        ...(to && { to: normaliseTo(to) }),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ messages: records.map(toMessage) });
    })
    .post('/legacy-accounts', json(LegacyAccountRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const cutoff = ctx.preset.legacyCutoff;
      if (!cutoff) fail('method_disabled', 'This provider has no legacy accounts.');
      const phone = body.phone ? must(phoneField(ctx.preset, 'phone', body.phone)) : undefined;
      const email = body.email ? must(emailField('email', body.email)) : undefined;
      // Legacy passwords predate today's rules, so only their presence is checked.
      if (body.password.length < 6)
        fail('validation_failed', 'password must have at least 6 characters.', {
          field: 'password',
          issues: [
            {
              path: 'password',
              code: 'password_length',
              message: 'password must have at least 6 characters.',
            },
          ],
        });
      const passwordHash = await hashPassword(body.password);
      // A year before the cut-off: clearly an older JD account.
      const createdAt = new Date(Date.parse(cutoff) - 365 * 86_400_000).toISOString();
      const locks = [
        ...(phone ? [`phone:${ctx.provider}:${phone}`] : []),
        ...(email ? [`email:${ctx.provider}:${email}`] : []),
      ];
      const record = await ctx.locks.run(locks, async () => {
        const record: AccountRecord = {
          id: newId(),
          provider: ctx.provider,
          kind: 'main',
          passwordHash,
          ...(phone !== undefined && { phone }),
          phoneLoginable: phone !== undefined && (await isFirstHolder(ctx, 'phone', phone)),
          ...(email !== undefined && { email }),
          emailVerified: email !== undefined,
          emailLoginable: email !== undefined && (await isFirstHolder(ctx, 'email', email)),
          connections: [],
          legacy: true,
          status: 'active',
          createdAt,
          updatedAt: createdAt,
        };
        const created = await ctx.store.accounts.create(record, {
          emailUnique: ctx.preset.emailUnique,
          maxAccountsPerPhone: ctx.preset.maxAccountsPerPhone,
        });
        if (!created.ok)
          fail(
            created.conflict === 'phoneLimit' ? 'phone_account_limit' : 'email_taken',
            'The phone or email is already taken.',
          );
        return record;
      });
      return c.json({ account: toPublicAccount(record, ctx.preset) }, 201);
    });
}
