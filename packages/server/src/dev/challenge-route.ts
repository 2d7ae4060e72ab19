/**
 * Dev mode only, and only with the simulated slider (`CHALLENGE=slider`, challenge.ts):
 * `POST /dev/challenge` hands out a token for a slider the element's challenge chunk says was
 * solved. It stands in for a CAPTCHA provider's widget, so the `428 challenge_required` path can
 * be tried without one; it proves nothing about who asks.
 */
import { Hono } from 'hono';
import type { DevChallenge } from '../challenge.ts';
import type { AppEnv } from '../context.ts';
import { fail } from '../middleware/errors.ts';

export function devChallengeRoutes(challenge: DevChallenge | undefined) {
  return new Hono<AppEnv>().post('/', (c) => {
    if (!challenge) fail('not_found', 'No simulated challenge here (CHALLENGE=slider turns it on).');
    c.header('Cache-Control', 'no-store');
    return c.json({ token: challenge.issue() }, 201);
  });
}
