/** `POST /accounts` per client address: the registration window, what counts as an attempt. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, spendEmailLink, tokenOf, type Harness } from '../testing.ts';

const PHONE = '+8613800138000';

describe('registrations per client address', () => {
  const register = (h: Harness, i: number, address: string) =>
    h.post(
      '/api/default/accounts',
      { email: `person-${i}@example.com`, password: 'plenty-long-pass' },
      { address },
    );

  test('20 an hour by default, then 429 rate_limited with retryAfter and Retry-After; other addresses unaffected; free again as the window slides', async () => {
    const h = await createHarness();
    try {
      for (let i = 0; i < 20; i++)
        assert.equal((await register(h, i, '198.51.100.7')).status, 201, `registration ${i + 1}`);
      const refused = await register(h, 20, '198.51.100.7');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'rate_limited');
      assert.ok(
        refused.body.error.retryAfter > 0 && refused.body.error.retryAfter <= 3600,
        String(refused.body.error.retryAfter),
      );
      assert.equal(refused.headers.get('retry-after'), String(refused.body.error.retryAfter));
      assert.equal(
        (await h.store.accounts.findByEmail('default', 'person-20@example.com')).length,
        0,
        'nothing was created',
      );
      // Across presets: the window is the address's, not a preset's.
      const jd = await h.post(
        '/api/jdcloud/accounts',
        { accountName: 'other-01', password: 'Secret-123', phone: PHONE, code: '123456', agreements: true },
        { address: '198.51.100.7' },
      );
      assert.equal(jd.body.error.code, 'rate_limited');
      assert.equal((await register(h, 21, '198.51.100.8')).status, 201, 'another address');
      h.clock.advance(refused.body.error.retryAfter);
      assert.equal((await register(h, 22, '198.51.100.7')).status, 201, 'never a permanent block');
    } finally {
      await h.close();
    }
  });

  test('every attempt past the form checks counts (a taken email too), at once as well as one by one; a form error costs nothing', async () => {
    const h = await createHarness({ limits: { registerPerAddress: { limit: 5, windowMs: 3600_000 } } });
    try {
      const from = '198.51.100.9';
      for (let i = 0; i < 10; i++) {
        const invalid = await h.post(
          '/api/default/accounts',
          { email: 'not-an-email', password: 'plenty-long-pass' },
          { address: from },
        );
        assert.equal(invalid.body.error.code, 'validation_failed');
      }
      const first = await register(h, 0, from);
      assert.equal(first.status, 201);
      const [mail] = await h.outbox('default', first.body.account.email);
      assert.equal((await spendEmailLink(h, 'default', tokenOf(mail))).status, 200);
      assert.equal((await register(h, 0, from)).body.error.code, 'email_taken');
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => register(h, 100 + i, from)));
      const statuses = answers.map((answer) => `${answer.status} ${answer.body?.error?.code ?? ''}`.trim());
      assert.equal(statuses.filter((s) => s === '201').length, 3, JSON.stringify(statuses));
      assert.equal(statuses.filter((s) => s === '429 rate_limited').length, 7, JSON.stringify(statuses));
    } finally {
      await h.close();
    }
  });

  test('Tencent: a resend of the activation email counts as an attempt too', async () => {
    const h = await createHarness({ limits: { registerPerAddress: { limit: 2, windowMs: 3600_000 } } });
    try {
      const body = { email: 'mei@example.com', password: 'Tencent-123', agreements: true };
      const from = '198.51.100.10';
      assert.equal((await h.post('/api/tencentcloud/accounts', body, { address: from })).status, 202);
      h.clock.advance(61);
      assert.equal((await h.post('/api/tencentcloud/accounts', body, { address: from })).status, 202);
      h.clock.advance(61);
      const third = await h.post('/api/tencentcloud/accounts', body, { address: from });
      assert.equal(third.status, 429);
      assert.equal(third.body.error.code, 'rate_limited');
      assert.equal((await h.outbox('tencentcloud', 'mei@example.com')).length, 2, 'no third email');
    } finally {
      await h.close();
    }
  });
});
