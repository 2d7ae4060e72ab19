import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { devStoreOf } from '../dev/store.ts';
import { account, code, iso, link, noLimits, qr, storeConformance, T0, ticket } from './conformance.ts';
import {
  createLowdbStore,
  createMemoryStore,
  DATA_FILE,
  StoreFileError,
  type CompactionStep,
} from './index.ts';
import { JournalFile } from './journal.ts';
import type { SessionRecord } from './types.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cloud-login-store-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

// The atomic rules hold for both adapters; the file-only behaviour is tested further down.
storeConformance('lowdb file', async (now) => createLowdbStore({ dir: await tempDir(), now }));
storeConformance('memory', (now) => createMemoryStore({ now }));

/** The two journal files: the first takes the appends of a new store; a compaction switches them. */
const JOURNAL = `${DATA_FILE}.journal-a`;
const OTHER_JOURNAL = `${DATA_FILE}.journal-b`;
const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;

/**
 * The directory as a crash right now would leave it: every file but the lock copied elsewhere
 * (what is fsynced is what a crash keeps; a copy also sees what is not, which only makes the
 * test harder to pass). The store keeps running; the copy opens as a restart would.
 */
async function crashCopy(dir: string): Promise<string> {
  const copy = await tempDir();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.lock')) await copyFile(join(dir, name), join(copy, name)).catch(() => {}); // a temp file may go meanwhile
  }
  return copy;
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const size = async (file: string) => (await stat(file)).size;
const session = (name: string): SessionRecord => ({
  tokenHash: hashSecret(name),
  accountId: 'a',
  provider: 'jdcloud',
  createdAt: iso(T0),
  expiresAt: iso(T0 + 3_600_000),
});

