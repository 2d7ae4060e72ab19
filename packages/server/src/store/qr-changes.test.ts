/**
 * QR change notification (`QrChanges`): the lowdb store tells the subscribers of a ticket after
 * each committed state move and claim, nobody else, and nothing once they have left.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { iso, qr, T0 } from './conformance.ts';
import { createMemoryStore } from './index.ts';
import { createQrChanges } from './qr-changes.ts';

test('the store publishes committed moves and claims of a ticket to its subscribers only', async () => {
  const store = await createMemoryStore({ now: () => T0 });
  try {
    await store.qr.put(qr('q1'));
    await store.qr.put(qr('q2'));
    const heard: string[] = [];
    const stop = store.qr.changes.subscribe('q1', () => heard.push('q1'));
    store.qr.changes.subscribe('q2', () => heard.push('q2'));
    const move = { accountId: 'acc_1', now: iso(T0) };
    assert.ok((await store.qr.advance('jdcloud', 'q1', { ...move, from: ['pending'], to: 'scanned' })).ok);
    assert.deepEqual(heard, ['q1']);
    // A refused move changes nothing and tells nobody.
    assert.equal(
      (await store.qr.advance('jdcloud', 'q1', { ...move, from: ['pending'], to: 'scanned' })).ok,
      false,
    );
    assert.deepEqual(heard, ['q1']);
    assert.ok((await store.qr.advance('jdcloud', 'q1', { ...move, from: ['scanned'], to: 'confirmed' })).ok);
    assert.ok((await store.qr.claim('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0))).ok);
    assert.deepEqual(heard, ['q1', 'q1', 'q1']);
    stop();
    assert.ok((await store.qr.advance('jdcloud', 'q2', { ...move, from: ['pending'], to: 'denied' })).ok);
    assert.deepEqual(heard, ['q1', 'q1', 'q1', 'q2'], 'an unsubscribed listener hears nothing more');
  } finally {
    await store.close();
  }
});

test('createQrChanges: one failing listener does not keep the others from hearing', () => {
  const changes = createQrChanges();
  const heard: number[] = [];
  const listener = () => heard.push(1);
  changes.subscribe('a', () => {
    throw new Error('broken stream');
  });
  const first = changes.subscribe('a', listener);
  changes.subscribe('a', listener);
  changes.publish('a');
  changes.publish('b');
  assert.deepEqual(heard, [1, 1]);
  first();
  changes.publish('a');
  assert.deepEqual(heard, [1, 1, 1], 'the same function subscribed twice is removed once');
});
