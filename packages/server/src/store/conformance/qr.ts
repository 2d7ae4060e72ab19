/** The store's QR logins: the state machine, and the session claimed once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../../crypto.ts';
import { type QrState } from '../types.ts';
import { iso, qr, T0, type OpenStore } from './fixtures.ts';

export function qrConformance(open: OpenStore): void {
  test('QR: pending → scanned → confirmed by one account, refused after expiry', async () => {
    const store = await open();
    await store.qr.put(qr('q1'));
    const move = (to: QrState, from: QrState[], accountId = 'acc-1', now = T0 + 1000) =>
      store.qr.advance('jdcloud', 'q1', { from, to, accountId, now: iso(now) });
    assert.equal(
      (await move('confirmed', ['scanned'])).ok,
      false,
      'cannot confirm before a scan when only scanned is allowed',
    );
    const scanned = await move('scanned', ['pending']);
    assert.ok(scanned.ok);
    assert.equal(scanned.record.accountId, 'acc-1');
    assert.deepEqual(
      await move('confirmed', ['scanned'], 'acc-2'),
      { ok: false, reason: 'state', record: scanned.record },
      'another account cannot confirm',
    );
    assert.equal(
      (
        await store.qr.advance('qingcloud', 'q1', {
          from: ['scanned'],
          to: 'confirmed',
          accountId: 'acc-1',
          now: iso(T0),
        })
      ).ok,
      false,
      'provider-bound',
    );
    const confirmed = await move('confirmed', ['scanned']);
    assert.ok(confirmed.ok);
    assert.equal(confirmed.record.decidedAt, iso(T0 + 1000));
    assert.equal((await move('denied', ['pending', 'scanned'])).ok, false, 'a decision is final');

    await store.qr.put(qr('q2'));
    const late = await store.qr.advance('jdcloud', 'q2', {
      from: ['pending'],
      to: 'scanned',
      accountId: 'a',
      now: iso(T0 + 120_000),
    });
    assert.equal(!late.ok && late.reason, 'expired');
    assert.equal(
      (
        await store.qr.advance('jdcloud', 'nope', {
          from: ['pending'],
          to: 'scanned',
          accountId: 'a',
          now: iso(T0),
        })
      ).ok,
      false,
    );
    await store.close();
  });

  test('QR: the confirmed session is claimed once, by the secret holder only, also in parallel', async () => {
    const store = await open();
    await store.qr.put(qr('q1'));
    assert.deepEqual(
      (await store.qr.claim('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0))).ok,
      false,
      'not before confirmation',
    );
    await store.qr.advance('jdcloud', 'q1', {
      from: ['pending'],
      to: 'confirmed',
      accountId: 'acc',
      now: iso(T0),
    });
    assert.deepEqual(await store.qr.claim('jdcloud', 'q1', hashSecret('wrong'), iso(T0)), {
      ok: false,
      reason: 'missing',
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.qr.claim('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0 + 5))),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.reason === 'claimed'));
    assert.equal((await store.qr.get('q1'))?.claimedAt, iso(T0 + 5));
    await store.close();
  });

  test('QR: committed moves and claims are published to that ticket’s subscribers (qr.changes)', async () => {
    const store = await open();
    await store.qr.put(qr('q1'));
    await store.qr.put(qr('q2'));
    const heard: string[] = [];
    const stop = store.qr.changes.subscribe('q1', () => heard.push('q1'));
    store.qr.changes.subscribe('q2', () => heard.push('q2'));
    const move = { accountId: 'acc-1', now: iso(T0) };
    assert.ok((await store.qr.advance('jdcloud', 'q1', { ...move, from: ['pending'], to: 'scanned' })).ok);
    assert.deepEqual(heard, ['q1']);
    const refused = await store.qr.advance('jdcloud', 'q1', { ...move, from: ['pending'], to: 'scanned' });
    assert.equal(refused.ok, false);
    assert.deepEqual(heard, ['q1'], 'a refused move tells nobody');
    assert.ok((await store.qr.advance('jdcloud', 'q1', { ...move, from: ['scanned'], to: 'confirmed' })).ok);
    assert.ok((await store.qr.claim('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0))).ok);
    assert.deepEqual(heard, ['q1', 'q1', 'q1']);
    stop();
    assert.ok((await store.qr.advance('jdcloud', 'q2', { ...move, from: ['pending'], to: 'denied' })).ok);
    assert.deepEqual(heard, ['q1', 'q1', 'q1', 'q2'], 'nothing more once unsubscribed');
    await store.close();
  });
}
