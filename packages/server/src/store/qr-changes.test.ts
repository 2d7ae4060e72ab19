/**
 * The in-process `QrChanges`. That a store publishes its QR changes is part of the store
 * conformance suite (`conformance/qr.ts`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createQrChanges } from './qr-changes.ts';

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
