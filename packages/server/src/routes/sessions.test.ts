/**
 * Sign-in: password login (JD's identifier rules, QingCloud's "the password picks"), SMS
 * login with the account chooser, sub-accounts, legacy JD accounts, and the failed-login
 * throttles (per account and per address, never permanent).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createHarness,
  registerClassic,
  registerJd,
  registerQing,
  signIn,
  spendEmailLink,
  tokenOf,
} from '../testing.ts';

const PHONE = '+8613800138000';

describe('password login', () => {
  test('unknown identifier and wrong password answer the same invalid_credentials', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'alice-01', PHONE);
      const wrong = await signIn(h, 'jdcloud', 'alice-01', 'Wrong-123');
      const unknown = await signIn(h, 'jdcloud', 'nobody-99', 'Wrong-123');
      const unknownPhone = await signIn(h, 'jdcloud', '+8613900139000', 'Wrong-123');
      for (const answer of [wrong, unknown, unknownPhone]) {
        assert.equal(answer.status, 401);
        assert.deepEqual(answer.body, wrong.body);
      }
      assert.equal(wrong.body.error.code, 'invalid_credentials');
    } finally {
      await h.close();
    }
  });

  test('unknown identifiers cost the same argon2 work as wrong passwords', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'alice-01', PHONE);
      await signIn(h, 'jdcloud', 'warm-up-00', 'x'); // the dummy hash is made once
      const time = async (identifier: string) => {
        const start = performance.now();
        await signIn(h, 'jdcloud', identifier, 'Wrong-123');
        return performance.now() - start;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(await time('alice-01'));
        unknown.push(await time(`ghost-${i}x`));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // A hash takes milliseconds; skipping it would take microseconds. Loose bounds: CI is noisy.
      assert.ok(
        median(unknown) > median(known) / 3,
        `known ${median(known)} ms, unknown ${median(unknown)} ms`,
      );
      assert.ok(median(unknown) > 2, `unknown identifiers must hash too (${median(unknown)} ms)`);
    } finally {
      await h.close();
    }
  });

  test('a password that is right for an inactive identifier: identifier_not_loginable', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'pending@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const answer = await signIn(h, 'tencentcloud', 'pending@example.com', 'pass-1234');
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'identifier_not_loginable');
    } finally {
      await h.close();
    }
  });

  test('legacy JD account (created before 2019-07-18): use_parent_login, but only with the right password', async () => {
    const h = await createHarness();
    try {
      const created = await h.post('/api/jdcloud/dev/legacy-accounts', {
        phone: PHONE,
        password: 'old-pass',
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.account.legacy, true);
      assert.ok(created.body.account.createdAt < '2019-07-18');
      assert.deepEqual(created.body.account.loginIdentifiers, []);
      const answer = await signIn(h, 'jdcloud', PHONE, 'old-pass');
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'use_parent_login');
      assert.equal((await signIn(h, 'jdcloud', PHONE, 'not-it-1')).body.error.code, 'invalid_credentials');
      // A new account on the legacy account's phone does not get the phone as an identifier.
      const fresh = await registerJd(h, 'new-user1', PHONE);
      assert.deepEqual(fresh.account.loginIdentifiers, ['accountName']);
      // Legacy accounts exist only where the preset has a cut-off.
      const qing = await h.post('/api/qingcloud/dev/legacy-accounts', { phone: PHONE, password: 'old-pass' });
      assert.equal(qing.body.error.code, 'method_disabled');
    } finally {
      await h.close();
    }
  });

  test('JD classic logs in by account name only', async () => {
    const h = await createHarness();
    try {
      await registerClassic(h, 'classic1', PHONE);
      assert.equal((await signIn(h, 'jdcloud-classic', 'classic1', 'abcdef')).status, 200);
      assert.equal(
        (await signIn(h, 'jdcloud-classic', PHONE, 'abcdef')).body.error.code,
        'invalid_credentials',
      );
    } finally {
      await h.close();
    }
  });

  test('QingCloud: the password picks among the accounts of a phone; several matches → chooser', async () => {
    const h = await createHarness();
    try {
      const a = await registerQing(h, PHONE, 'pass-word1');
      h.clock.advance(61);
      const b = await registerQing(h, PHONE, 'pass-word2');
      h.clock.advance(61);
      const c = await registerQing(h, PHONE, 'pass-word2');
      const picked = await signIn(h, 'qingcloud', PHONE, 'pass-word1');
      assert.equal(picked.body.status, 'authenticated');
      assert.equal(picked.body.account.id, a.account.id);
      const several = await signIn(h, 'qingcloud', PHONE, 'pass-word2');
      assert.equal(several.status, 200);
      assert.equal(several.body.status, 'choose_account');
      assert.deepEqual(
        several.body.accounts.map((x: any) => x.id).sort(),
        [b.account.id, c.account.id].sort(),
      );
      for (const choice of several.body.accounts) {
        assert.equal(choice.label, '+86 138****8000');
        // What tells two phone-only accounts apart: when each was made and last signed in.
        const made = [b, c].find((x) => x.account.id === choice.id)!.account.createdAt;
        assert.equal(choice.createdAt, made);
        assert.ok(!Number.isNaN(Date.parse(choice.lastSignInAt)), 'registration signed the account in');
        assert.equal(choice.detail, undefined);
      }
      const chosen = await h.post('/api/qingcloud/continue', {
        ticket: several.body.ticket,
        accountId: c.account.id,
      });
      assert.equal(chosen.body.status, 'authenticated');
      assert.equal(chosen.body.account.id, c.account.id);
      assert.equal(
        (await signIn(h, 'qingcloud', PHONE, 'pass-word3')).body.error.code,
        'invalid_credentials',
      );
    } finally {
      await h.close();
    }
  });

  test('every sign-in issues a new token', async () => {
    const h = await createHarness();
    try {
      const registered = await registerJd(h, 'alice-01', PHONE);
      const one = await signIn(h, 'jdcloud', 'alice-01', 'Secret-123');
      const two = await signIn(h, 'jdcloud', 'alice-01', 'Secret-123');
      const tokens = new Set([registered.session.token, one.body.session.token, two.body.session.token]);
      assert.equal(tokens.size, 3);
    } finally {
      await h.close();
    }
  });
});

describe('failed-login throttling', () => {
  test('per account: too_many_attempts with Retry-After, checked before the password; frees itself', async () => {
    const h = await createHarness({ limits: { loginPerAccount: { limit: 3, windowMs: 60_000 } } });
    try {
      await registerJd(h, 'alice-01', PHONE);
      for (let i = 0; i < 3; i++)
        assert.equal((await signIn(h, 'jdcloud', 'alice-01', 'Wrong-123')).status, 401);
      const blocked = await signIn(h, 'jdcloud', 'alice-01', 'Secret-123');
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'too_many_attempts');
      assert.ok(blocked.body.error.retryAfter > 0 && blocked.body.error.retryAfter <= 60);
      assert.equal(blocked.headers.get('retry-after'), String(blocked.body.error.retryAfter));
      // The phone is the same account: the same counter.
      assert.equal((await signIn(h, 'jdcloud', PHONE, 'Secret-123')).status, 429);
      // Unknown identifiers are throttled alike (no oracle in the throttle either).
      for (let i = 0; i < 3; i++) await signIn(h, 'jdcloud', 'ghost-007', 'Wrong-123');
      assert.equal(
        (await signIn(h, 'jdcloud', 'ghost-007', 'Wrong-123')).body.error.code,
        'too_many_attempts',
      );
      h.clock.advance(61);
      assert.equal((await signIn(h, 'jdcloud', 'alice-01', 'Secret-123')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('per address: rate_limited for the address only', async () => {
    const h = await createHarness({ limits: { loginPerAddress: { limit: 4, windowMs: 60_000 } } });
    try {
      await registerJd(h, 'alice-01', PHONE);
      for (let i = 0; i < 4; i++) await signIn(h, 'jdcloud', `ghost-${i}xx`, 'Wrong-123', '203.0.113.9');
      const blocked = await signIn(h, 'jdcloud', 'alice-01', 'Secret-123', '203.0.113.9');
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'rate_limited');
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      assert.equal((await signIn(h, 'jdcloud', 'alice-01', 'Secret-123', '198.51.100.2')).status, 200);
      h.clock.advance(61);
      assert.equal((await signIn(h, 'jdcloud', 'alice-01', 'Secret-123', '203.0.113.9')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('X-Forwarded-For counts only from a trusted proxy', async () => {
    const h = await createHarness({
      trustedProxies: ['10.0.0.1'],
      limits: { loginPerAddress: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const spoof = { 'X-Forwarded-For': '192.0.2.1' };
      for (let i = 0; i < 2; i++)
        await h.post(
          '/api/jdcloud/sessions',
          { identifier: `gh-${i}xyz`, password: 'x' },
          { address: '203.0.113.5', headers: spoof },
        );
      // The untrusted peer's own address is what got counted, whatever it claimed.
      const again = await h.post(
        '/api/jdcloud/sessions',
        { identifier: 'gh-9xyz', password: 'x' },
        { address: '203.0.113.5', headers: { 'X-Forwarded-For': '192.0.2.77' } },
      );
      assert.equal(again.body.error.code, 'rate_limited');
      const viaProxy = await h.post(
        '/api/jdcloud/sessions',
        { identifier: 'gh-8xyz', password: 'x' },
        { address: '10.0.0.1', headers: { 'X-Forwarded-For': '192.0.2.50' } },
      );
      assert.equal(viaProxy.body.error.code, 'invalid_credentials');
    } finally {
      await h.close();
    }
  });
});

describe('SMS login', () => {
  test('method_disabled where the preset has no SMS login (JD Cloud)', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/jdcloud/sessions/sms', { phone: PHONE, code: '123456' });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'method_disabled');
    } finally {
      await h.close();
    }
  });

  test('one account → signed in', async () => {
    const h = await createHarness();
    try {
      const account = await registerQing(h, PHONE, 'pass-word1');
      h.clock.advance(61);
      const code = await h.code('qingcloud', PHONE, 'login');
      const answer = await h.post('/api/qingcloud/sessions/sms', { phone: PHONE, code });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'authenticated');
      assert.equal(answer.body.account.id, account.account.id);
    } finally {
      await h.close();
    }
  });

  test('several accounts → chooser with masked labels bound to a one-time ticket', async () => {
    const h = await createHarness();
    try {
      const a = await registerQing(h, PHONE, 'pass-word1');
      h.clock.advance(61);
      const b = await registerQing(h, PHONE, 'pass-word2');
      h.clock.advance(61);
      const code = await h.code('qingcloud', PHONE, 'login');
      const answer = await h.post('/api/qingcloud/sessions/sms', { phone: PHONE, code });
      assert.equal(answer.body.status, 'choose_account');
      assert.equal(answer.body.accounts.length, 2);
      for (const choice of answer.body.accounts) assert.ok(!choice.label.includes('13800138000'));
      const picked = await h.post('/api/qingcloud/continue', {
        ticket: answer.body.ticket,
        accountId: b.account.id,
      });
      assert.equal(picked.body.account.id, b.account.id);
      const reused = await h.post('/api/qingcloud/continue', {
        ticket: answer.body.ticket,
        accountId: a.account.id,
      });
      assert.equal(reused.status, 410);
      assert.equal(reused.body.error.code, 'ticket_expired');
    } finally {
      await h.close();
    }
  });

  test('a phone without accounts → not_found after the code; a wrong code → invalid_code', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE, 'login');
      const wrong = await h.post('/api/qingcloud/sessions/sms', {
        phone: PHONE,
        code: code === '999999' ? '000000' : '999999',
      });
      assert.equal(wrong.body.error.code, 'invalid_code');
      const answer = await h.post('/api/qingcloud/sessions/sms', { phone: PHONE, code });
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'not_found');
      // The elements pick the message `not_found.phone` ("register first") by this field.
      assert.equal(answer.body.error.field, 'phone');
    } finally {
      await h.close();
    }
  });
});

describe('sub-accounts', () => {
  test('a main account creates a sub-account; it signs in with email + password; the main account’s email works there too', async () => {
    const h = await createHarness();
    try {
      const main = await registerQing(h, PHONE, 'pass-word1');
      const created = await h.post(
        '/api/qingcloud/account/subaccounts',
        { email: 'Ops@Example.com', password: 'sub-pass1' },
        { token: main.session.token },
      );
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.account.kind, 'sub');
      assert.equal(created.body.account.parentId, main.account.id);
      assert.deepEqual(created.body.account.loginIdentifiers, ['email']);

      const sub = await h.post('/api/qingcloud/sessions/subaccount', {
        email: 'ops@example.com',
        password: 'sub-pass1',
      });
      assert.equal(sub.status, 200, sub.text);
      assert.equal(sub.body.account.id, created.body.account.id);
      const wrong = await h.post('/api/qingcloud/sessions/subaccount', {
        email: 'ops@example.com',
        password: 'nope-1234',
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
      // A sub-account cannot sign in through the main-account form, nor create sub-accounts.
      assert.equal(
        (await signIn(h, 'qingcloud', 'ops@example.com', 'sub-pass1')).body.error.code,
        'invalid_credentials',
      );
      const nested = await h.post(
        '/api/qingcloud/account/subaccounts',
        { email: 'x@example.com', password: 'sub-pass1' },
        { token: sub.body.session.token },
      );
      assert.equal(nested.body.error.code, 'method_disabled');
      const taken = await h.post(
        '/api/qingcloud/account/subaccounts',
        { email: 'ops@example.com', password: 'sub-pass1' },
        { token: main.session.token },
      );
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'email_taken');

      // The main account verifies its own email (docs/flows.md#security-email), then uses it on the sub-account page.
      assert.equal(
        (
          await h.post(
            '/api/qingcloud/account/email',
            { email: 'boss@example.com', currentPassword: 'pass-word1' },
            { token: main.session.token },
          )
        ).status,
        202,
      );
      const [mail] = await h.outbox('qingcloud', 'boss@example.com');
      assert.equal((await spendEmailLink(h, 'qingcloud', tokenOf(mail))).status, 200);
      const asMain = await h.post('/api/qingcloud/sessions/subaccount', {
        email: 'boss@example.com',
        password: 'pass-word1',
      });
      assert.equal(asMain.status, 200, asMain.text);
      assert.equal(asMain.body.account.id, main.account.id);
    } finally {
      await h.close();
    }
  });

  test('method_disabled where the preset has no sub-accounts', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/jdcloud/sessions/subaccount', {
        email: 'a@example.com',
        password: 'whatever1',
      });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'method_disabled');
    } finally {
      await h.close();
    }
  });
});
