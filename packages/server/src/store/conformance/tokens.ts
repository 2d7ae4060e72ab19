/** The store's single-use tokens: tickets and email links. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../../crypto.ts';
import { iso, link, T0, ticket, type OpenStore } from './fixtures.ts';

export function tokensConformance(open: OpenStore): void {
  test('tickets are single use, provider-bound and expire', async () => {
    const store = await open();
    await store.tickets.put(ticket('t1'));
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.tickets.consume<{ ids: string[] }>('qingcloud', hashSecret('t1'), iso(T0)),
      ),
    );
    const won = results.filter((r) => r !== undefined);
    assert.equal(won.length, 1);
    assert.deepEqual(won[0]?.data, { ids: ['a', 'b'] });

    await store.tickets.put(ticket('t2'));
    assert.equal(await store.tickets.consume('jdcloud', hashSecret('t2'), iso(T0)), undefined);
    assert.ok(await store.tickets.consume('qingcloud', hashSecret('t2'), iso(T0)));

    await store.tickets.put(ticket('t3'));
    assert.equal(await store.tickets.consume('qingcloud', hashSecret('t3'), iso(T0 + 600_000)), undefined);
    assert.equal(
      await store.tickets.consume('qingcloud', hashSecret('t3'), iso(T0)),
      undefined,
      'an expired ticket is gone',
    );
    await store.close();
  });

  test('email links are single use and expire', async () => {
    const store = await open();
    await store.emailLinks.put(link('l1'));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.emailLinks.consume(hashSecret('l1'), iso(T0 + 1000))),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.reason === 'missing'));
    const used = results.find((r) => r.ok);
    assert.equal(used?.ok && used.link.usedAt, iso(T0 + 1000));

    // Peeking shows a link without spending it; a spent or expired link shows nothing.
    await store.emailLinks.put(link('lp'));
    assert.equal((await store.emailLinks.peek(hashSecret('lp'), iso(T0 + 1000)))?.email, link('lp').email);
    assert.equal((await store.emailLinks.consume(hashSecret('lp'), iso(T0 + 1000))).ok, true);
    assert.equal(await store.emailLinks.peek(hashSecret('lp'), iso(T0 + 1000)), undefined);
    await store.emailLinks.put(link('lq'));
    assert.equal(await store.emailLinks.peek(hashSecret('lq'), iso(T0 + 7_200_000)), undefined);
    await store.emailLinks.put(link('l2'));
    assert.deepEqual(await store.emailLinks.consume(hashSecret('l2'), iso(T0 + 7_200_000)), {
      ok: false,
      reason: 'expired',
    });
    assert.deepEqual(await store.emailLinks.consume(hashSecret('nope'), iso(T0)), {
      ok: false,
      reason: 'missing',
    });
    await store.close();
  });
}
