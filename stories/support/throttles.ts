/**
 * The reference server's throttles for stories (packages/server/README.md, `POST /sessions` and
 * "Challenges"), layered over the story's fake backend at the client's transport seam, so the
 * fake itself stays as it is:
 * - `under-attack`: a password sign-in answers the code step (`NeedsProfile` asking for the code
 *   alone); `POST /continue` with the fake's code then signs in as the password would have;
 * - `challenge`: `POST /codes` answers `428 challenge_required` (dev mode's slider) until the
 *   request carries a token from `POST /dev/challenge`.
 */
import { createClient, type CloudClient } from '@cloud-login/core';
import { FAKE_CODE, type FakeBackend } from './fake-backend.ts';
import { fakeFor, type Ctx } from './story.ts';

export type ThrottleMode = 'under-attack' | 'challenge';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refusal = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { error: { code, message: code, ...extra } });

function throttled(fake: FakeBackend, mode: ThrottleMode): CloudClient {
  const pending = new Map<string, string>(); // code-step ticket → the sign-in's body
  let counter = 0;
  const forward = (url: string, body: unknown) =>
    fake.transport(
      new Request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  return createClient({
    baseUrl: fake.baseUrl,
    transport: async (request) => {
      const path = new URL(request.url).pathname.slice(new URL(fake.baseUrl).pathname.length);
      if (request.method !== 'POST') return fake.transport(request);
      const text = await request.clone().text();
      const body = (text ? JSON.parse(text) : {}) as Record<string, string | undefined>;
      if (mode === 'under-attack' && path === '/sessions') {
        const ticket = `fake-code-step-${++counter}`;
        pending.set(ticket, text);
        return json(200, { status: 'needs_profile', ticket, required: ['code'], optional: [] });
      }
      if (mode === 'under-attack' && path === '/continue' && pending.has(body.ticket ?? '')) {
        if (body.code !== FAKE_CODE) return refusal(400, 'invalid_code', { field: 'code' });
        const signIn = JSON.parse(pending.get(body.ticket!)!) as unknown;
        pending.delete(body.ticket!);
        return forward(`${fake.baseUrl}/sessions`, signIn);
      }
      if (mode === 'challenge' && path === '/dev/challenge')
        return json(201, { token: `fake-slider-token-${++counter}` });
      if (mode === 'challenge' && path === '/codes') {
        if (!body.challengeToken)
          return refusal(428, 'challenge_required', {
            field: 'challengeToken',
            challenge: { kind: 'slider' },
          });
        const { challengeToken: _, ...rest } = body;
        return forward(request.url, rest);
      }
      return fake.transport(request);
    },
  });
}

const clients = new WeakMap<FakeBackend, CloudClient>();
/** `clientFor`, with the throttles of `mode` in front of the story's fake. */
export function throttledClientFor(context: Ctx, mode: ThrottleMode): CloudClient {
  const fake = fakeFor(context);
  let client = clients.get(fake);
  if (!client) clients.set(fake, (client = throttled(fake, mode)));
  return client;
}
