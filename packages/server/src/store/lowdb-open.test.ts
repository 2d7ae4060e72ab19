/**
 * The lowdb store opening what is on disk: pruning expired records, an older file format, a
 * corrupt file, `.bak` and an older snapshot, a journal alone, the data directory's lock, and a
 * closed store.
 */
import assert from 'node:assert/strict';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { code, iso, qr, T0, ticket } from './conformance.ts';
import { createLowdbStore, DATA_FILE, StoreFileError } from './index.ts';
import type { SessionRecord } from './types.ts';
import { crashCopy, JOURNAL, OTHER_JOURNAL, readJson, session, tempDir } from './lowdb.testing.ts';

describe('lowdb file', () => {
  test('expired records are pruned when the store opens', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.sessions.put({
      tokenHash: hashSecret('old'),
      accountId: 'a',
      provider: 'jdcloud',
      createdAt: iso(T0),
      expiresAt: iso(T0 + 1000),
    });
    await store.codes.put(code());
    await store.tickets.put(ticket('t'));
    await store.qr.put(qr('q'));
    await store.grants.put({
      kind: 'k',
      key: 'g',
      data: {},
      createdAt: iso(T0),
      expiresAt: iso(T0 + 60_000),
    });
    await store.close();
    const later = await createLowdbStore({ dir, now: () => T0 + 25 * 3_600_000 });
    await later.sessions.put({
      tokenHash: hashSecret('new'),
      accountId: 'a',
      provider: 'jdcloud',
      createdAt: iso(T0),
      expiresAt: iso(T0 + 30 * 3_600_000),
    });
    // The removals travel in the journal with the next commit.
    const crashed = await crashCopy(dir);
    await later.close();
    for (const data of [
      await readJson(join(dir, DATA_FILE)),
      await (async () => {
        await (await createLowdbStore({ dir: crashed, now: () => T0 })).close();
        return readJson(join(crashed, DATA_FILE));
      })(),
    ]) {
      assert.deepEqual(
        data.sessions.map((s: { tokenHash: string }) => s.tokenHash),
        [hashSecret('new')],
      );
      assert.deepEqual(data.codes, []);
      assert.deepEqual(data.tickets, []);
      assert.deepEqual(data.qr, []);
      assert.deepEqual(data.grants, []);
    }
  });

  test('a version-1 file from before QR, grants, identity-provider users and the journal opens', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, DATA_FILE),
      JSON.stringify({
        version: 1,
        accounts: [],
        sessions: [],
        codes: [],
        tickets: [],
        emailLinks: [],
        outbox: [],
      }),
    );
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.qr.put(qr('q'));
    assert.equal((await store.qr.get('q'))?.status, 'pending');
    await store.close();
    assert.equal((await readJson(join(dir, DATA_FILE))).seq, 1);
    await rm(join(dir, JOURNAL));
    await rm(join(dir, OTHER_JOURNAL));
    await writeFile(
      join(dir, DATA_FILE),
      JSON.stringify({
        version: 1,
        accounts: [],
        sessions: [],
        codes: [],
        tickets: [],
        emailLinks: [],
        outbox: [],
        qr: {},
      }),
    );
    await assert.rejects(createLowdbStore({ dir }), StoreFileError);
  });

  test('a corrupt file stops the start with an error naming it, and is left untouched', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    for (const content of [
      '{"version":1,"accounts":[{"id":',
      '[1,2,3]',
      'null',
      '',
      '{"version":2}',
      '{"version":1,"seq":-1,"accounts":[],"sessions":[],"codes":[],"tickets":[],"emailLinks":[],"outbox":[]}',
    ]) {
      await writeFile(file, content);
      await assert.rejects(
        createLowdbStore({ dir }),
        (error: Error) => error instanceof StoreFileError && error.message.includes(file),
      );
      assert.equal(await readFile(file, 'utf8'), content);
    }
    // The failed starts released the lock: a good file opens again.
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        accounts: [],
        sessions: [],
        codes: [],
        tickets: [],
        emailLinks: [],
        outbox: [],
      }),
    );
    await (await createLowdbStore({ dir })).close();
  });

  test('.bak is the snapshot before the last compaction, and with the journals it reaches every write', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    let store = await createLowdbStore({ dir, now: () => T0 });
    await store.sessions.put(session('one'));
    await store.close(); // compaction 1: .bak = the empty first snapshot
    store = await createLowdbStore({ dir, now: () => T0 });
    await store.sessions.put(session('two'));
    await store.close(); // compaction 2: .bak = the snapshot with `one`; `two` is in the journal that leads on from it
    const previous = await readJson(`${file}.bak`);
    assert.deepEqual(
      previous.sessions.map((s: SessionRecord) => s.tokenHash),
      [hashSecret('one')],
    );

    const good = await readFile(`${file}.bak`, 'utf8');
    await writeFile(file, '{"version":1,"accounts":[{"id":'); // half-written
    await assert.rejects(
      createLowdbStore({ dir }),
      (error: Error) =>
        error instanceof StoreFileError &&
        error.message.includes(`${file}.bak`) &&
        /previous good copy/.test(error.message),
    );
    assert.equal(
      await readFile(`${file}.bak`, 'utf8'),
      good,
      'a refused start leaves the previous copy alone',
    );

    // Put back as the message says: nothing is lost, the journal replays what came after it.
    await copyFile(`${file}.bak`, file);
    const restored = await createLowdbStore({ dir, now: () => T0 });
    assert.ok(await restored.sessions.get(hashSecret('one')));
    assert.ok(await restored.sessions.get(hashSecret('two')));
    await restored.close();
  });

  test('an older snapshot put back without the journal that leads from it is refused, not replayed with a gap', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    const backup = join(await tempDir(), 'backup.json');
    for (const name of ['one', 'two', 'three']) {
      const store = await createLowdbStore({ dir, now: () => T0 });
      await store.sessions.put(session(name));
      await store.close();
      if (name === 'one') await copyFile(file, backup); // an operator's backup, one entry in
    }
    // Now: the snapshot at entry 3, `.bak` at entry 2, one journal holding entry 3.
    await copyFile(file, `${file}.current`);
    await copyFile(backup, file);
    await assert.rejects(
      createLowdbStore({ dir, now: () => T0 }),
      (error: Error) =>
        error instanceof StoreFileError &&
        /entries up to 1/.test(error.message) &&
        /missing/.test(error.message),
    );
    // Entry 2 is what is missing; `.bak` (at entry 2) goes on with that journal and opens whole.
    await copyFile(`${file}.bak`, file);
    const restored = await createLowdbStore({ dir, now: () => T0 });
    for (const name of ['one', 'two', 'three'])
      assert.ok(await restored.sessions.get(hashSecret(name)), name);
    await restored.close();
  });

  test('a journal without its data file is refused', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.sessions.put(session('one'));
    const crashed = await crashCopy(dir);
    await store.close();
    await rm(join(crashed, DATA_FILE));
    await assert.rejects(
      createLowdbStore({ dir: crashed }),
      (error: Error) =>
        error instanceof StoreFileError && error.message.includes(JOURNAL) && /is not/.test(error.message),
    );
    // Moved away with it, the store starts empty.
    await rm(join(crashed, JOURNAL));
    await rm(join(crashed, OTHER_JOURNAL));
    const fresh = await createLowdbStore({ dir: crashed, now: () => T0 });
    assert.equal(await fresh.sessions.get(hashSecret('one')), undefined);
    await fresh.close();
  });

  test('one data file, one store: a second open is refused until the first closes', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir });
    await assert.rejects(createLowdbStore({ dir }), StoreFileError);
    await store.close();
    await (await createLowdbStore({ dir })).close();
  });

  test('a lock held by a live process is respected; a stale one is taken over', async () => {
    const dir = await tempDir();
    const lock = join(dir, `${DATA_FILE}.lock`);
    await writeFile(lock, String(process.ppid));
    await assert.rejects(
      createLowdbStore({ dir }),
      (error: Error) => error instanceof StoreFileError && error.message.includes(`process ${process.ppid}`),
    );
    await writeFile(lock, '2147483646');
    await (await createLowdbStore({ dir })).close();
  });

  test('a closed store refuses writes', async () => {
    const store = await createLowdbStore({ dir: await tempDir() });
    await store.close();
    await assert.rejects(
      store.sessions.put({
        tokenHash: 'x',
        accountId: 'a',
        provider: 'jdcloud',
        createdAt: iso(T0),
        expiresAt: iso(T0),
      }),
      /closed/,
    );
  });
});
