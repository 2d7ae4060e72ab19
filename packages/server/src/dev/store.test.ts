import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoryStore } from '../store/lowdb.ts';
import type { Store } from '../store/types.ts';
import { devStoreOf, type IdpUserRecord } from './store.ts';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

// The lowdb store keeps dev records in its data file; another store leaves them to memory here.
const factories: [string, () => Promise<Store>][] = [
  ['kept by the store', () => createMemoryStore({ now: () => T0 })],
  ['in memory', async () => ({ ...(await createMemoryStore({ now: () => T0 })) })],
];

for (const [name, open] of factories) {
  describe(`dev store (${name})`, () => {
    test('identity-provider users are create-if-absent per provider and login', async () => {
      const store = await open();
      const user = (id: string, idp: IdpUserRecord['idp'] = 'jd'): IdpUserRecord => ({
        id,
        idp,
        loginKey: 'zhang',
        displayName: 'Zhang',
        unionid: `u-${id}`,
        createdAt: iso(T0),
      });
      const results = await Promise.all(
        ['a', 'b', 'c'].map((id) => devStoreOf(store).idpUsers.create(user(id))),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      const winner = (await devStoreOf(store).idpUsers.find('jd', 'zhang'))!;
      assert.ok(results.every((r) => r.ok || r.existing.id === winner.id));
      assert.deepEqual(await devStoreOf(store).idpUsers.create(user('d', 'wechat')), { ok: true });
      assert.equal((await devStoreOf(store).idpUsers.get('d'))?.idp, 'wechat');
      await store.close();
    });

    test('outbox: newest first, filtered, capped', async () => {
      const store = await open();
      for (let i = 0; i < 3; i++)
        await devStoreOf(store).outbox.add({
          channel: 'sms',
          provider: 'jdcloud',
          to: `+86138000000${i}`,
          purpose: 'login',
          code: `00000${i}`,
          text: `code ${i}`,
          sentAt: iso(T0 + i),
        });
      await devStoreOf(store).outbox.add({
        channel: 'email',
        provider: 'qingcloud',
        to: 'a@example.com',
        purpose: 'verify',
        link: 'http://x/verify',
        text: 'link',
        sentAt: iso(T0 + 9),
      });
      assert.deepEqual(
        (await devStoreOf(store).outbox.list({})).map((m) => m.text),
        ['link', 'code 2', 'code 1', 'code 0'],
      );
      assert.deepEqual(
        (await devStoreOf(store).outbox.list({ provider: 'jdcloud', limit: 2 })).map((m) => m.code),
        ['000002', '000001'],
      );
      assert.deepEqual(
        (await devStoreOf(store).outbox.list({ to: '+861380000000' })).map((m) => m.code),
        ['000000'],
      );
      await store.close();
    });
  });
}
