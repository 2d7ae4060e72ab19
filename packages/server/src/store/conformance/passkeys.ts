/** The store's passkeys: unique credential ids, bound to their account, counters that only move forward. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PasskeyRecord } from '../types.ts';
import { iso, T0, type OpenStore } from './fixtures.ts';

export function passkey(fields: Partial<PasskeyRecord> = {}): PasskeyRecord {
  return {
    id: 'cred-1',
    provider: 'default',
    accountId: 'account-a',
    publicKey: 'pQECAyYgASFYIA',
    counter: 0,
    deviceType: 'multiDevice',
    backedUp: true,
    name: 'Passkey',
    createdAt: iso(T0),
    ...fields,
  };
}

export function passkeysConformance(open: OpenStore): void {
  test('passkeys: a credential id is stored once, listed per account, renamed and deleted only by its account', async () => {
    const store = await open();
    assert.equal(await store.passkeys.create(passkey()), true);
    const again = await Promise.all(
      Array.from({ length: 5 }, () => store.passkeys.create(passkey({ accountId: 'account-b' }))),
    );
    assert.deepEqual(again, [false, false, false, false, false], 'another account cannot take the id');
    assert.equal((await store.passkeys.get('cred-1'))?.accountId, 'account-a');
    await store.passkeys.create(
      passkey({ id: 'cred-2', createdAt: iso(T0 + 1000), transports: ['internal'] }),
    );
    await store.passkeys.create(passkey({ id: 'cred-3', accountId: 'account-b' }));
    assert.deepEqual(
      (await store.passkeys.listOf('account-a')).map((p) => p.id),
      ['cred-1', 'cred-2'],
    );
    assert.deepEqual((await store.passkeys.get('cred-2'))?.transports, ['internal']);

    assert.equal(await store.passkeys.rename('account-b', 'cred-1', 'Stolen'), undefined);
    assert.equal((await store.passkeys.rename('account-a', 'cred-1', 'Laptop'))?.name, 'Laptop');
    assert.equal((await store.passkeys.get('cred-1'))?.name, 'Laptop');

    assert.equal(await store.passkeys.delete('account-b', 'cred-1'), false);
    assert.equal(await store.passkeys.delete('account-a', 'cred-1'), true);
    assert.equal(await store.passkeys.delete('account-a', 'cred-1'), false);
    assert.equal(await store.passkeys.get('cred-1'), undefined);
    assert.deepEqual(
      (await store.passkeys.listOf('account-a')).map((p) => p.id),
      ['cred-2'],
    );
    await store.close();
  });

  test('passkeys: a use moves the counter forward once; a stale or repeated counter is refused', async () => {
    const store = await open();
    await store.passkeys.create(passkey({ counter: 5, backedUp: false }));
    const uses = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.passkeys.recordUse('cred-1', { counter: 6, backedUp: true, at: iso(T0 + 60_000) }),
      ),
    );
    assert.equal(uses.filter(Boolean).length, 1, 'one counter value is accepted once');
    const used = await store.passkeys.get('cred-1');
    assert.equal(used?.counter, 6);
    assert.equal(used?.backedUp, true);
    assert.equal(used?.lastUsedAt, iso(T0 + 60_000));
    assert.equal(
      await store.passkeys.recordUse('cred-1', { counter: 3, backedUp: true, at: iso(T0) }),
      false,
    );
    assert.equal(
      await store.passkeys.recordUse('missing', { counter: 9, backedUp: true, at: iso(T0) }),
      false,
    );

    // An authenticator without a counter (always 0) signs in any number of times.
    await store.passkeys.create(passkey({ id: 'zero' }));
    assert.equal(await store.passkeys.recordUse('zero', { counter: 0, backedUp: true, at: iso(T0) }), true);
    assert.equal(await store.passkeys.recordUse('zero', { counter: 0, backedUp: true, at: iso(T0) }), true);
    await store.close();
  });
}
