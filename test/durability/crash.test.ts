/**
 * Durability of the lowdb store, against the real CLI process (issue 6, "Durability"):
 *
 * - registrations streamed at the server, which is SIGKILLed in the middle — no flush, no
 *   shutdown hook — then restarted on the same data: every acknowledged registration is there
 *   (its account, its session, its email index), and the file on disk parses;
 * - a second server on the same DATA_DIR refuses to start, with a one-line message naming the
 *   owner, and the first keeps serving;
 * - a corrupt or half-written file stops the start with a clear message that names the previous
 *   good copy (`cloud-login.json.bak`), which is kept and restores.
 *
 * The store keeps a snapshot (`cloud-login.json`) and a journal of the commits since, in two
 * files used in turn (`.journal-a`, `.journal-b`); `storeOnDisk` reads all three the way the
 * format is documented, without the store's code.
 */
import assert from 'node:assert/strict';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { client, figure, launchCli, startCli, tempDir, type Client } from '../support/server.ts';

const DATA_FILE = 'cloud-login.json';
/** `default` preset: email + password, one hash per registration, no code needed. */
const PROVIDER = 'default';
const PASSWORD = 'durable-pass-2024';
const WORKERS = 6;
const ROUNDS = 3;

interface Acked {
  email: string;
  token: string;
}

/**
 * Registers accounts from `WORKERS` parallel loops until the server goes away. A registration
 * counts as acknowledged only once its whole 201 answer was read.
 */
