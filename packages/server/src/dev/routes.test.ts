/** Dev mode: the outbox (newest first, per provider, `?to=` with a raw `+`). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness } from '../testing.ts';

describe('GET /dev/outbox', () => {
  test('newest first, filtered by provider and recipient; a raw + in ?to= still matches', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/jdcloud/codes', { phone: '+8613800138000', channel: 'sms', purpose: 'register' });
      h.clock.advance(61);
      await h.post('/api/jdcloud/codes', { phone: '+8613800138000', channel: 'voice', purpose: 'register' });
      await h.post('/api/jdcloud/codes', { phone: '+8613900139000', channel: 'sms', purpose: 'register' });
      await h.post('/api/qingcloud/codes', { phone: '+8613700137000', channel: 'sms', purpose: 'register' });

      const all = await h.get('/api/jdcloud/dev/outbox');
      assert.equal(all.status, 200);
      assert.equal(all.body.messages.length, 3);
      assert.equal(all.body.messages[0].to, '+8613900139000');
      const raw = await h.get('/api/jdcloud/dev/outbox?to=+8613800138000');
      assert.deepEqual(
        raw.body.messages.map((m: any) => m.channel),
        ['voice', 'sms'],
      );
      for (const message of raw.body.messages) {
        assert.deepEqual(Object.keys(message).sort(), ['channel', 'code', 'purpose', 'sentAt', 'text', 'to']);
      }
      assert.equal((await h.get('/api/qingcloud/dev/outbox')).body.messages.length, 1);
      assert.equal((await h.get('/api/jdcloud/dev/outbox?to=nobody@example.com')).body.messages.length, 0);
    } finally {
      await h.close();
    }
  });
});
