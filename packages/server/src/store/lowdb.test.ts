/**
 * The lowdb store: the conformance suite on the file and in memory, then the file itself —
 * reopening, large snapshots, the journal's appends, group commit, compaction on a clean stop.
 * Opening what is on disk: lowdb-open.test.ts; crashes: lowdb-crash.test.ts.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { devStoreOf } from '../dev/store.ts';
import { account, code, iso, link, noLimits, qr, storeConformance, T0, ticket } from './conformance.ts';
import { createLowdbStore, createMemoryStore, DATA_FILE } from './index.ts';
import { JournalFile } from './journal.ts';
import type { SessionRecord } from './types.ts';
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

// The atomic rules hold for both adapters; the file-only behaviour is tested further down.
storeConformance('lowdb file', async (now) => createLowdbStore({ dir: await tempDir(), now }));
storeConformance('memory', (now) => createMemoryStore({ now }));

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
});
