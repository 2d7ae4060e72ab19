/**
 * The optional parts of a store several processes share: throttle counters (`hits`) and flow
 * locks (`locks`). Skipped for a store without them (the server then keeps both in memory).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, type OpenStore } from './fixtures.ts';

export function sharedConformance(open: OpenStore): void {
  test('hits: at most `limit` of parallel hits pass; peek, release, reset; the window slides', async (t) => {
    const store = await open();
    const hits = store.hits;
    if (!hits) {
      await store.close();
      return t.skip('no shared counters');
    }
    const results = await Promise.all(Array.from({ length: 30 }, () => hits.hit('k', 20, 60_000, T0)));
    assert.equal(results.filter((r) => r.ok).length, 20);
    assert.deepEqual(await hits.peek('k', 20, 60_000, T0 + 1000), { ok: false, retryAfter: 59 });
    await hits.release('k');
    assert.deepEqual(await hits.hit('k', 20, 60_000, T0 + 1000), { ok: true, remaining: 0 });
    assert.equal((await hits.hit('k', 20, 60_000, T0 + 1000)).ok, false, 'a refused hit does not count');
    assert.deepEqual(await hits.peek('other', 20, 60_000, T0), { ok: true, remaining: 20 }, 'keys are apart');
    assert.equal(
      (await hits.hit('k', 20, 60_000, T0 + 60_000)).ok,
      true,
      'the window slid past the first hits',
    );
    await hits.reset('k');
    assert.deepEqual(await hits.peek('k', 20, 60_000, T0 + 60_000), { ok: true, remaining: 20 });
    await store.close();
  });

  test('hit steps: in order, a refusal with stop skips the rest; parallel series stay within limits', async (t) => {
    const store = await open();
    const hits = store.hits;
    if (!hits?.steps) {
      await store.close();
      return t.skip('no batched steps');
    }
    const series = (now: number) =>
      hits.steps!(
        [
          { op: 'peek', key: 'budget', limit: 1, windowMs: 60_000, stop: true },
          { op: 'hit', key: 'address', limit: 3, windowMs: 60_000, stop: true },
          { op: 'hit', key: 'pair', limit: 1, windowMs: 60_000 },
          { op: 'hit', key: 'account', limit: 10, windowMs: 60_000 },
        ],
        now,
      );
    const parallel = await Promise.all(Array.from({ length: 5 }, () => series(T0)));
    const passed = parallel.filter((answers) => answers[1]?.ok);
    assert.equal(passed.length, 3, 'the address lets three through');
    assert.equal(passed.filter((answers) => answers[2]?.ok).length, 1, 'the pair one');
    assert.ok(
      passed.every((answers) => answers[3]?.ok),
      'a refused pair does not stop the account',
    );
    for (const answers of parallel.filter((answers) => !answers[1]?.ok)) {
      assert.deepEqual(answers[1], { ok: false, retryAfter: 60 });
      assert.deepEqual(answers.slice(2), [undefined, undefined], 'skipped after the refusal');
    }
    assert.deepEqual(await hits.peek('account', 10, 60_000, T0), { ok: true, remaining: 7 });

    assert.deepEqual(
      await hits.steps(
        [
          { op: 'release', key: 'address' },
          { op: 'reset', key: 'pair' },
          { op: 'hit', key: 'pair', limit: 1, windowMs: 60_000 },
        ],
        T0 + 1000,
      ),
      [undefined, undefined, { ok: true, remaining: 0 }],
    );
    assert.deepEqual(await hits.peek('address', 3, 60_000, T0 + 1000), { ok: true, remaining: 1 });

    await hits.hit('budget', 1, 60_000, T0 + 2000);
    assert.deepEqual(await series(T0 + 3000), [
      { ok: false, retryAfter: 59 },
      undefined,
      undefined,
      undefined,
    ]);
    assert.deepEqual(await hits.peek('address', 3, 60_000, T0 + 3000), { ok: true, remaining: 1 }, 'not hit');
    assert.deepEqual(await hits.steps([], T0), []);
    await store.close();
  });

  test('locks: work on one key never overlaps; other keys run alongside', async (t) => {
    const store = await open();
    const locks = store.locks;
    if (!locks) {
      await store.close();
      return t.skip('no shared locks');
    }
    let inside = 0;
    let most = 0;
    const work = () =>
      locks.run(['phone:1', 'email:1'], async () => {
        most = Math.max(most, ++inside);
        await new Promise((tick) => setTimeout(tick, 5));
        inside--;
        return 'done';
      });
    assert.deepEqual(await Promise.all([work(), work(), work()]), ['done', 'done', 'done']);
    assert.equal(most, 1);
    await assert.rejects(
      locks.run(['phone:1'], async () => {
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal(
      await locks.run(['phone:1'], async () => 'free again'),
      'free again',
      'a failed holder lets go',
    );
    await store.close();
  });
}
