/**
 * `POST /codes` and the code rules of docs/codes.md: no enumeration, phone normalisation and regions,
 * cooldown, daily caps (per phone, per address), SMS and voice sharing limits, and the checks
 * when a code is used: invalid, expired, killed by wrong tries, single use, parallel use.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, registerQing } from '../testing.ts';

const PHONE = '+8613800138000';

describe('POST /codes', () => {
  test('sends an SMS code (202) the outbox shows, for a phone with or without accounts alike', async () => {
    const h = await createHarness();
    try {
      await registerQing(h, PHONE, 'pass-word1');
      h.clock.advance(61);
      const known = await h.post('/api/qingcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'login' });
      const unknown = await h.post('/api/qingcloud/codes', {
        phone: '+8613900139000',
        channel: 'sms',
        purpose: 'login',
      });
      assert.equal(known.status, 202);
      assert.equal(unknown.status, known.status);
      assert.deepEqual(unknown.body, known.body);
      assert.deepEqual(known.body, { expiresIn: 300, resendAfter: 60 });
      assert.deepEqual([...known.headers.keys()].sort(), [...unknown.headers.keys()].sort());
      const [message] = await h.outbox('qingcloud', PHONE);
      assert.equal(message!.channel, 'sms');
      assert.equal(message!.purpose, 'login');
      assert.match(message!.code!, /^[0-9]{6}$/);
      assert.ok(message!.text.includes(message!.code!));
    } finally {
      await h.close();
    }
  });

  test('voice codes go out on the voice channel and share the cooldown with SMS', async () => {
    const h = await createHarness();
    try {
      const voice = await h.post('/api/jdcloud/codes', {
        phone: PHONE,
        channel: 'voice',
        purpose: 'register',
      });
      assert.equal(voice.status, 202);
      const [message] = await h.outbox('jdcloud', PHONE);
      assert.equal(message!.channel, 'voice');
      const sms = await h.post('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'register' });
      assert.equal(sms.status, 429);
      assert.equal(sms.body.error.code, 'code_cooldown');
    } finally {
      await h.close();
    }
  });

  test('phones are normalised to E.164; invalid or out-of-region phones are validation_failed on phone', async () => {
    const h = await createHarness();
    try {
      const spaced = await h.post('/api/jdcloud/codes', {
        phone: '+86 138 0013 8000',
        channel: 'sms',
        purpose: 'register',
      });
      assert.equal(spaced.status, 202);
      assert.equal((await h.outbox('jdcloud', PHONE)).length, 1);
      for (const [provider, phone, rule] of [
        ['jdcloud', '+86123', 'phone_invalid'],
        ['jdcloud', 'not a phone', 'phone_invalid'],
        ['jdcloud', '+85291234567', 'phone_region_not_allowed'],
        ['qingcloud', '+14155552671', 'phone_region_not_allowed'],
      ] as const) {
        const answer = await h.post(`/api/${provider}/codes`, { phone, channel: 'sms', purpose: 'register' });
        assert.equal(answer.status, 400, `${provider} ${phone}`);
        assert.equal(answer.body.error.code, 'validation_failed');
        assert.equal(answer.body.error.field, 'phone');
        assert.equal(answer.body.error.issues[0].code, rule);
      }
      // JD classic takes the four regions.
      const hk = await h.post('/api/jdcloud-classic/codes', {
        phone: '+85291234567',
        channel: 'sms',
        purpose: 'register',
      });
      assert.equal(hk.status, 202);
    } finally {
      await h.close();
    }
  });

  test('a purpose or channel the preset does not use is method_disabled', async () => {
    const h = await createHarness({
      providers: { jdcloud: true, qingcloud: { code: { channels: ['sms'] } } },
    });
    try {
      const login = await h.post('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'login' });
      assert.equal(login.status, 403);
      assert.equal(login.body.error.code, 'method_disabled');
      const voice = await h.post('/api/qingcloud/codes', {
        phone: PHONE,
        channel: 'voice',
        purpose: 'login',
      });
      assert.equal(voice.status, 403);
      assert.equal(voice.body.error.code, 'method_disabled');
    } finally {
      await h.close();
    }
  });

  test('60 s cooldown: 429 code_cooldown with retryAfter and Retry-After, then a resend works', async () => {
    const h = await createHarness();
    try {
      assert.equal(
        (await h.post('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'register' })).status,
        202,
      );
      h.clock.advance(20);
      const early = await h.post('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'register' });
      assert.equal(early.status, 429);
      assert.equal(early.body.error.code, 'code_cooldown');
      assert.equal(early.body.error.retryAfter, 40);
      assert.equal(early.headers.get('retry-after'), '40');
      h.clock.advance(40);
      assert.equal(
        (await h.post('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'register' })).status,
        202,
      );
    } finally {
      await h.close();
    }
  });

  test('at most 10 codes per phone per day (rate_limited until the day ends)', async () => {
    // Every request here comes from one address, whose own share of a phone is raised to the
    // phone's cap (codes per phone per address: sms-lockout.test.ts in test/security).
    const h = await createHarness({ providers: { jdcloud: { code: { dailyPerPhonePerAddress: 10 } } } });
    try {
      // Start of a UTC day, so ten sends a minute apart stay inside it.
      h.clock.advance((86_400_000 - (h.clock.now().getTime() % 86_400_000)) / 1000 + 60);
      for (let i = 0; i < 10; i++) {
        assert.equal(
          (
            await h.post('/api/jdcloud/codes', {
              phone: PHONE,
              channel: i % 2 ? 'voice' : 'sms',
              purpose: 'register',
            })
          ).status,
          202,
        );
        h.clock.advance(61);
      }
      const eleventh = await h.post('/api/jdcloud/codes', {
        phone: PHONE,
        channel: 'sms',
        purpose: 'register',
      });
      assert.equal(eleventh.status, 429);
      assert.equal(eleventh.body.error.code, 'rate_limited');
      assert.ok(eleventh.body.error.retryAfter > 0 && eleventh.body.error.retryAfter <= 86_400);
      assert.equal(eleventh.headers.get('retry-after'), String(eleventh.body.error.retryAfter));
      // Another phone from the same address is still served.
      assert.equal(
        (await h.post('/api/jdcloud/codes', { phone: '+8613900139000', channel: 'sms', purpose: 'register' }))
          .status,
        202,
      );
      h.clock.advance(eleventh.body.error.retryAfter);
      assert.equal(
        (await h.post('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'register' })).status,
        202,
      );
    } finally {
      await h.close();
    }
  });

  test('per-address daily cap (rate_limited), counted per client address', async () => {
    const h = await createHarness({ providers: { jdcloud: { code: { dailyPerAddress: 3 } } } });
    try {
      h.clock.advance((86_400_000 - (h.clock.now().getTime() % 86_400_000)) / 1000 + 60);
      for (let i = 0; i < 3; i++) {
        const answer = await h.post(
          '/api/jdcloud/codes',
          { phone: `+861380013800${i}`, channel: 'sms', purpose: 'register' },
          { address: '203.0.113.7' },
        );
        assert.equal(answer.status, 202);
      }
      const capped = await h.post(
        '/api/jdcloud/codes',
        { phone: '+8613800138009', channel: 'sms', purpose: 'register' },
        { address: '203.0.113.7' },
      );
      assert.equal(capped.status, 429);
      assert.equal(capped.body.error.code, 'rate_limited');
      assert.ok(Number(capped.headers.get('retry-after')) > 0);
      const other = await h.post(
        '/api/jdcloud/codes',
        { phone: '+8613800138009', channel: 'sms', purpose: 'register' },
        { address: '198.51.100.1' },
      );
      assert.equal(other.status, 202);
    } finally {
      await h.close();
    }
  });
});

describe('using a code', () => {
  const register = (h: Awaited<ReturnType<typeof createHarness>>, code: string) =>
    h.post('/api/qingcloud/accounts', { phone: PHONE, code, password: 'pass-word1', agreements: true });

  test('wrong → invalid_code (field code); after 5 wrong tries the code is dead → too_many_attempts, then code_expired', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i++) {
        const answer = await register(h, wrong);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.code, 'invalid_code');
        assert.equal(answer.body.error.field, 'code');
      }
      const fifth = await register(h, wrong);
      assert.equal(fifth.status, 429);
      assert.equal(fifth.body.error.code, 'too_many_attempts');
      // Dead: even the right code no longer works, and the answer says so (not "incorrect").
      const right = await register(h, code);
      assert.equal(right.status, 400);
      assert.equal(right.body.error.code, 'code_expired');
      assert.equal(right.body.error.field, 'code');
      // A fresh code, once the resend wait is over, works.
      h.clock.advance(61);
      const fresh = await h.code('qingcloud', PHONE);
      assert.equal((await register(h, fresh)).status, 201);
    } finally {
      await h.close();
    }
  });

  test('a malformed code is validation_failed and costs no try', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE);
      for (let i = 0; i < 6; i++) {
        const answer = await register(h, '12ab');
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.code, 'validation_failed');
        assert.equal(answer.body.error.issues[0].code, 'code_format');
      }
      assert.equal((await register(h, code)).status, 201);
    } finally {
      await h.close();
    }
  });

  test('after 5 minutes → code_expired', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE);
      h.clock.advance(301);
      const answer = await register(h, code);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'code_expired');
    } finally {
      await h.close();
    }
  });

  test('a code is bound to its purpose and is single use; a new code replaces the old one', async () => {
    const h = await createHarness();
    try {
      const loginCode = await h.code('qingcloud', PHONE, 'login');
      assert.equal((await register(h, loginCode)).body.error.code, 'invalid_code');
      h.clock.advance(61);
      const first = await h.code('qingcloud', PHONE);
      h.clock.advance(61);
      const second = await h.code('qingcloud', PHONE);
      if (first !== second) assert.equal((await register(h, first)).body.error.code, 'invalid_code');
      assert.equal((await register(h, second)).status, 201);
      const again = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        code: second,
        password: 'pass-word2',
        agreements: true,
      });
      assert.equal(again.body.error.code, 'invalid_code');
    } finally {
      await h.close();
    }
  });

  test('one code used in parallel succeeds once', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE, 'login');
      await registerQingWithoutCodeReuse(h);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => h.post('/api/qingcloud/sessions/sms', { phone: PHONE, code })),
      );
      const ok = answers.filter((answer) => answer.status === 200);
      assert.equal(ok.length, 1, answers.map((a) => `${a.status} ${a.body?.error?.code ?? ''}`).join(', '));
      for (const answer of answers.filter((a) => a.status !== 200))
        assert.equal(answer.body.error.code, 'invalid_code');
    } finally {
      await h.close();
    }
  });
});

/** A QingCloud account on PHONE through the store's own flow, without touching the login code. */
async function registerQingWithoutCodeReuse(h: Awaited<ReturnType<typeof createHarness>>) {
  // Register codes and login codes are separate; the login code stays live.
  h.clock.advance(61);
  await registerQing(h, PHONE, 'pass-word1');
}

