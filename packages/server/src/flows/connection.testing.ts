/**
 * Test support for third-party login (docs/flows.md#third-party-login) on a real app: a fresh
 * phone number, the first `POST /continue` after the simulated identity provider, the phone step,
 * and the check that an answer signed in. Not part of the package's exports.
 */
import assert from 'node:assert/strict';
import type { Idp, ProviderId } from '@cloud-login/core';
import { browser, connectionTicket, TEST_FLOW_SECRET, type LoginAs } from '../routes/connections.testing.ts';
import type { Answer, Harness } from '../testing.ts';

let phones = 0;
/** A fresh mainland number per use, so code cooldowns never meet. */
export const newPhone = () => `+861390000${String(1000 + phones++).padStart(4, '0')}`;

/**
 * Signs in at the simulated identity provider and hands its ticket to `POST /continue`, with the
 * secret of the tab that started the flow (the ticket came through the address).
 */
export async function start(h: Harness, provider: ProviderId, idp: Idp, who: LoginAs) {
  const ticket = await connectionTicket(browser(h), provider, idp, who);
  return h.post(`/api/${provider}/continue`, { ticket, flowSecret: TEST_FLOW_SECRET });
}

/** Answers the phone step with a code sent to `phone` (and the agreements, where the step asks for them: JD). */
export async function withCode(h: Harness, provider: ProviderId, ticket: string, phone: string) {
  const code = await h.code(provider, phone, 'bind');
  return h.post(`/api/${provider}/continue`, {
    ticket,
    phone,
    code,
    ...(provider === 'jdcloud' && { agreements: true }),
  });
}

/** Asserts that the answer signed in (a session token and its cookie), and returns its body. */
export function authenticated(answer: Answer) {
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.status, 'authenticated', answer.text);
  assert.match(answer.body.session.token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(answer.headers.get('Set-Cookie') ?? '', /HttpOnly/);
  return answer.body;
}
