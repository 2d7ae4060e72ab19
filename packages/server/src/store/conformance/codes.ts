/** The store's codes: checked once, bound to phone and purpose, counted for the send limits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../../crypto.ts';
import { code, iso, T0, type OpenStore } from './fixtures.ts';

export function codesConformance(open: OpenStore): void {
  test('parallel checkCode of one code: exactly one ok', async () => {
    const store = await open();
    await store.codes.put(code());
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        store.codes.check('jdcloud', '+8613800138000', 'login', hashSecret('123456'), iso(T0 + 1000), 5),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.reason === 'missing'));
    await store.close();
  });

  test('5 wrong tries kill the code, and then the right one fails too', async () => {
    const store = await open();
    await store.codes.put(code());
    const check = (value: string) =>
      store.codes.check('jdcloud', '+8613800138000', 'login', hashSecret(value), iso(T0 + 1000), 5);
    for (const remaining of [4, 3, 2, 1, 0])
      assert.deepEqual(await check('000000'), { ok: false, reason: 'wrong', remaining });
    assert.deepEqual(await check('123456'), { ok: false, reason: 'missing' });
    await store.close();
  });

  test('a code is bound to phone and purpose, expires, and a new one kills the old one', async () => {
    const store = await open();
    const phone = '+8613800138000';
    await store.codes.put(code({ codeHash: hashSecret('111111') }));
    assert.deepEqual(
      await store.codes.check('jdcloud', phone, 'register', hashSecret('111111'), iso(T0), 5),
      { ok: false, reason: 'missing' },
    );
    assert.deepEqual(
      await store.codes.check('jdcloud', '+8613800138001', 'login', hashSecret('111111'), iso(T0), 5),
      { ok: false, reason: 'missing' },
    );
    assert.deepEqual(await store.codes.check('qingcloud', phone, 'login', hashSecret('111111'), iso(T0), 5), {
      ok: false,
      reason: 'missing',
    });
    assert.deepEqual(
      await store.codes.check('jdcloud', phone, 'login', hashSecret('111111'), iso(T0 + 300_000), 5),
      { ok: false, reason: 'expired' },
    );

    await store.codes.put(
      code({ codeHash: hashSecret('222222'), createdAt: iso(T0 + 60_000), expiresAt: iso(T0 + 360_000) }),
    );
    assert.deepEqual((await store.codes.last('jdcloud', phone))?.codeHash, hashSecret('222222'));
    assert.equal(
      (await store.codes.check('jdcloud', phone, 'login', hashSecret('111111'), iso(T0 + 61_000), 5)).ok,
      false,
    );
    assert.deepEqual(
      await store.codes.check('jdcloud', phone, 'login', hashSecret('222222'), iso(T0 + 61_000), 5),
      { ok: true },
    );
    await store.close();
  });

  test('countCodesSince counts per phone and per address, across providers', async () => {
    const store = await open();
    await store.codes.put(code({ createdAt: iso(T0 - 3_600_000) }));
    await store.codes.put(code({ provider: 'qingcloud', purpose: 'register' }));
    await store.codes.put(code({ phone: '+8613800138009', address: '198.51.100.1' }));
    const since = iso(T0 - 60_000);
    assert.equal(await store.codes.countSince({ phone: '+8613800138000' }, since), 1);
    assert.equal(await store.codes.countSince({ phone: '+8613800138000' }, iso(T0 - 7_200_000)), 2);
    assert.equal(await store.codes.countSince({ address: '203.0.113.7' }, since), 1);
    assert.equal(await store.codes.countSince({ address: '198.51.100.1' }, since), 1);
    assert.equal(await store.codes.countSince({ phone: '+8613800138009', address: '203.0.113.7' }, since), 0);
    assert.equal(await store.codes.countSince({ phone: '+8600000000000' }, since), 0);
    await store.close();
  });
}
