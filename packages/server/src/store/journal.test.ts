import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { StoreFileError } from './files.ts';
import { encodeEntry, readJournal, type Op } from './journal.ts';

const dir = await mkdtemp(join(tmpdir(), 'cloud-login-journal-'));
after(() => rm(dir, { recursive: true, force: true }));

const session = {
  tokenHash: 'h1',
  accountId: 'a',
  provider: 'jdcloud',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-02T00:00:00.000Z',
} as const;
const ops: Op[] = [
  { put: 'sessions', value: session },
  {
    put: 'outbox',
    value: {
      channel: 'sms',
      to: '+86',
      purpose: 'login',
      text: 'line one\nline two\u2028',
      sentAt: session.createdAt,
    },
  },
  { del: 'grants', key: 'kind\u0000key' },
];

test('a line is the CRC-32 of its JSON, a space, the JSON and one newline', () => {
  const line = encodeEntry(7, ops).toString('utf8');
  assert.equal(line.indexOf('\n'), line.length - 1, 'newlines inside strings are escaped');
  const [sum, json] = [line.slice(0, 8), line.slice(9, -1)];
  assert.equal(sum, crc32(json).toString(16).padStart(8, '0'));
  assert.deepEqual(JSON.parse(json), { seq: 7, ops });
});

test('entries read back in order; a missing journal reads as empty', async () => {
  const file = join(dir, 'two');
  await writeFile(file, Buffer.concat([encodeEntry(1, ops), encodeEntry(2, [])]));
  const read = await readJournal(file);
  assert.deepEqual(read.entries, [
    { seq: 1, ops },
    { seq: 2, ops: [] },
  ]);
  assert.equal(read.tornBytes, 0);
  assert.deepEqual(await readJournal(join(dir, 'none')), { entries: [], goodBytes: 0, tornBytes: 0 });
});

test('entries the snapshot holds are checked but not parsed', async () => {
  const file = join(dir, 'skip');
  await writeFile(file, Buffer.concat([encodeEntry(1, ops), encodeEntry(2, ops), encodeEntry(3, ops)]));
  assert.deepEqual((await readJournal(file, 2)).entries, [
    { seq: 1, ops: [] },
    { seq: 2, ops: [] },
    { seq: 3, ops },
  ]);
  const damaged = Buffer.concat([encodeEntry(1, ops), encodeEntry(2, ops)]);
  damaged[20] = damaged[20]! ^ 1;
  await writeFile(file, damaged);
  await assert.rejects(readJournal(file, 2), /damaged at line 1/);
});

test('a bad last line is torn: left out, and its bytes counted for cutting off', async () => {
  const good = encodeEntry(1, ops);
  const last = encodeEntry(2, ops);
  for (const tail of [
    last.subarray(0, 20),
    Buffer.from('{"seq":2,"ops":[]}\n'),
    Buffer.concat([Buffer.from('ffffffff'), last.subarray(8)]),
    Buffer.alloc(30),
  ]) {
    const file = join(dir, 'torn');
    await writeFile(file, Buffer.concat([good, tail]));
    const read = await readJournal(file);
    assert.deepEqual(
      read.entries.map((e) => e.seq),
      [1],
    );
    assert.deepEqual([read.goodBytes, read.tornBytes], [good.length, tail.length]);
  }
});

test('a line that checks out but is not an entry counts as bad too', async () => {
  const json = '{"seq":1,"ops":[{"put":"passwords","value":{}}]}';
  const file = join(dir, 'foreign');
  await writeFile(
    file,
    Buffer.concat([
      Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} ${json}\n`),
      encodeEntry(2, []),
    ]),
  );
  await assert.rejects(
    readJournal(file),
    (error: Error) => error instanceof StoreFileError && /damaged at line 1/.test(error.message),
  );
});

test('a bad line with any line after it is damage: refused with where to cut', async () => {
  const file = join(dir, 'damaged');
  const first = encodeEntry(1, ops);
  await writeFile(file, Buffer.concat([first, Buffer.from('garbage\n'), encodeEntry(3, [])]));
  await assert.rejects(
    readJournal(file),
    (error: Error) =>
      error instanceof StoreFileError &&
      error.message.includes(`damaged at line 2 (byte ${first.length})`) &&
      error.message.includes(`truncate -s ${first.length} ${file}`),
  );
});