describe('lowdb file', () => {
  test('data survives closing and reopening', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    const a = account({
      accountName: 'Keep',
      accountNameKey: 'keep',
      phone: '+8613800138000',
      email: 'k@example.com',
      connections: [{ idp: 'qq', subject: 'o1', boundAt: iso(T0) }],
    });
    await store.accounts.create(a, noLimits);
    await store.sessions.put({
      tokenHash: hashSecret('s'),
      accountId: a.id,
      provider: 'jdcloud',
      createdAt: iso(T0),
      expiresAt: iso(T0 + 3_600_000),
    });
    await store.codes.put(code());
    await store.codes.check('jdcloud', '+8613800138000', 'login', hashSecret('999999'), iso(T0), 5);
    await store.tickets.put(ticket('t'));
    await store.emailLinks.put(link('l'));
    await devStoreOf(store).outbox.add({
      channel: 'voice',
      to: '+8613800138000',
      purpose: 'login',
      code: '123456',
      text: 'code',
      sentAt: iso(T0),
    });
    await store.qr.put(qr('q'));
    await store.qr.advance('jdcloud', 'q', {
      from: ['pending'],
      to: 'confirmed',
      accountId: a.id,
      now: iso(T0),
    });
    await store.grants.put({
      kind: 'k',
      key: 'g',
      data: { x: 1 },
      createdAt: iso(T0),
      expiresAt: iso(T0 + 60_000),
    });
    await devStoreOf(store).idpUsers.create({
      id: 'u',
      idp: 'qq',
      loginKey: 'q',
      displayName: 'Q',
      unionid: 'uq',
      createdAt: iso(T0),
    });
    // Both ways back: from the journal (a crash now), and from the snapshot (a clean stop).
    const crashed = await crashCopy(dir);
    await store.close();

    for (const [how, from] of [
      ['journal replay', crashed],
      ['snapshot', dir],
    ] as const) {
      const reopened = await createLowdbStore({ dir: from, now: () => T0 });
      assert.deepEqual(await reopened.accounts.findByName('jdcloud', 'keep'), a, how);
      assert.equal((await reopened.accounts.findByPhone('jdcloud', '+8613800138000'))[0]?.id, a.id);
      assert.equal((await reopened.accounts.findByEmail('jdcloud', 'k@example.com'))[0]?.id, a.id);
      assert.equal((await reopened.accounts.findByConnection('jdcloud', 'qq', 'o1'))?.id, a.id);
      assert.equal((await reopened.sessions.get(hashSecret('s')))?.accountId, a.id);
      assert.deepEqual(
        await reopened.codes.check('jdcloud', '+8613800138000', 'login', hashSecret('999999'), iso(T0), 5),
        { ok: false, reason: 'wrong', remaining: 3 },
        `${how}: the wrong try before the restart still counts`,
      );
      assert.ok(await reopened.tickets.consume('qingcloud', hashSecret('t'), iso(T0)));
      assert.equal((await reopened.emailLinks.consume(hashSecret('l'), iso(T0))).ok, true);
      assert.equal((await devStoreOf(reopened).outbox.list({}))[0]?.channel, 'voice');
      assert.equal(
        (await reopened.qr.claim('jdcloud', 'q', hashSecret('secret-q'), iso(T0))).ok,
        true,
        `${how}: a confirmed QR survives a restart`,
      );
      assert.deepEqual((await reopened.grants.consume('k', 'g', iso(T0)))?.data, { x: 1 });
      assert.equal((await devStoreOf(reopened).idpUsers.find('qq', 'q'))?.id, 'u');
      await reopened.close();
    }
  });

  test('a snapshot of several megabytes is written in pieces and reads back equal', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    const accounts = Array.from({ length: 3000 }, (_, i) =>
      account({
        accountName: `名字-${i}`,
        accountNameKey: `名字-${i}`,
        industry: 'x'.repeat(1000),
        agreements: ['a\u2028b"c\n'],
      }),
    );
    await Promise.all(accounts.map((a) => store.accounts.create(a, noLimits)));
    await store.close();
    assert.ok((await size(join(dir, DATA_FILE))) > 3_000_000);
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    assert.equal(await reopened.accounts.count(), 3000);
    assert.deepEqual(await reopened.accounts.get(accounts[2999]!.id), accounts[2999]);
    assert.deepEqual(await reopened.accounts.findByName('jdcloud', '名字-1234'), accounts[1234]);
    await reopened.close();
  });

  test('an acknowledged write is in the journal at once, and a commit appends only its own bytes', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    // A new store writes its (empty) snapshot at once.
    assert.deepEqual((await readJson(join(dir, DATA_FILE))).accounts, []);
    await Promise.all(
      Array.from({ length: 500 }, () =>
        store.accounts.create(account({ industry: 'y'.repeat(500) }), noLimits),
      ),
    );
    const before = await size(join(dir, JOURNAL));
    const a = account({ accountNameKey: 'durable' });
    await store.accounts.create(a, noLimits);
    const lines = (await readFile(join(dir, JOURNAL), 'utf8')).split('\n');
    assert.equal(lines.at(-1), '', 'every line ends');
    const last = lines.at(-2)!;
    assert.match(last, /^[0-9a-f]{8} \{"seq":\d+,"ops":\[\{"put":"accounts","value":\{"id":/);
    assert.ok(last.includes(a.id));
    assert.equal(
      await size(join(dir, JOURNAL)),
      before + Buffer.byteLength(last) + 1,
      'the commit appended one line',
    );
    assert.ok(
      Buffer.byteLength(last) < 1000,
      `one account, one small line (${Buffer.byteLength(last)} bytes), with 500 accounts in the store`,
    );
    assert.deepEqual((await readJson(join(dir, DATA_FILE))).accounts, [], 'the snapshot was not rewritten');
    await store.close();
  });

  test('parallel mutations share journal appends (group commit)', async () => {
    const append = JournalFile.prototype.append;
    let appends = 0;
    JournalFile.prototype.append = function (this: JournalFile, line: Buffer) {
      appends++;
      return append.call(this, line);
    };
    try {
      const store = await createLowdbStore({ dir: await tempDir(), now: () => T0 });
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.sessions.put(session(`s${i}`))));
      assert.ok(appends >= 1 && appends <= 3, `100 mutations took ${appends} appends`);
      await store.close();
    } finally {
      JournalFile.prototype.append = append;
    }
  });

  test('a clean stop compacts: the snapshot holds everything, and the next start appends to an empty journal', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.sessions.put(session('one'));
    await store.sessions.put(session('two'));
    assert.equal(await lines(join(dir, JOURNAL)), 2);
    await store.close();
    const data = await readJson(join(dir, DATA_FILE));
    assert.equal(data.seq, 2, 'the snapshot names the last journal entry it holds');
    assert.deepEqual(
      data.sessions.map((s: SessionRecord) => s.tokenHash),
      [hashSecret('one'), hashSecret('two')],
    );
    // The first journal keeps its entries (they lead from .bak to this snapshot); the other is empty.
    assert.deepEqual([await lines(join(dir, JOURNAL)), await size(join(dir, OTHER_JOURNAL))], [2, 0]);
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    assert.ok(await reopened.sessions.get(hashSecret('two')));
    await reopened.sessions.put(session('three'));
    assert.deepEqual(
      [await lines(join(dir, JOURNAL)), await lines(join(dir, OTHER_JOURNAL))],
      [2, 1],
      'appends go to the empty one',
    );
    await reopened.close();
    const again = await createLowdbStore({ dir, now: () => T0 });
    await again.close();
    assert.equal((await readJson(join(dir, DATA_FILE))).seq, 3, 'nothing changed: nothing to compact');
  });

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
