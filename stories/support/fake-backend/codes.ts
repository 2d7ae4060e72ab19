/** `POST /codes`: SMS and voice codes, with the preset's resend cooldown; `POST /codes/verify`. */
import { HttpError, json } from './http.ts';
import { FAKE_CODE } from './seeds.ts';
import type { FakeState } from './state.ts';

export function sendCode(fake: FakeState, body: Record<string, unknown>, request: Request): Response {
  const channel = fake.str(body, 'channel');
  const purpose = fake.str(body, 'purpose');
  if (!['sms', 'voice'].includes(channel) || !['register', 'login', 'bind', 'reauth'].includes(purpose)) {
    throw new HttpError('validation_failed', {
      issues: [{ path: 'channel', code: 'invalid_value', message: 'invalid channel or purpose' }],
    });
  }
  // A reauth code goes to the signed-in account's own phone, never to one the body names.
  const own = purpose === 'reauth' ? fake.authenticated(request).phone : undefined;
  if (purpose === 'reauth' && !own) throw new HttpError('method_disabled', { field: 'phone' });
  const phone = own ?? fake.phoneOf(fake.str(body, 'phone'));
  const now = Date.now();
  const last = fake.lastSent.get(phone);
  const resendAfter = fake.preset.code.resendAfter;
  if (last !== undefined && now - last < resendAfter * 1000) {
    throw new HttpError('code_cooldown', {
      retryAfter: Math.ceil(resendAfter - (now - last) / 1000),
      field: 'phone',
    });
  }
  fake.lastSent.set(phone, now);
  fake.codes.set(`${phone}|${purpose}`, { sentAt: now, wrong: 0, dead: false });
  fake.record({
    channel: channel as 'sms' | 'voice',
    to: phone,
    purpose,
    code: FAKE_CODE,
    text:
      channel === 'voice'
        ? `Your code is ${[...FAKE_CODE].join(' ')}`
        : `[${fake.preset.name.en}] Your verification code is ${FAKE_CODE}. It is valid for 5 minutes.`,
  });
  return json(202, { expiresIn: fake.preset.code.ttl, resendAfter }, {});
}

/** `POST /codes/verify`: spends a registration code for a ticket `POST /accounts` takes in its place. */
export function verifyCode(fake: FakeState, body: Record<string, unknown>): Response {
  if (fake.str(body, 'purpose') !== 'register') {
    throw new HttpError('validation_failed', {
      issues: [{ path: 'purpose', code: 'invalid_value', message: 'purpose must be register' }],
    });
  }
  const phone = fake.phoneOf(fake.str(body, 'phone'));
  fake.consumeCode(phone, 'register', fake.str(body, 'code'));
  const codeTicket = `code-ticket-${fake.codeTickets.size + 1}`;
  fake.codeTickets.set(codeTicket, phone);
  return json(200, { codeTicket, expiresIn: fake.preset.ticketTtl }, {});
}