describe('proving a registration code at its own step', () => {
  test('POST /codes/verify spends the code for a ticket that stands in for it on POST /accounts', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE);
      const wrong = code === '000000' ? '111111' : '000000';
      const refused = await h.post('/api/qingcloud/codes/verify', {
        phone: PHONE,
        purpose: 'register',
        code: wrong,
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'invalid_code');
      assert.equal(refused.body.error.field, 'code');
      const proven = await h.post('/api/qingcloud/codes/verify', { phone: PHONE, purpose: 'register', code });
      assert.equal(proven.status, 200, proven.text);
      assert.equal(typeof proven.body.codeTicket, 'string');
      assert.ok(proven.body.expiresIn > 0);
      // The code is spent: the ticket, not the code, finishes the registration.
      const again = await h.post('/api/qingcloud/codes/verify', { phone: PHONE, purpose: 'register', code });
      assert.equal(again.status, 400);
      // Another phone cannot use the ticket (and spends it).
      const other = await h.post('/api/qingcloud/accounts', {
        phone: '+8613900139000',
        codeTicket: proven.body.codeTicket,
        password: 'pass-word1',
        agreements: true,
      });
      assert.equal(other.status, 400);
      assert.equal(other.body.error.code, 'code_expired');
      assert.equal(other.body.error.field, 'code');
      h.clock.advance(61);
      const fresh = await h.code('qingcloud', PHONE);
      const ticket = (
        await h.post('/api/qingcloud/codes/verify', { phone: PHONE, purpose: 'register', code: fresh })
      ).body.codeTicket;
      const created = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        codeTicket: ticket,
        password: 'pass-word1',
        agreements: true,
      });
      assert.equal(created.status, 201, created.text);
      const reused = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        codeTicket: ticket,
        password: 'pass-word1',
        agreements: true,
      });
      assert.equal(reused.body.error.code, 'code_expired');
    } finally {
      await h.close();
    }
  });

  test('a preset without a registration code answers method_disabled', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/tencentcloud/codes/verify', {
        phone: PHONE,
        purpose: 'register',
        code: '123456',
      });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'method_disabled');
    } finally {
      await h.close();
    }
  });
});
