/**
 * The signed-in account's settings: the security email (link 2 h, single use, JSON or page,
 * JD's "first holder" rule for the email as identifier), and `PUT /account/password`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createHarness,
  followEmailLink,
  registerJd,
  spendEmailLink,
  tokenOf,
  type Harness,
} from '../testing.ts';

const PHONE = '+8613800138000';

async function addEmail(h: Harness, token: string, email: string, extra: Record<string, unknown> = {}) {
  // The account's password proves the change (`reauth_required` without it).
  return h.post('/api/jdcloud/account/email', { email, currentPassword: 'Secret-123', ...extra }, { token });
}

describe('security email', () => {
  test('add → link → verified; the email then logs in; the link works once', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const sent = await addEmail(h, session.token, 'Alice@Example.com');
      assert.equal(sent.status, 202);
      assert.deepEqual(sent.body, { expiresIn: 7200 });
      // Not changed until verified.
      assert.equal(
        (await h.get('/api/jdcloud/session', { token: session.token })).body.account.email,
        undefined,
      );

      const [mail] = await h.outbox('jdcloud', 'alice@example.com');
      assert.equal(mail!.purpose, 'verify');
      assert.ok(mail!.link!.startsWith('http://localhost/api/jdcloud/email/verify?token='));
      const verified = await spendEmailLink(h, 'jdcloud', tokenOf(mail));
      assert.equal(verified.status, 200);
      assert.equal(verified.body.status, 'verified');
      assert.equal(verified.body.account.email, 'alice@example.com');
      assert.equal(verified.body.account.emailVerified, true);
      assert.deepEqual(verified.body.account.loginIdentifiers, ['accountName', 'phone', 'email']);
      assert.equal(
        (await h.post('/api/jdcloud/sessions', { identifier: 'ALICE@example.com', password: 'Secret-123' }))
          .status,
        200,
      );

      const again = await spendEmailLink(h, 'jdcloud', tokenOf(mail));
      assert.equal(again.status, 410);
      assert.equal(again.body.error.code, 'link_expired');
    } finally {
      await h.close();
    }
  });

  test('JD: a second account verifying the same email does not get it as a login identifier', async () => {
    const h = await createHarness();
    try {
      const first = await registerJd(h, 'alice-01', PHONE);
      h.clock.advance(61);
      const second = await registerJd(h, 'bob-0001', '+8613900139000');
      for (const { session } of [first, second]) {
        await addEmail(h, session.token, 'shared@example.com');
        const [mail] = await h.outbox('jdcloud', 'shared@example.com');
        const verified = await spendEmailLink(h, 'jdcloud', tokenOf(mail));
        assert.equal(verified.status, 200);
      }
      const me = await h.get('/api/jdcloud/session', { token: second.session.token });
      assert.equal(me.body.account.emailVerified, true);
      assert.deepEqual(me.body.account.loginIdentifiers, ['accountName', 'phone']);
      const byEmail = await h.post('/api/jdcloud/sessions', {
        identifier: 'shared@example.com',
        password: 'Secret-123',
      });
      assert.equal(byEmail.body.account.id, first.account.id);
    } finally {
      await h.close();
    }
  });

  test('QingCloud (one account per email): email_taken', async () => {
    const h = await createHarness();
    try {
      const codeA = await h.code('qingcloud', PHONE);
      const a = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        code: codeA,
        password: 'pass-word1',
        agreements: true,
      });
      const codeB = await h.code('qingcloud', '+8613900139000');
      const b = await h.post('/api/qingcloud/accounts', {
        phone: '+8613900139000',
        code: codeB,
        password: 'pass-word2',
        agreements: true,
      });
      await h.post(
        '/api/qingcloud/account/email',
        { email: 'one@example.com', currentPassword: 'pass-word1' },
        { token: a.body.session.token },
      );
      // B asks for the same address while A's link is still unused: both links go out…
      await h.post(
        '/api/qingcloud/account/email',
        { email: 'one@example.com', currentPassword: 'pass-word2' },
        { token: b.body.session.token },
      );
      const [bMail, aMail] = await h.outbox('qingcloud', 'one@example.com');
      assert.equal((await spendEmailLink(h, 'qingcloud', tokenOf(aMail))).status, 200);
      // …but only the first verified one wins.
      const late = await spendEmailLink(h, 'qingcloud', tokenOf(bMail));
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'email_taken');
      h.clock.advance(61);
      const ask = await h.post(
        '/api/qingcloud/account/email',
        { email: 'one@example.com', currentPassword: 'pass-word2' },
        { token: b.body.session.token },
      );
      assert.equal(ask.status, 409);
      assert.equal(ask.body.error.code, 'email_taken');
    } finally {
      await h.close();
    }
  });

  test('expired after 2 hours → link_expired; resend cooldown → code_cooldown', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      await addEmail(h, session.token, 'a@example.com');
      const cooldown = await addEmail(h, session.token, 'a@example.com');
      assert.equal(cooldown.status, 429);
      assert.equal(cooldown.body.error.code, 'code_cooldown');
      // An email, not a code: the elements pick the message `code_cooldown.email` by this field.
      assert.equal(cooldown.body.error.field, 'email');
      assert.ok(cooldown.body.error.retryAfter > 0);
      assert.ok(Number(cooldown.headers.get('retry-after')) > 0);
      const [mail] = await h.outbox('jdcloud', 'a@example.com');
      h.clock.advance(7201);
      const late = await spendEmailLink(h, 'jdcloud', tokenOf(mail));
      assert.equal(late.status, 410);
      assert.equal(late.body.error.code, 'link_expired');
    } finally {
      await h.close();
    }
  });

  test('the browser page escapes everything and runs no script', async () => {
    const h = await createHarness({ allowedOrigins: ['https://console.example.com'] });
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const returnTo = 'https://console.example.com/x?a="><script>alert(1)</script>';
      assert.equal((await addEmail(h, session.token, 'b@example.com', { returnTo })).status, 202);
      const [mail] = await h.outbox('jdcloud', 'b@example.com');
      // Showing the link (what a mail scanner fetches) spends nothing: a button posts it.
      const shown = await h.get(`/api/jdcloud/email/verify?token=${tokenOf(mail)}`, {
        headers: { Accept: 'text/html', 'Accept-Language': 'zh-CN' },
      });
      assert.equal(shown.status, 200);
      assert.match(shown.text, /确认邮箱/);
      assert.match(shown.text, /b@example\.com/);
      assert.doesNotMatch(shown.text, /<script/i);
      assert.match(shown.headers.get('content-security-policy') ?? '', /form-action 'self'/);
      const described = await h.get(`/api/jdcloud/email/verify?token=${tokenOf(mail)}`);
      assert.deepEqual(described.body, { status: 'pending_confirmation', email: 'b@example.com' });
      const page = await followEmailLink(h, 'jdcloud', tokenOf(mail), { 'Accept-Language': 'zh-CN' });
      assert.equal(page.status, 200);
      assert.match(page.text, /邮箱已验证/);
      assert.doesNotMatch(page.text, /<script/i);
      assert.match(page.text, /href="https:\/\/console\.example\.com\/x\?a=%22%3E%3Cscript/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const missing = await h.get('/api/jdcloud/email/verify', { headers: { Accept: 'text/html' } });
      assert.equal(missing.status, 400);
      const missingJson = await h.get('/api/jdcloud/email/verify');
      assert.equal(missingJson.body.error.code, 'validation_failed');
    } finally {
      await h.close();
    }
  });

  test('needs a session', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/jdcloud/account/email', { email: 'a@example.com' });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'unauthenticated');
    } finally {
      await h.close();
    }
  });
});

describe('PUT /account/password', () => {
  test('currentPassword is required when one is set (reauth_required); wrong → invalid_credentials; the new rules apply', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const put = (body: unknown) =>
        h.call('PUT', '/api/jdcloud/account/password', { body, token: session.token });
      const missing = await put({ newPassword: 'Secret-456' });
      assert.equal(missing.status, 403);
      assert.equal(missing.body.error.code, 'reauth_required');
      assert.equal(missing.body.error.field, 'currentPassword');
      const wrong = await put({ currentPassword: 'Wrong-000', newPassword: 'Secret-456' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
      const weak = await put({ currentPassword: 'Secret-123', newPassword: 'alice-01' });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.error.field, 'newPassword');
      assert.equal((await put({ currentPassword: 'Secret-123', newPassword: 'Secret-456' })).status, 204);
      assert.equal(
        (await h.post('/api/jdcloud/sessions', { identifier: 'alice-01', password: 'Secret-123' })).status,
        401,
      );
      assert.equal(
        (await h.post('/api/jdcloud/sessions', { identifier: 'alice-01', password: 'Secret-456' })).status,
        200,
      );
    } finally {
      await h.close();
    }
  });

  test('guesses at the current password sent at once get no more tries than the account’s window (20)', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const put = (currentPassword: string) =>
        h.call('PUT', '/api/jdcloud/account/password', {
          body: { currentPassword, newPassword: 'Secret-456' },
          token: session.token,
        });
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => put(`Wrong-pass-${i}`)));
      const codes = answers.map((answer) => answer.body.error.code);
      assert.equal(codes.filter((code) => code === 'invalid_credentials').length, 20, JSON.stringify(codes));
      assert.equal(codes.filter((code) => code === 'too_many_attempts').length, 10);
      assert.ok(Number(answers.find((answer) => answer.status === 429)!.headers.get('retry-after')) > 0);
      // The right password waits too (the throttle reveals nothing), until the window has passed.
      assert.equal((await put('Secret-123')).body.error.code, 'too_many_attempts');
      h.clock.advance(15 * 60);
      assert.equal((await put('Secret-123')).status, 204);
    } finally {
      await h.close();
    }
  });

  test('a right current password gives its attempt back: no failure is left counted', async () => {
    const h = await createHarness({ limits: { loginPerAccount: { limit: 2, windowMs: 15 * 60_000 } } });
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const put = (currentPassword: string, newPassword: string) =>
        h.call('PUT', '/api/jdcloud/account/password', {
          body: { currentPassword, newPassword },
          token: session.token,
        });
      assert.equal((await put('Secret-123', 'Secret-456')).status, 204);
      assert.equal((await put('Secret-456', 'Secret-789')).status, 204);
      assert.equal((await put('Secret-789', 'Secret-123')).status, 204);
      assert.equal((await put('Wrong-000', 'Secret-456')).status, 401);
      assert.equal((await put('Wrong-000', 'Secret-456')).status, 401);
      assert.equal((await put('Secret-123', 'Secret-456')).status, 429);
    } finally {
      await h.close();
    }
  });
});
