/**
 * Verification codes, exactly as docs/codes.md says: 6 digits from the CSPRNG, stored as an HMAC bound to
 * provider + phone + purpose, valid 5 minutes, single use, dead after 5 wrong tries, resend after
 * 60 s, at most 10 per phone per day and a per-address cap. SMS and voice share every limit
 * (they are one code stream to one phone).
 */
import type { CodeSent, Locale } from '@cloud-login/core';
import { checkCode as checkCodeFormat, issue } from '@cloud-login/core/rules';
import { generateCode, newId } from '../crypto.ts';
import type { CodePurpose } from '../store/types.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { isoIn, isoNow, type ProviderContext } from '../context.ts';

export interface CodeRequestInput {
  /** E.164, already normalised. */
  phone: string;
  channel: 'sms' | 'voice';
  purpose: CodePurpose;
  address: string;
  locale: Locale;
  /** What keys the code and its cooldown and cap when not the phone itself (see `IssueCodeInput`). */
  key?: string;
  /** `POST /codes`: subject to the challenge (when configured), with the token the client sent. */
  challenge?: { token?: string | undefined };
}

/** The daily caps count per UTC day, so `retryAfter` can say exactly when they reset. */
function dayWindow(now: Date): { since: string; resetsIn: number } {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    since: new Date(start).toISOString(),
    resetsIn: Math.ceil((start + 86_400_000 - now.getTime()) / 1000),
  };
}

export async function sendCode(ctx: ProviderContext, input: CodeRequestInput): Promise<CodeSent> {
  const policy = ctx.preset.code;
  if (!policy.channels.includes(input.channel)) {
    fail('method_disabled', `${input.channel} codes are not offered here.`, { field: 'channel' });
  }
  return issueCode(
    ctx,
    {
      key: input.key ?? input.phone,
      channel: input.channel,
      purpose: input.purpose,
      address: input.address,
      field: 'phone',
      ...(input.challenge && { challenge: input.challenge }),
    },
    (code) =>
      ctx.notifier.sendCode({
        provider: ctx.provider,
        preset: ctx.preset,
        channel: input.channel,
        to: input.phone,
        purpose: input.purpose,
        code,
        locale: input.locale,
      }),
  );
}

export interface IssueCodeInput {
  /**
   * What the code is for and what its limits count: the E.164 phone, or for a password reset the
   * email or `name:` + account-name key the person typed, for a reauth code `reauth:` + the
   * phone (its own resend wait: a code just used to sign in does not hold it up). Stored as the
   * record's `phone`.
   */
  key: string;
  channel: 'sms' | 'voice' | 'email';
  purpose: CodePurpose;
  address: string;
  /** The field a cooldown or cap answer names. */
  field: string;
  /** Subject to the challenge past its thresholds (when configured), with the client's token. */
  challenge?: { token?: string | undefined };
}

/**
 * The codes policy without the sending: the resend cooldown and daily caps for `key` and the
 * address, a fresh code stored hashed, then `deliver(code)` (still under the lock).
 */
