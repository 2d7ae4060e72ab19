/**
 * The challenge `POST /codes` asks for past its thresholds (`createAuthServer({ challenge })`,
 * packages/server/README.md "Challenges", docs/codes.md): instead of refusing a phone's owner
 * once strangers have used up its codes, the server asks whoever wants the next one to solve a
 * challenge (a CAPTCHA widget) and send its token as `challengeToken`. Any provider fits: the
 * site renders the widget, this server only verifies the token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChallengeInfo } from '@cloud-login/core';
import type { CodePurpose } from './store/types.ts';

export interface ChallengeContext {
  /** The client's address (trusted-proxy aware), for providers that check it. */
  ip: string;
  purpose: CodePurpose;
}

export interface Challenge {
  /** Whether `token` is a fresh, solved challenge. Single use is the provider's (or yours) to enforce. */
  verify(token: string, context: ChallengeContext): Promise<boolean>;
  /** What the element shows: `turnstile`, `hcaptcha`, `geetest`, `tencent`, `slider` (dev) or your own. Default `custom`. */
  kind?: string;
  /** The widget's public key, handed to the element in the `428`. */
  siteKey?: string;
  /**
   * Codes today after which the next one needs a challenge: to one phone (from any address), or
   * from one address (to any phone). Default `{ phone: 3, address: 10 }`.
   */
  after?: { phone?: number; address?: number };
}

export const DEFAULT_CHALLENGE_AFTER = { phone: 3, address: 10 } as const;

/** A challenge with its thresholds filled in, as the routes use it. */
export interface ResolvedChallenge {
  verify: Challenge['verify'];
  info: ChallengeInfo;
  after: { phone: number; address: number };
}

export function resolveChallenge(challenge: Challenge | undefined): ResolvedChallenge | undefined {
  if (!challenge) return undefined;
  if (typeof challenge.verify !== 'function')
    throw new Error('createAuthServer: challenge.verify(token, {ip, purpose}) is required');
  const after = { ...DEFAULT_CHALLENGE_AFTER, ...challenge.after };
  for (const [name, value] of Object.entries(after)) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`createAuthServer: challenge.after.${name} must be a whole number ≥ 0`);
  }
  return {
    verify: (token, context) => challenge.verify(token, context),
    info: { kind: challenge.kind ?? 'custom', ...(challenge.siteKey && { siteKey: challenge.siteKey }) },
    after,
  };
}

/**
 * Cloudflare Turnstile: verifies a token at its `siteverify` endpoint (which also makes it
 * single use). `fetch` is injectable for tests.
 */
export function turnstileChallenge(options: {
  siteKey: string;
  secret: string;
  after?: Challenge['after'];
  fetch?: typeof fetch;
}): Challenge {
  const send = options.fetch ?? fetch;
  return {
    kind: 'turnstile',
    siteKey: options.siteKey,
    ...(options.after && { after: options.after }),
    async verify(token, { ip }) {
      const form = new URLSearchParams({ secret: options.secret, response: token, remoteip: ip });
      try {
        const answer = await send('https://challenges.cloudflare.com/turnstile/v0/siteverify', {
          method: 'POST',
          body: form,
          signal: AbortSignal.timeout(5000),
        });
        const body = (await answer.json()) as { success?: unknown };
        return body.success === true;
      } catch {
        // Unreachable or unreadable: no proof, so no code past the threshold.
        return false;
      }
    },
  };
}

/** Dev mode's simulated slider: the verifier plus what hands out its tokens (`POST /dev/challenge`). */
export interface DevChallenge extends Challenge {
  kind: 'slider';
  /** A token for a solved slider: signed, 2 minutes, single use. */
  issue(): string;
}

const DEV_TOKEN_TTL = 120_000;

export function createDevChallenge(
  options: { after?: Challenge['after']; now?: () => number } = {},
): DevChallenge {
  const key = randomBytes(32);
  const now = options.now ?? Date.now;
  /** Spent tokens until they expire (a token is good once). */
  const spent = new Map<string, number>();
  const sign = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    kind: 'slider',
    ...(options.after && { after: options.after }),
    issue() {
      const body = `${now() + DEV_TOKEN_TTL}.${randomBytes(12).toString('base64url')}`;
      return `${body}.${sign(body)}`;
    },
    async verify(token) {
      const cut = token.lastIndexOf('.');
      if (cut < 0) return false;
      const body = token.slice(0, cut);
      const mac = Buffer.from(token.slice(cut + 1));
      const expected = Buffer.from(sign(body));
      if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return false;
      const expires = Number(body.split('.')[0]);
      const t = now();
      if (!(expires > t) || spent.has(body)) return false;
      for (const [old, until] of spent) if (until <= t) spent.delete(old);
      spent.set(body, expires);
      return true;
    },
  };
}

export function isDevChallenge(challenge: Challenge | undefined): challenge is DevChallenge {
  return challenge?.kind === 'slider' && typeof (challenge as DevChallenge).issue === 'function';
}
