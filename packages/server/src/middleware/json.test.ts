/** Request validation never turns hostile input into a 500. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../testing.ts';

describe('json validator', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  test('a value whose length cannot become a number is a validation error, not a crash (zod throws on it)', async () => {
    for (const raw of [
      '{"identifier":{"length":{"toString":1}},"password":"x"}',
      '{"identifier":"a","password":{"length":{"valueOf":"x","toString":"y"}}}',
      '{"identifier":[],"password":{"length":{}}}',
    ]) {
      const answer = await h.call('POST', '/api/jdcloud/sessions', {
        raw,
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(answer.status, 400, raw);
      assert.equal(answer.body.error.code, 'validation_failed', raw);
    }
    const query = await h.get('/api/jdcloud/dev/outbox?to=a&to=b');
    assert.equal(query.status, 400);
  });
});
