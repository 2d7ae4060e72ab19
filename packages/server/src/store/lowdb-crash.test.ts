/** The lowdb store after a crash: the journal replayed, a damaged line, and compaction interrupted at any step. */
import assert from 'node:assert/strict';
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { account, noLimits, T0 } from './conformance.ts';
import { createLowdbStore, DATA_FILE, StoreFileError, type CompactionStep } from './index.ts';
import {
  crashCopy,
  JOURNAL,
  lines,
  OTHER_JOURNAL,
  readJson,
  session,
  size,
  tempDir,
} from './lowdb.testing.ts';

describe('lowdb journal after a crash', () => {
  /** A store with `n` sessions acknowledged, copied as a crash would leave it, and the copy's journal. */
  async function crashedWith(n: number): Promise<{ dir: string; journal: string }> {
    const live = await tempDir();
    const store = await createLowdbStore({ dir: live, now: () => T0 });
    for (let i = 0; i < n; i++) await store.sessions.put(session(`s${i}`));
    const dir = await crashCopy(live);
    await store.close();
    return { dir, journal: join(dir, JOURNAL) };
  }

  async function sessionsIn(dir: string, n: number): Promise<boolean[]> {
    const store = await createLowdbStore({ dir, now: () => T0 });
    const found = await Promise.all(
      Array.from(
        { length: n },
        async (_, i) => (await store.sessions.get(hashSecret(`s${i}`))) !== undefined,
      ),
    );
    await store.close();
    return found;
  }

  test('the journal replays on top of the snapshot', async () => {
    const { dir, journal } = await crashedWith(5);
    assert.equal((await readFile(journal, 'utf8')).split('\n').length, 6);
    assert.deepEqual(await sessionsIn(dir, 5), [true, true, true, true, true]);
  });

  for (const [label, tear] of [
    ['cut in the middle (no newline)', (line: string) => line.slice(0, 40)],
    ['complete but with a wrong checksum', (line: string) => `00000000${line.slice(8)}\n`],
    ['zeros where the data should be', (line: string) => '\0'.repeat(line.length)],
  ] as const) {
    test(`a torn last line is dropped, not fatal, and cut off before the next append: ${label}`, async () => {
      const { dir, journal } = await crashedWith(3);
      const text = await readFile(journal, 'utf8');
      const lines = text.split('\n');
      // The third commit's line, torn: it was never acknowledged.
      await writeFile(journal, lines.slice(0, 2).join('\n') + '\n' + tear(lines[2]!));
      assert.deepEqual(await sessionsIn(dir, 3), [true, true, false]);
      // The store that dropped it went on appending (its close compacted): writes after the tear, then a crash.
      const store = await createLowdbStore({ dir, now: () => T0 });
      await store.sessions.put(session('s2'));
      const again = await crashCopy(dir);
      await store.close();
      assert.deepEqual(await sessionsIn(again, 3), [true, true, true]);
    });
  }

  test('a damaged line with lines after it is refused, naming the line, and left untouched', async () => {
    const { dir, journal } = await crashedWith(3);
    const text = await readFile(journal, 'utf8');
    const damaged = text.replace(hashSecret('s0'), hashSecret('s9'));
    assert.notEqual(damaged, text);
    await writeFile(journal, damaged);
    await assert.rejects(
      createLowdbStore({ dir, now: () => T0 }),
      (error: Error) =>
        error instanceof StoreFileError &&
        error.message.includes(journal) &&
        /damaged at line 1 \(byte 0\)/.test(error.message) &&
        /not a torn last write/.test(error.message),
    );
    assert.equal(await readFile(journal, 'utf8'), damaged);
    // A line missing in the middle is refused too (a gap in the entries).
    const lines = text.split('\n');
    await writeFile(journal, [lines[0], lines[2], ''].join('\n'));
    await assert.rejects(
      createLowdbStore({ dir, now: () => T0 }),
      (error: Error) => error instanceof StoreFileError && /missing/.test(error.message),
    );
  });
});