export async function issueCode(
  ctx: ProviderContext,
  input: IssueCodeInput,
  deliver: (code: string) => Promise<void>,
): Promise<CodeSent> {
  const policy = ctx.preset.code;
  const challenge = input.challenge ? ctx.challenge : undefined;
  // Verified before the locks (a provider's check is a network call); a token is spent either way.
  const token = input.challenge?.token;
  const solved =
    challenge && token ? await challenge.verify(token, { ip: input.address, purpose: input.purpose }) : false;
  // Check-then-put must not interleave for one phone or one address, or two parallel requests
  // would both pass the cooldown.
  return ctx.locks.run([`code-phone:${input.key}`, `code-address:${input.address}`], async () => {
    const now = ctx.now();
    const last = await ctx.store.codes.last(ctx.provider, input.key);
    if (last) {
      const age = (now.getTime() - Date.parse(last.createdAt)) / 1000;
      if (age < policy.resendAfter) {
        const retryAfter = Math.max(1, Math.ceil(policy.resendAfter - age));
        fail('code_cooldown', `Wait ${retryAfter} s before asking for another code.`, {
          field: input.field,
          retryAfter,
        });
      }
    }
    const day = dayWindow(now);
    const codes = ctx.store.codes;
    // The address's own caps first: only codes that passed them are stored, so only those count
    // toward the phone's cap, and one address reaches at most `dailyPerPhonePerAddress` of it.
    const fromAddress = await codes.countSince({ address: input.address }, day.since);
    if (fromAddress >= policy.dailyPerAddress) {
      fail('rate_limited', 'Too many codes requested from this address today.', { retryAfter: day.resetsIn });
    }
    if (
      (await codes.countSince({ phone: input.key, address: input.address }, day.since)) >=
      policy.dailyPerPhonePerAddress
    ) {
      fail('rate_limited', `Too many codes for this ${input.field} from this address today.`, {
        field: input.field,
        retryAfter: day.resetsIn,
      });
    }
    const toPhone = await codes.countSince({ phone: input.key }, day.since);
    if (challenge) {
      // Past a threshold, or the phone's cap, the next code needs a solved challenge instead of
      // being refused: strangers who used up a phone's day cannot keep its owner from a code.
      const over =
        toPhone >= challenge.after.phone ||
        fromAddress >= challenge.after.address ||
        toPhone >= policy.dailyPerPhone;
      if (over && !solved) {
        fail('challenge_required', 'Solve the challenge, then ask again with its token.', {
          field: 'challengeToken',
          challenge: challenge.info,
        });
      }
    } else if (toPhone >= policy.dailyPerPhone) {
      fail('rate_limited', `Too many codes for this ${input.field} today.`, {
        field: input.field,
        retryAfter: day.resetsIn,
      });
    }

    const code = generateCode(policy.length);
    const record = {
      id: newId(),
      provider: ctx.provider,
      phone: input.key,
      purpose: input.purpose,
      channel: input.channel,
      codeHash: ctx.hashCode(ctx.provider, input.key, input.purpose, code),
      address: input.address,
      attempts: 0,
      createdAt: now.toISOString(),
      expiresAt: isoIn(ctx, policy.ttl),
    };
    // Stored before it is sent: a gateway failure still counts against the caps, so failures
    // cannot be used to get around them.
    await ctx.store.codes.put(record);
    await deliver(code);
    return { expiresIn: policy.ttl, resendAfter: policy.resendAfter };
  });
}

export interface ConsumeCodeOptions {
  /**
   * Answer a code killed by wrong tries as `invalid_code`, like a missing one, instead of
   * `code_expired`: for a flow whose answers must not tell a known identifier from an unknown
   * one (an unknown one has no code to use up), as the password reset's.
   */
  hideUsedUp?: boolean;
}

/**
 * Consumes the live code for phone (or a reset's key, see `IssueCodeInput`) + purpose or answers
 * why not: `invalid_code` (wrong, or no code at all — we don't say which), `code_expired`
 * (expired, or killed by wrong tries before this one, unless `hideUsedUp`), or
 * `too_many_attempts` when this wrong try was the one that killed it. A malformed code is
 * refused without costing a try.
 */
export async function consumeCode(
  ctx: ProviderContext,
  phone: string,
  purpose: CodePurpose,
  code: string,
  options: ConsumeCodeOptions = {},
): Promise<void> {
  const policy = ctx.preset.code;
  const value = code.trim();
  const format = checkCodeFormat(value, policy.length);
  if (!format.ok) invalid([issue('code', format.code, format.params)]);
  const result = await ctx.store.codes.check(
    ctx.provider,
    phone,
    purpose,
    ctx.hashCode(ctx.provider, phone, purpose, value),
    isoNow(ctx),
    policy.maxAttempts,
  );
  if (result.ok) return;
  // The newest code for this purpose killed by wrong tries (and not yet expired): the person
  // may now type the right one; telling them it is used up beats calling it incorrect.
  if (result.reason === 'missing' && !options.hideUsedUp) {
    const last = await ctx.store.codes.last(ctx.provider, phone);
    if (
      last?.purpose === purpose &&
      last.attempts >= policy.maxAttempts &&
      last.consumedAt !== undefined &&
      last.expiresAt > isoNow(ctx)
    ) {
      fail('code_expired', 'The code has used up its tries; ask for a new one.', { field: 'code' });
    }
  }
  if (result.reason === 'expired')
    fail('code_expired', 'The code has expired; ask for a new one.', { field: 'code' });
  if (result.reason === 'wrong' && result.remaining === 0) {
    fail('too_many_attempts', 'Too many wrong codes; ask for a new one.', { field: 'code' });
  }
  fail('invalid_code', 'The code is not correct.', { field: 'code' });
}
