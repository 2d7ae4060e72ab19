/**
 * The CLI's challenge for `POST /codes` (challenge.ts): `CHALLENGE=slider` (dev mode's
 * simulated slider), `CHALLENGE=turnstile` with `TURNSTILE_SITE_KEY` and `TURNSTILE_SECRET`, or
 * none (the daily caps refuse). `CHALLENGE_AFTER_PHONE` / `CHALLENGE_AFTER_ADDRESS` set its
 * thresholds (codes today to one phone / from one address).
 */
import { createDevChallenge, turnstileChallenge, type Challenge } from './challenge.ts';

/** The challenge the environment asks for, none, or a message saying what is wrong. */
export function challengeFromEnv(
  env: Record<string, string | undefined>,
  devMode: boolean,
): Challenge | undefined | string {
  const after: { phone?: number; address?: number } = {};
  for (const [name, key] of [
    ['CHALLENGE_AFTER_PHONE', 'phone'],
    ['CHALLENGE_AFTER_ADDRESS', 'address'],
  ] as const) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0)
      return `cloud-login: ${name} must be a whole number ≥ 0, not "${text}"`;
    after[key] = value;
  }
  const kind = env.CHALLENGE;
  if (kind === undefined || kind === '' || kind === 'off') {
    return Object.keys(after).length > 0
      ? 'cloud-login: CHALLENGE_AFTER_* needs a CHALLENGE (slider in dev mode, or turnstile)'
      : undefined;
  }
  if (kind === 'slider') {
    if (!devMode)
      return 'cloud-login: CHALLENGE=slider is the dev-mode simulation; use turnstile (or your own) in production';
    return createDevChallenge({ after });
  }
  if (kind === 'turnstile') {
    const siteKey = env.TURNSTILE_SITE_KEY;
    const secret = env.TURNSTILE_SECRET;
    if (!siteKey || !secret)
      return 'cloud-login: CHALLENGE=turnstile needs TURNSTILE_SITE_KEY and TURNSTILE_SECRET';
    return turnstileChallenge({ siteKey, secret, after });
  }
  return `cloud-login: CHALLENGE must be slider, turnstile or off, not "${kind}"`;
}