async function streamRegistrations(
  api: Client,
  prefix: string,
  acked: Acked[],
  onFirstAck: () => void,
): Promise<{ sent: number }> {
  let sent = 0;
  let next = 0;
  let alive = true;
  let first = true;
  const worker = async () => {
    while (alive) {
      const email = `${prefix}-${next++}@durable.example`;
      sent++;
      try {
        const answer = await api.post(`/api/${PROVIDER}/accounts`, { email, password: PASSWORD });
        if (answer.status !== 201) throw new Error(`registration answered ${answer.status}: ${answer.text}`);
        acked.push({ email, token: answer.body.session.token });
        if (first) onFirstAck();
        first = false;
      } catch (error) {
        alive = false;
        // Otherwise the server is gone: connection refused or reset mid-answer (never acknowledged).
        if ((error as Error).message.startsWith('registration answered')) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { sent };
}

async function readData(dir: string): Promise<{ accounts: { email?: string }[] }> {
  return JSON.parse(await readFile(join(dir, DATA_FILE), 'utf8'));
}

/**
 * The accounts on disk: the snapshot, then each journal line (`crc32hex {"seq":N,"ops":[…]}`)
 * whose checksum holds. Only a file's last line may fail it (an append the kill tore, never
 * acknowledged); anything else fails the test.
 */
async function storeOnDisk(dir: string): Promise<{ emails: Set<string>; snapshot: number; journal: number }> {
  const data = await readData(dir);
  const emails = new Set(data.accounts.map((account) => account.email!));
  let journal = 0;
  for (const name of [`${DATA_FILE}.journal-a`, `${DATA_FILE}.journal-b`]) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    const lines = text === '' ? [] : text.split('\n');
    if (lines.at(-1) === '') lines.pop(); // after the last newline
    lines.forEach((line, i) => {
      const json = line.slice(9);
      const sound = line.length > 9 && crc32(json).toString(16).padStart(8, '0') === line.slice(0, 8);
      if (!sound) {
        assert.ok(
          i === lines.length - 1,
          `${name} line ${i + 1} is damaged: ${JSON.stringify(line.slice(0, 80))}`,
        );
        return;
      }
      journal++;
      for (const op of JSON.parse(json).ops) if (op.put === 'accounts') emails.add(op.value.email);
    });
  }
  return { emails, snapshot: data.accounts.length, journal };
}

describe('durability (real CLI process)', () => {
  test('SIGKILL while registrations stream in: every acknowledged one survives the restart', async () => {
    const dir = await tempDir('cl-durable-');
    const acked: Acked[] = [];
    const perRound: string[] = [];
    let cleanup = async () => {};
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        // The stream comes from one address, faster than its registration window allows.
        const server = await startCli({ dataDir: dir.path, env: { REGISTER_PER_ADDRESS: '100000' } });
        cleanup = () => server.kill();
        const api = client(server.base);
        // Everything acknowledged before this kill (earlier rounds) is still there after the restart.
        for (const { email, token } of acked) {
          const me = await api.get(`/api/${PROVIDER}/session`, { token });
          assert.equal(me.status, 200, `round ${round}: session of ${email} lost`);
          assert.equal(me.body.account.email, email);
        }
        const before = acked.length;
        const killAfter = 150 + Math.floor(Math.random() * 500);
        let killed: Promise<void> | undefined;
        const { sent } = await streamRegistrations(api, `r${round}`, acked, () => {
          killed = new Promise((done) => setTimeout(() => void server.kill().then(done), killAfter));
        });
        await killed;
        assert.ok(acked.length > before, `round ${round}: nothing was acknowledged before the kill`);
        assert.equal(server.child.signalCode, 'SIGKILL');

        // The files on disk read (the snapshot parses, the journal's lines check out but for a
        // torn last one) and hold every acknowledged account, before any restart.
        const disk = await storeOnDisk(dir.path);
        const missing = acked.filter(({ email }) => !disk.emails.has(email));
        assert.deepEqual(missing, [], `round ${round}: acknowledged but not on disk`);
        perRound.push(
          `round ${round}: killed ${killAfter} ms after the first ack, ${acked.length - before} acknowledged of ${sent} sent, ` +
            `${disk.emails.size} accounts on disk (${disk.snapshot} in the snapshot, the rest in ${disk.journal} journal entries)`,
        );
      }

      // The last restart: sessions, and the email index rebuilt from the file.
      const server = await startCli({ dataDir: dir.path });
      try {
        const api = client(server.base);
        let present = 0;
        for (const { email, token } of acked) {
          const me = await api.get(`/api/${PROVIDER}/session`, { token });
          if (me.status === 200 && me.body.account.email === email) present++;
        }
        assert.equal(present, acked.length);
        // An unverified email does not block a new registration (SECURITY.md, squatting), so the
        // email index shows in a sign-in by email finding its account again.
        const again = await api.post(`/api/${PROVIDER}/sessions`, {
          identifier: acked[0]!.email,
          password: PASSWORD,
        });
        assert.equal(again.status, 200);
        assert.equal(again.body.account.email, acked[0]!.email);
        for (const line of perRound) figure(`durability: ${line}`);
        figure(
          `durability: kills survived ${ROUNDS}, acknowledged registrations ${acked.length}, present after restart ${present}`,
        );
      } finally {
        assert.equal(await server.stop(), 0);
      }
    } finally {
      await cleanup(); // a failed round must not leave its server running
      await dir.remove();
    }
  });

  test('a second server on the same DATA_DIR refuses to start, with a clear message', async () => {
    const dir = await tempDir('cl-durable-');
    const first = await startCli({ dataDir: dir.path });
    try {
      const api = client(first.base);
      const registered = await api.post(`/api/${PROVIDER}/accounts`, {
        email: 'owner@durable.example',
        password: PASSWORD,
      });
      assert.equal(registered.status, 201);

      const second = await launchCli({ dataDir: dir.path });
      if (second.listening) {
        await second.server.stop();
        assert.fail('a second server started on a data directory in use');
      }
      assert.equal(second.code, 1);
      assert.match(second.output, new RegExp(`data file .*${DATA_FILE} is in use by process ${first.pid}`));
      assert.doesNotMatch(second.output, /\n\s+at /, 'a message, not a stack trace');
      figure(`durability: second server refused: ${second.output.trim()}`);

      // The owner was not disturbed.
      assert.equal(
        (await api.get(`/api/${PROVIDER}/session`, { token: registered.body.session.token })).status,
        200,
      );
      assert.deepEqual([...(await storeOnDisk(dir.path)).emails], ['owner@durable.example']);
    } finally {
      assert.equal(await first.stop(), 0);
      await dir.remove();
    }
  });

  test('a corrupt or half-written file stops the start; the previous good copy is kept and restores', async () => {
    const dir = await tempDir('cl-durable-');
    const file = join(dir.path, DATA_FILE);
    try {
      // Two runs, each stopped cleanly (a clean stop compacts): `.bak` is then the snapshot of
      // the first run, and one of the journals holds the second run's commits that lead on from it.
      const registered: Acked[] = [];
      for (const email of ['first@durable.example', 'second@durable.example']) {
        const server = await startCli({ dataDir: dir.path });
        const answer = await client(server.base).post(`/api/${PROVIDER}/accounts`, {
          email,
          password: PASSWORD,
        });
        assert.equal(answer.status, 201);
        registered.push({ email, token: answer.body.session.token });
        assert.equal(await server.stop(), 0);
      }

      const good = await readFile(`${file}.bak`, 'utf8');
      assert.deepEqual(
        JSON.parse(good).accounts.map((account: { email: string }) => account.email),
        ['first@durable.example'],
      );
      const whole = await readFile(file, 'utf8');

      for (const [label, damaged] of [
        ['half-written', whole.slice(0, Math.floor(whole.length / 2))],
        ['empty', ''],
      ] as const) {
        await writeFile(file, damaged);
        const start = await launchCli({ dataDir: dir.path });
        if (start.listening) {
          await start.server.stop();
          assert.fail(`the server started on a ${label} data file`);
        }
        assert.equal(start.code, 1, label);
        assert.match(start.output, new RegExp(`${DATA_FILE} is not valid JSON`), label);
        assert.match(start.output, new RegExp(`previous good copy .* is .*${DATA_FILE}\\.bak`), label);
        assert.doesNotMatch(start.output, /\n\s+at /, `${label}: a message, not a stack trace`);
        assert.equal(await readFile(file, 'utf8'), damaged, `${label}: the damaged file is left as it was`);
        assert.equal(await readFile(`${file}.bak`, 'utf8'), good, `${label}: the previous good copy is kept`);
        figure(`durability: ${label} file refused: ${start.output.trim().split('\n')[0]}`);
      }

      // The operator puts the previous copy back: the server starts on it, and the journal
      // brings back what came after it too.
      await copyFile(`${file}.bak`, file);
      const restored = await startCli({ dataDir: dir.path });
      try {
        for (const { email, token } of registered) {
          const me = await client(restored.base).get(`/api/${PROVIDER}/session`, { token });
          assert.equal(me.status, 200);
          assert.equal(me.body.account.email, email);
        }
      } finally {
        assert.equal(await restored.stop(), 0);
      }
    } finally {
      await dir.remove();
    }
  });
});