describe('lowdb compaction', () => {
  test('starts once the journal passes the threshold, in the background, and switches the journals', async () => {
    const dir = await tempDir();
    const steps: CompactionStep[] = [];
    const store = await createLowdbStore({
      dir,
      now: () => T0,
      compactAfterBytes: 4000,
      afterCompactionStep: (step) => void steps.push(step),
    });
    let i = 0;
    while ((await size(join(dir, JOURNAL))) < 4000) await store.sessions.put(session(`s${i++}`));
    assert.equal(steps.length, 0, 'not before the threshold');
    await store.sessions.put(session(`s${i++}`)); // the commit that finds the journal past it
    // Commits go on while it runs.
    while (!steps.includes('rename')) await store.sessions.put(session(`s${i++}`));
    assert.deepEqual(steps, ['backup', 'reset', 'cut', 'temp', 'rename']);
    const data = await readJson(join(dir, DATA_FILE));
    assert.ok(
      data.seq > 0 && data.seq < i,
      `the snapshot holds the entries up to its cut (${data.seq} of ${i})`,
    );
    assert.equal(data.sessions.length, data.seq, 'one session per entry: exactly those');
    assert.equal(await lines(join(dir, JOURNAL)), data.seq, 'the first journal: the entries up to the cut');
    assert.equal(await lines(join(dir, OTHER_JOURNAL)), i - data.seq, 'the second: those after it');
    await store.close();
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    for (let k = 0; k < i; k++) assert.ok(await reopened.sessions.get(hashSecret(`s${k}`)), `s${k}`);
    await reopened.close();
  });

  test('a crash after any step of a compaction loses no acknowledged write (writes going on meanwhile)', async () => {
    const dir = await tempDir();
    const acked: string[] = [];
    /** Each step's crash copy, and what had been acknowledged when it was taken. */
    const crashes: { step: string; dir: string; acked: string[] }[] = [];
    const crash = async (step: string) => {
      const known = [...acked];
      crashes.push({ step, dir: await crashCopy(dir), acked: known });
    };
    const store = await createLowdbStore({
      dir,
      now: () => T0,
      compactAfterBytes: 3000,
      afterCompactionStep: crash,
    });
    // Writers that keep committing while compactions run, so appends land between and during the steps.
    let running = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; running; i++) {
        const name = `w${w}-${i}`;
        await store.accounts.create(account({ accountNameKey: name, industry: 'z'.repeat(200) }), noLimits);
        acked.push(name);
      }
    });
    while (crashes.filter((c) => c.step === 'rename').length < 3)
      await new Promise((done) => setTimeout(done, 5));
    running = false;
    await Promise.all(writers);
    await crash('before close');
    await store.close();
    await crash('after close');

    assert.deepEqual([...new Set(crashes.map((c) => c.step))].sort(), [
      'after close',
      'backup',
      'before close',
      'cut',
      'rename',
      'reset',
      'temp',
    ]);
    for (const { step, dir: copy, acked: known } of crashes) {
      const reopened = await createLowdbStore({ dir: copy, now: () => T0 });
      const missing = [];
      for (const name of known)
        if (!(await reopened.accounts.findByName('jdcloud', name))) missing.push(name);
      assert.deepEqual(missing, [], `crash after ${step}: acknowledged but lost`);
      await reopened.close();
    }
    // And in every state, the previous copy plus the journals reaches every write too.
    for (const { step, dir: copy, acked: known } of crashes.filter((c) => c.step !== 'after close')) {
      const bak = join(copy, `${DATA_FILE}.bak`);
      const hasBak = await stat(bak).then(
        () => true,
        () => false,
      );
      if (!hasBak) continue;
      await copyFile(bak, join(copy, DATA_FILE));
      const restored = await createLowdbStore({ dir: copy, now: () => T0 }).catch((error: Error) => error);
      if (restored instanceof Error) {
        // Refused rather than restored with a gap, which is the one acceptable outcome besides a full restore.
        assert.match(restored.message, /missing/, `${step}: ${restored.message}`);
        continue;
      }
      for (const name of known)
        assert.ok(
          await restored.accounts.findByName('jdcloud', name),
          `${step}: .bak + journals lost ${name}`,
        );
      await restored.close();
    }
  });
});
