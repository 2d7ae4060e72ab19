/** The store's grants: create-if-absent, consumed once, expiring. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../../crypto.ts';
import { iso, T0, type OpenStore } from './fixtures.ts';

export function grantsConformance(open: OpenStore): void {
  test('grants: create-if-absent, consumed once (in parallel too), expire, update', async () => {
    const store = await open();
    const grant = {
      kind: 'wechat:code',
      key: hashSecret('c1'),
      data: { n: 1 },
      createdAt: iso(T0),
      expiresAt: iso(T0 + 600_000),
    };
    assert.equal(await store.grants.put(grant), true);
    assert.equal(
      await store.grants.put({ ...grant, data: { n: 2 } }),
      false,
      'a live key is not overwritten',
    );
    assert.equal(await store.grants.get('qq:code', grant.key, iso(T0)), undefined, 'kinds are separate');
    assert.deepEqual(
      (await store.grants.update<{ n: number }>(grant.kind, grant.key, iso(T0), (d) => ({ n: d.n + 10 })))
        ?.data,
      { n: 11 },
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.grants.consume<{ n: number }>(grant.kind, grant.key, iso(T0 + 1)),
      ),
    );
    assert.deepEqual(
      results.filter(Boolean).map((r) => r!.data),
      [{ n: 11 }],
    );
    assert.equal(await store.grants.get(grant.kind, grant.key, iso(T0)), undefined);

    await store.grants.put({ ...grant, key: 'k2' });
    assert.equal(await store.grants.get(grant.kind, 'k2', iso(T0 + 600_000)), undefined);
    assert.equal(await store.grants.update(grant.kind, 'k2', iso(T0 + 600_000), (d) => d), undefined);
    assert.equal(
      await store.grants.consume(grant.kind, 'k2', iso(T0 + 600_000)),
      undefined,
      'an expired grant is refused',
    );
    assert.equal(await store.grants.consume(grant.kind, 'k2', iso(T0)), undefined, 'and gone');
    await store.close();
  });
}
