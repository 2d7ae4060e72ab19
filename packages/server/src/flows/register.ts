/**
 * `POST /accounts`: one registration in one request, shaped by the preset's `registration`
 * data — which fields each flow needs (docs/flows.md: JD Cloud, JD Cloud classic, QingCloud, Tencent Cloud, and the
 * `default` preset's email or phone flow). The element walks the steps; the server receives
 * them together and checks them in the same order a person would meet them: form, agreements,
 * uniqueness, the code, then the write. Between the agreements and uniqueness, the attempt takes
 * its place in the per-address window (`limits.registerPerAddress`), before any hash or email.
 */
import type { Context } from 'hono';
import type {
  AccountField,
  ActivationSent,
  Authenticated,
  CreateAccountRequest,
  FieldIssue,
  Preset,
  RegisterMethod,
  RegistrationFlow,
} from '@cloud-login/core';
import { checkCode, checkRecommendationCode, toIssue } from '@cloud-login/core/rules';
import { newId } from '../crypto.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import type { AccountRecord, CreateAccountConflict } from '../store/types.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { accountNameKey, findAccountByNameAlike } from './account-names.ts';
import { consumeCode } from './codes.ts';
import { isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { sendEmailLink } from './email-links.ts';
import { FLOW_HASH } from './tickets.ts';
import {
  accountNameField,
  emailField,
  passwordField,
  phoneField,
  required,
  type FieldResult,
} from './fields.ts';
import { checkReturnTo } from './origins.ts';
import { startSession } from './sessions.ts';

export type RegisterOutcome = { status: 201; body: Authenticated } | { status: 202; body: ActivationSent };

/** The field that tells one registration flow from another when a preset offers several. */
const KEY_FIELD: Partial<Record<RegisterMethod, AccountField>> = {
  account: 'accountName',
  email: 'email',
  phone: 'phone',
};

/**
 * The flow a request follows: the only one, or the first whose key field the request carries
 * (`default` offers email and phone registration).
 */
export function pickFlow(preset: Preset, body: CreateAccountRequest): RegistrationFlow {
  const flows = Object.entries(preset.registration).filter(([method]) =>
    (preset.methods.register as readonly string[]).includes(method),
  ) as [RegisterMethod, RegistrationFlow][];
  if (flows.length === 0) fail('method_disabled', 'Registration is not offered here.');
  const chosen = flows.find(([method]) => {
    const key = KEY_FIELD[method];
    return key !== undefined && present(body, key);
  });
  return (chosen ?? flows[0]!)[1];
}

function present(body: CreateAccountRequest, field: AccountField): boolean {
  const value = body[field];
  return value !== undefined && !(typeof value === 'string' && value.trim() === '');
}

/** Every field the flow asks for before the account exists, and which of them may stay empty. */
export function flowFields(flow: RegistrationFlow): { fields: AccountField[]; optional: Set<AccountField> } {
  return {
    fields: flow.steps.flatMap((step) => step.fields),
    optional: new Set(flow.steps.flatMap((step) => step.optional ?? [])),
  };
}

/** `true` accepts all of the preset's agreements; an array must name every one of them. */
export function agreementsAccepted(
  preset: Preset,
  value: CreateAccountRequest['agreements'],
): string[] | undefined {
  const ids = preset.agreements.map((agreement) => agreement.id);
  if (value === true) return ids;
  if (Array.isArray(value) && ids.every((id) => value.includes(id)) && (ids.length > 0 || value.length > 0))
    return ids;
  return undefined;
}

interface CheckedInput {
  accountName?: string;
  password?: string;
  phone?: string;
  code?: string;
  email?: string;
  contactPhone?: string;
  contactEmail?: string;
  recommendationCode?: string;
  industry?: string;
  returnTo?: string;
  /** The registering tab's `flowHash`: an activation link's ticket is bound to it. */
  flowHash?: string;
  agreements?: string[];
}

/** Form checks: every missing required field and every broken rule at once. */
function checkInput(
  c: Context,
  ctx: ProviderContext,
  flow: RegistrationFlow,
  body: CreateAccountRequest,
): CheckedInput {
  const { preset } = ctx;
  const { fields, optional } = flowFields(flow);
  const issues: FieldIssue[] = [];
  const out: CheckedInput = {};
  const take = <K extends keyof CheckedInput>(key: K, result: FieldResult<NonNullable<CheckedInput[K]>>) => {
    if (result.ok) out[key] = result.value;
    else issues.push(result.issue);
  };

  for (const field of fields) {
    if (field === 'agreements') continue; // its own error code, below
    if (!present(body, field)) {
      if (!optional.has(field)) issues.push(required(field));
      continue;
    }
    const value = String(body[field]).trim();
    switch (field) {
      case 'accountName':
        take('accountName', accountNameField(preset, field, String(body.accountName)));
        break;
      case 'password':
        // Passwords are taken as typed: trimming would silently change them.
        take('password', passwordField(preset, field, String(body.password), body.accountName));
        break;
      case 'phone':
      case 'contactPhone':
        take(field, phoneField(preset, field, value));
        break;
      case 'email':
      case 'contactEmail':
        take(field, emailField(field, value));
        break;
      case 'code': {
        const issue = toIssue('code', checkCode(value, preset.code.length));
        if (issue) issues.push(issue);
        else out.code = value;
        break;
      }
      case 'recommendationCode': {
        const issue = toIssue(field, checkRecommendationCode(value));
        if (issue) issues.push(issue);
        else out.recommendationCode = value;
        break;
      }
      case 'industry':
        if (preset.industries.some((industry) => industry.id === value)) out.industry = value;
        else issues.push({ path: field, code: 'invalid_value', message: 'Unknown industry.' });
        break;
    }
  }
  if (body.returnTo !== undefined && body.returnTo !== '') {
    const checked = checkReturnTo(c, ctx, body.returnTo);
    if (checked.ok) out.returnTo = checked.value;
    else issues.push(checked.issue);
  }
  if (body.flowHash !== undefined) {
    if (FLOW_HASH.test(body.flowHash)) out.flowHash = body.flowHash;
    else issues.push({ path: 'flowHash', code: 'invalid_value', message: 'flowHash is a SHA-256 in hex.' });
  }
  if (issues.length > 0) invalid(issues);

  if (fields.includes('agreements')) {
    const accepted = agreementsAccepted(preset, body.agreements);
    if (!accepted) fail('agreements_required', 'Accept the agreements to register.', { field: 'agreements' });
    out.agreements = accepted;
  }
  return out;
}

const CONFLICT: Record<CreateAccountConflict, () => never> = {
  accountName: () => fail('account_name_taken', 'This account name is taken.', { field: 'accountName' }),
  email: () => fail('email_taken', 'This email is already used by another account.', { field: 'email' }),
  phoneLimit: () =>
    fail('phone_account_limit', 'This phone number already has the most accounts allowed.', {
      field: 'phone',
    }),
  connection: () => fail('already_bound', 'This login is already bound to another account.'),
};

export async function register(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  body: CreateAccountRequest,
): Promise<RegisterOutcome> {
  const { preset, store, provider } = ctx;
  const flow = pickFlow(preset, body);
  const input = checkInput(c, ctx, flow, body);
  const activation = flow.activation === 'email-link';
  // Counted once the form is valid, whatever follows (a taken name, a wrong code), and before
  // any hash or email: requests sent all at once cannot slip past it.
  const byAddress = await ctx.throttles.registerPerAddress.hit(c.get('address'));
  if (!byAddress.ok)
    fail('rate_limited', 'Too many registrations from this address; try again later.', {
      retryAfter: byAddress.retryAfter,
    });

  if (activation && input.email) {
    const resent = await resendActivation(c, ctx, input);
    if (resent) return resent;
  }

  // Uniqueness before the code: a taken name should not cost the user their code.
  const nameKey = input.accountName !== undefined ? accountNameKey(input.accountName) : undefined;
  if (input.accountName !== undefined && (await findAccountByNameAlike(ctx, input.accountName)))
    CONFLICT.accountName();
  // Only a verified claim makes an address taken: an unverified one (a registration that never
  // proved the address) must not keep its owner out. The owner's claim is then unverified too,
  // and verified by a link; the first verified claim drops the others (verify-email.ts).
  const claimed = input.email !== undefined && preset.emailUnique && (await emailClaims(ctx, input.email));
  if (claimed === 'verified') CONFLICT.email();
  const unverifiedClaims = claimed === 'unverified';
  // Whether a phone has accounts is told only to whoever proved the phone: with a made-up code,
  // a phone with accounts and one without answer the same `invalid_code`.
  const phoneFull = async () =>
    input.phone !== undefined &&
    preset.maxAccountsPerPhone !== null &&
    (await store.accounts.findByPhone(provider, input.phone)).length >= preset.maxAccountsPerPhone;
  if (input.code === undefined && (await phoneFull())) CONFLICT.phoneLimit();

  if (input.phone !== undefined && input.code !== undefined) {
    await consumeCode(ctx, input.phone, 'register', input.code);
    if (await phoneFull()) CONFLICT.phoneLimit();
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;

  const locks = [
    ...(input.phone ? [`phone:${provider}:${input.phone}`] : []),
    ...(input.email ? [`email:${provider}:${input.email}`] : []),
  ];
  const record = await ctx.locks.run(locks, async () => {
    const now = isoNow(ctx);
    const record: AccountRecord = {
      id: newId(),
      provider,
      kind: 'main',
      ...(input.accountName !== undefined && { accountName: input.accountName, accountNameKey: nameKey }),
      ...(passwordHash !== undefined && { passwordHash }),
      ...(input.phone !== undefined && { phone: input.phone }),
      phoneLoginable: input.phone !== undefined && (await isFirstHolder(ctx, 'phone', input.phone)),
      ...(input.email !== undefined && { email: input.email }),
      emailVerified: false,
      // An activated email becomes an identifier at activation; an unverified one that is the
      // account's own identifier (`default`) right away.
      emailLoginable:
        input.email !== undefined &&
        !activation &&
        !unverifiedClaims &&
        (await isFirstHolder(ctx, 'email', input.email)),
      connections: [],
      legacy: false,
      status: activation ? 'pending_activation' : 'active',
      ...(input.recommendationCode !== undefined && { recommendationCode: input.recommendationCode }),
      ...(input.contactPhone !== undefined && { contactPhone: input.contactPhone }),
      ...(input.contactEmail !== undefined && { contactEmail: input.contactEmail }),
      ...(input.industry !== undefined && { industry: input.industry }),
      ...(input.agreements !== undefined && { agreements: input.agreements }),
      createdAt: now,
      updatedAt: now,
    };
    // Under the email's lock: a claim verified meanwhile makes the address taken after all.
    if (unverifiedClaims && (await emailClaims(ctx, input.email!)) === 'verified') CONFLICT.email();
    const created = await store.accounts.create(record, {
      emailUnique: preset.emailUnique && !unverifiedClaims,
      maxAccountsPerPhone: preset.maxAccountsPerPhone,
    });
    if (!created.ok) CONFLICT[created.conflict]();
    return record;
  });

  if (activation && record.email) {
    await sendEmailLink(c, ctx, {
      accountId: record.id,
      email: record.email,
      purpose: 'activate',
      ...(input.returnTo !== undefined && { returnTo: input.returnTo }),
      ...(input.flowHash !== undefined && { flowHash: input.flowHash }),
    });
    return { status: 202, body: { status: 'activation_sent', email: record.email } };
  }
  // An email registered without activation (`default`) is only claimed: its link proves it, and
  // a proven claim makes the address taken for everyone else. Until then another registration
  // may claim it as well (the first proven claim wins), so a squatter keeps nobody out.
  if (record.email)
    await sendEmailLink(c, ctx, { accountId: record.id, email: record.email, purpose: 'verify' });
  return { status: 201, body: await startSession(c, ctx, record, input.returnTo) };
}

/**
 * Who claims `email` among the provider's accounts: `verified` when an account proved it (the
 * address is taken), `unverified` when only accounts that never proved it hold it (a
 * registration waiting for its link, `default`'s unverified registration, a QingCloud
 * sub-account), `none` otherwise.
 */
export async function emailClaims(
  ctx: ProviderContext,
  email: string,
  except?: string,
): Promise<'verified' | 'unverified' | 'none'> {
  const holders = (await ctx.store.accounts.findByEmail(ctx.provider, email)).filter(
    (account) => account.id !== except,
  );
  if (holders.some((account) => account.emailVerified)) return 'verified';
  return holders.length > 0 ? 'unverified' : 'none';
}

/**
 * Whether no other account of the provider holds this phone or email as a login identifier —
 * JD's "only the first account that registers a phone may log in with it". Presets where the
 * password picks the account (QingCloud) let every holder use it. Call under the lock for the
 * value.
 */
export async function isFirstHolder(
  ctx: ProviderContext,
  kind: 'phone' | 'email',
  value: string,
  self?: string,
): Promise<boolean> {
  if (ctx.preset.passwordLogin.shared === 'password-picks') return true;
  const holders =
    kind === 'phone'
      ? await ctx.store.accounts.findByPhone(ctx.provider, value)
      : await ctx.store.accounts.findByEmail(ctx.provider, value);
  const others = holders.filter((account) => account.id !== self);
  return kind === 'phone' ? others.length === 0 : !others.some((account) => account.emailLoginable);
}

/**
 * Tencent registers inactive until the activation link is followed. Registering again with the
 * same email while no account has activated it:
 * - the same password as a waiting registration → a new link for it (the "resend" button), after
 *   a 60 s cooldown;
 * - another password → a registration of its own (up to `MAX_PENDING_CLAIMS` wait at once), so
 *   nobody can squat an address they cannot read. The first link followed activates its own
 *   registration and drops the address from the others (verify-email.ts); a link never
 *   activates a password other than the one registered with it.
 */
const MAX_PENDING_CLAIMS = 5;

async function resendActivation(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  input: CheckedInput,
): Promise<RegisterOutcome | undefined> {
  const email = input.email!;
  return ctx.locks.run([`email:${ctx.provider}:${email}`], async () => {
    const holders = (await ctx.store.accounts.findByEmail(ctx.provider, email)).filter(
      (account) => account.kind === 'main',
    );
    if (holders.some((account) => account.emailVerified)) CONFLICT.email();
    const waiting = holders.filter((account) => account.status === 'pending_activation');
    let pending: AccountRecord | undefined;
    for (const account of waiting.slice(0, MAX_PENDING_CLAIMS)) {
      if (account.passwordHash && (await verifyPassword(account.passwordHash, input.password ?? ''))) {
        pending = account;
        break;
      }
    }
    // Another password: a registration of its own beside the waiting ones (an unverified claim
    // keeps nobody out); whichever link is followed first wins and drops the others. Bounded,
    // so one address cannot be made to hold registrations without end.
    if (!pending) {
      if (waiting.length >= MAX_PENDING_CLAIMS) CONFLICT.email();
      return undefined;
    }

    const sinceLastLink = (ctx.now().getTime() - Date.parse(pending.updatedAt)) / 1000;
    if (sinceLastLink < ctx.preset.code.resendAfter) {
      const retryAfter = Math.max(1, Math.ceil(ctx.preset.code.resendAfter - sinceLastLink));
      fail('code_cooldown', `Wait ${retryAfter} s before asking for another activation email.`, {
        field: 'email',
        retryAfter,
      });
    }
    const updated = await ctx.store.accounts.update(pending.id, (account) => ({
      ...account,
      ...(input.agreements !== undefined && { agreements: input.agreements }),
    }));
    if (!updated) return undefined;
    await sendEmailLink(c, ctx, {
      accountId: updated.id,
      email,
      purpose: 'activate',
      ...(input.returnTo !== undefined && { returnTo: input.returnTo }),
      ...(input.flowHash !== undefined && { flowHash: input.flowHash }),
    });
    return { status: 202, body: { status: 'activation_sent', email } };
  });
}
