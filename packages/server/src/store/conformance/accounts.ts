/** The store's accounts: names, phones, emails and identities unique under parallel calls; updates; sub-accounts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreConflictError } from '../types.ts';
import { account, iso, noLimits, T0, type OpenStore } from './fixtures.ts';

export function accountsConformance(open: OpenStore): void {
  test('50 parallel registrations of one name: exactly one account', async () => {
    const store = await open();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.accounts.create(account({ accountName: 'Alice', accountNameKey: 'alice' }), noLimits),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.conflict === 'accountName'));
    assert.equal(await store.accounts.count('jdcloud'), 1);
    // The same name in another provider is a different account.
    assert.deepEqual(
      await store.accounts.create(
        account({ provider: 'jdcloud-classic', accountNameKey: 'alice' }),
        noLimits,
      ),
      { ok: true },
    );
    await store.close();
  });

  test('phone limit under parallel creation: limit 5, 20 parallel → 5', async () => {
    const store = await open();
    const options = { emailUnique: false, maxAccountsPerPhone: 5 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.accounts.create(account({ provider: 'tencentcloud', phone: '+8613900139000' }), options),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 5);
    assert.equal(results.filter((r) => !r.ok && r.conflict === 'phoneLimit').length, 15);
    assert.equal((await store.accounts.findByPhone('tencentcloud', '+8613900139000')).length, 5);
    await store.close();
  });

  test('email is create-if-absent only when emailUnique', async () => {
    const store = await open();
    const unique = { emailUnique: true, maxAccountsPerPhone: null };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.accounts.create(account({ provider: 'tencentcloud', email: 'x@example.com' }), unique),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.conflict === 'email'));
    assert.equal((await store.accounts.create(account({ email: 'x@example.com' }), noLimits)).ok, true);
    assert.equal((await store.accounts.create(account({ email: 'x@example.com' }), noLimits)).ok, true);
    assert.equal((await store.accounts.findByEmail('jdcloud', 'x@example.com')).length, 2);
    await store.close();
  });

  test('one identity-provider subject binds to one account', async () => {
    const store = await open();
    const bound = { idp: 'wechat' as const, subject: 'union-1', boundAt: iso(T0) };
    const results = await Promise.all(
      [1, 2, 3].map(() => store.accounts.create(account({ connections: [bound] }), noLimits)),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.conflict === 'connection'));
    assert.ok(await store.accounts.findByConnection('jdcloud', 'wechat', 'union-1'));
    assert.equal(await store.accounts.findByConnection('jdcloud', 'qq', 'union-1'), undefined);
    await store.close();
  });

  test('updateAccount keeps the indexes right and refuses conflicts', async () => {
    const store = await open();
    const a = account({ accountName: 'a1', accountNameKey: 'a1', phone: '+8613800000001' });
    const b = account({ accountName: 'b1', accountNameKey: 'b1', phone: '+8613800000001' });
    await store.accounts.create(a, noLimits);
    await store.accounts.create(b, noLimits);

    await assert.rejects(
      store.accounts.update(b.id, (x) => ({ ...x, accountNameKey: 'a1' })),
      (e) => e instanceof StoreConflictError && e.conflict === 'accountName',
    );
    await assert.rejects(
      store.accounts.update(b.id, () => {
        throw new Error('abort');
      }),
      /abort/,
    );
    assert.equal((await store.accounts.get(b.id))?.accountNameKey, 'b1', 'nothing written after a refusal');

    const updated = await store.accounts.update(
      a.id,
      (x) => ({ ...x, accountName: 'a2', accountNameKey: 'a2', email: 'a@example.com' }),
      { emailUnique: true },
    );
    assert.equal(updated?.accountNameKey, 'a2');
    assert.equal(await store.accounts.findByName('jdcloud', 'a1'), undefined);
    assert.equal((await store.accounts.findByName('jdcloud', 'a2'))?.id, a.id);
    assert.equal((await store.accounts.findByEmail('jdcloud', 'a@example.com'))[0]?.id, a.id);
    await assert.rejects(
      store.accounts.update(b.id, (x) => ({ ...x, email: 'a@example.com' }), { emailUnique: true }),
      (e) => e instanceof StoreConflictError && e.conflict === 'email',
    );
    // The phone's first holder stays first after an edit (JD: only it may log in with it).
    assert.deepEqual(
      (await store.accounts.findByPhone('jdcloud', '+8613800000001')).map((x) => x.id),
      [a.id, b.id],
    );

    // A field the update leaves out is gone (a cleared contact email, PATCH /account/contact).
    await store.accounts.update(a.id, (x) => ({
      ...x,
      contactPhone: '+85251234567',
      contactEmail: 'c@example.com',
    }));
    await store.accounts.update(a.id, ({ contactEmail: _cleared, ...x }) => x);
    const contact = await store.accounts.get(a.id);
    assert.deepEqual([contact?.contactPhone, contact?.contactEmail], ['+85251234567', undefined]);

    // Records handed out are copies: changing one changes nothing in the store.
    updated!.accountNameKey = 'mutated';
    assert.equal((await store.accounts.get(a.id))?.accountNameKey, 'a2');
    assert.equal(await store.accounts.update('missing', (x) => x), undefined);
    await store.close();
  });

  test('sub-accounts and counts', async () => {
    const store = await open();
    const parent = account({ provider: 'qingcloud' });
    await store.accounts.create(parent, noLimits);
    await store.accounts.create(
      account({ provider: 'qingcloud', kind: 'sub', parentId: parent.id, email: 's1@example.com' }),
      noLimits,
    );
    await store.accounts.create(
      account({ provider: 'qingcloud', kind: 'sub', parentId: parent.id, email: 's2@example.com' }),
      noLimits,
    );
    assert.deepEqual(
      (await store.accounts.listSubaccounts(parent.id)).map((x) => x.email),
      ['s1@example.com', 's2@example.com'],
    );
    assert.equal(await store.accounts.count('qingcloud'), 3);
    assert.equal(await store.accounts.count('jdcloud'), 0);
    assert.equal(await store.accounts.count(), 3);
    await store.close();
  });
}
