/**
 * `POST /continue` and flow tickets: single use, 10 minutes, unknown and expired alike
 * `ticket_expired`; an answer refused for its input keeps the ticket usable.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, registerQing, type Harness } from '../testing.ts';

const PHONE = '+8613800138000';

async function chooser(h: Harness) {
  const a = await registerQing(h, PHONE, 'pass-word1');
  h.clock.advance(61);
  const b = await registerQing(h, PHONE, 'pass-word1');
  const answer = await h.post('/api/qingcloud/sessions', { identifier: PHONE, password: 'pass-word1' });
  assert.equal(answer.body.status, 'choose_account');
  return { ids: [a.account.id, b.account.id], ticket: answer.body.ticket as string };
}

describe('POST /continue', () => {
  test('an unknown ticket → 410 ticket_expired', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/qingcloud/continue', { ticket: 'A'.repeat(43), accountId: 'x' });
      assert.equal(answer.status, 410);
      assert.equal(answer.body.error.code, 'ticket_expired');
    } finally {
      await h.close();
    }
  });

  test('tickets expire after 10 minutes', async () => {
    const h = await createHarness();
    try {
      const { ids, ticket } = await chooser(h);
      h.clock.advance(601);
      const answer = await h.post('/api/qingcloud/continue', { ticket, accountId: ids[0] });
      assert.equal(answer.status, 410);
      assert.equal(answer.body.error.code, 'ticket_expired');
    } finally {
      await h.close();
    }
  });

  test('a ticket is bound to its provider', async () => {
    const h = await createHarness();
    try {
      const { ids, ticket } = await chooser(h);
      const elsewhere = await h.post('/api/jdcloud/continue', { ticket, accountId: ids[0] });
      assert.equal(elsewhere.body.error.code, 'ticket_expired');
      assert.equal((await h.post('/api/qingcloud/continue', { ticket, accountId: ids[0] })).status, 200);
    } finally {
      await h.close();
    }
  });

  test('an account that was not offered, a missing accountId or createNew are refused and the ticket survives', async () => {
    const h = await createHarness();
    try {
      const { ids, ticket } = await chooser(h);
      for (const body of [{ accountId: 'someone-else' }, {}, { createNew: true }]) {
        const answer = await h.post('/api/qingcloud/continue', { ticket, ...body });
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal(answer.body.error.code, 'validation_failed');
      }
      const ok = await h.post('/api/qingcloud/continue', { ticket, accountId: ids[1] });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.account.id, ids[1]);
      assert.equal(
        (await h.post('/api/qingcloud/continue', { ticket, accountId: ids[1] })).body.error.code,
        'ticket_expired',
      );
    } finally {
      await h.close();
    }
  });

  test('one ticket used in parallel advances once', async () => {
    const h = await createHarness();
    try {
      const { ids, ticket } = await chooser(h);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => h.post('/api/qingcloud/continue', { ticket, accountId: ids[0] })),
      );
      assert.equal(answers.filter((answer) => answer.status === 200).length, 1);
      assert.ok(
        answers
          .filter((answer) => answer.status !== 200)
          .every((answer) => answer.body.error.code === 'ticket_expired'),
      );
    } finally {
      await h.close();
    }
  });
});
