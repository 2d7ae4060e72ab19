/**
 * The default store: the whole data set in memory, indexed by Maps (one module per collection in
 * lowdb/), persisted by the commit log (commit-log.ts) as a lowdb JSON snapshot plus an
 * append-only journal of the changes since.
 */
import { Low, Memory } from 'lowdb';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CommitLog, emptyData, type CompactionStep, type Data, type Disk } from './commit-log.ts';
import {
  DATA_FILE,
  DurableJsonFile,
  lockDataFile,
  previousCopyHint,
  StoreFileError,
  syncDir,
} from './files.ts';
import { JournalFile, readJournal } from './journal.ts';
import { keepFor } from './kept.ts';
import { LowdbAccounts } from './lowdb/accounts.ts';
import { LowdbCodes } from './lowdb/codes.ts';
import { LowdbGrants } from './lowdb/grants.ts';
import { LowdbKept } from './lowdb/kept.ts';
import { LowdbPasskeys } from './lowdb/passkeys.ts';
import { LowdbQr } from './lowdb/qr.ts';
import { LowdbSessions } from './lowdb/sessions.ts';
import { DAY } from './lowdb/shared.ts';
import { LowdbEmailLinks, LowdbTickets } from './lowdb/tickets.ts';
import type { Store } from './types.ts';

export type { CompactionStep };

export { DATA_FILE, DurableJsonFile, StoreFileError };

export interface StoreOptions {
  /** Clock for expiry checks and pruning (ms since the epoch); tests inject one. */
  now?: () => number;
  /** How often expired sessions, codes, tickets and links are dropped. Default 60 s. */
  pruneIntervalMs?: number;
  /** How long codes are kept after creation, for the daily caps. Default 24 h. */
  codeRetentionMs?: number;
  /** Dev outbox messages kept (the oldest are dropped). Default 500. */
  outboxLimit?: number;
  /** How long QR records are kept after they expire, so a late poll still reads `expired`. Default 10 min. */
  qrRetentionMs?: number;
}

export interface LowdbStoreOptions extends StoreOptions {
  /** Data directory; the snapshot is `${dir}/cloud-login.json`, the journal beside it. Created if missing. */
  dir: string;
  /**
   * Journal size in bytes past which the snapshot is rewritten (in the background). Default:
   * half the snapshot's size, at least 1 MiB, so a compaction writes about two bytes of
   * snapshot per byte of journal, however large the data.
   */
  compactAfterBytes?: number;
  /**
   * For crash tests: awaited after each step of a compaction, when the files are as a crash at
   * that moment would leave them.
   */
  afterCompactionStep?: (step: CompactionStep) => void | Promise<void>;
}

/** The collections of the data file, registered with the log in the snapshot's order. */
function collections(log: CommitLog, options: StoreOptions): Store {
  const now = options.now ?? Date.now;
  const store: Store = {
    accounts: new LowdbAccounts(log, now),
    sessions: new LowdbSessions(log, now),
    codes: new LowdbCodes(log, options.codeRetentionMs ?? DAY),
    tickets: new LowdbTickets(log),
    emailLinks: new LowdbEmailLinks(log),
    qr: new LowdbQr(log, options.qrRetentionMs ?? 10 * 60_000),
    grants: new LowdbGrants(log, now),
    passkeys: new LowdbPasskeys(log),
    close: () => log.close(),
  };
  const outbox = new LowdbKept(log, 'outbox', { limit: options.outboxLimit ?? 500 });
  const idpUsers = new LowdbKept(log, 'idpUsers', { keyOf: (user) => user.id as string });
  log.register('accounts', store.accounts as LowdbAccounts);
  log.register('sessions', store.sessions as LowdbSessions);
  log.register('codes', store.codes as LowdbCodes);
  log.register('tickets', store.tickets as LowdbTickets);
  log.register('emailLinks', store.emailLinks as LowdbEmailLinks);
  log.register('outbox', outbox);
  log.register('qr', store.qr as LowdbQr);
  log.register('grants', store.grants as LowdbGrants);
  log.register('idpUsers', idpUsers);
  log.register('passkeys', store.passkeys as LowdbPasskeys);
  keepFor(store, { outbox, idpUsers });
  return store;
}

/** The two journal files. */
const journalFiles = (file: string) => [`${file}.journal-a`, `${file}.journal-b`] as const;

/**
 * Opens (or creates) the store in `${dir}`: the snapshot `cloud-login.json`, then the journal
 * entries it does not hold yet. Refuses a corrupt snapshot (naming the previous good copy),
 * a damaged journal, and a journal whose entries do not follow on from the snapshot.
 */
export async function createLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, DATA_FILE);
  const journals = journalFiles(file);
  const release = await lockDataFile(file);
  const opened: JournalFile[] = [];
  try {
    const adapter = new DurableJsonFile<Data>(file);
    const fresh = emptyData();
    const db = new Low<Data>(adapter, fresh);
    // A snapshot that does not read is refused with a pointer to its previous generation.
    const withHint = async <T>(step: () => T | Promise<T>): Promise<T> => {
      try {
        return await step();
      } catch (error) {
        if (error instanceof StoreFileError)
          throw new StoreFileError(error.message + (await previousCopyHint(file, journals)));
        throw error;
      }
    };
    await withHint(() => db.read());
    const exists = db.data !== fresh;
    const snapshotSeq = Number.isSafeInteger(db.data.seq) ? db.data.seq : 0;
    const read = await Promise.all(journals.map((journal) => readJournal(journal, snapshotSeq)));
    if (!exists && read.some((journal) => journal.entries.length > 0)) {
      throw new StoreFileError(
        `cloud-login: the journal ${journals.join(' / ')} is there but the data file ${file} is not: the journal alone is not the data. ` +
          `Put the data file (or its previous copy ${adapter.previous}) back, or move the journal away too to start with an empty store.`,
      );
    }
    // The one with the newest entries takes the appends, unless the snapshot holds them all and
    // the other is empty (a clean stop): then the empty one, and the other stays as it was.
    const last = read.map((journal) => journal.entries.at(-1)?.seq ?? 0);
    let [active, spare] = last[1]! > last[0]! ? [1, 0] : [0, 1];
    if (
      last[active]! > 0 &&
      last[active]! <= snapshotSeq &&
      read[spare]!.goodBytes + read[spare]!.tornBytes === 0
    )
      [active, spare] = [spare, active];
    // Cut to their good lines: a torn last line goes before anything follows it.
    for (const i of [active, spare]) opened.push(await JournalFile.open(journals[i]!, read[i]!.goodBytes));
    const snapshotBytes = exists ? (await stat(file)).size : 0;
    const disk: Disk = {
      dir,
      adapter,
      journal: opened[0]!,
      spare: opened[1]!,
      spareEnd: last[spare]!,
      snapshotSeq: 0,
      compactAfter: 0,
      fixedCompactAfter: options.compactAfterBytes,
      retryAt: 0,
      afterStep: options.afterCompactionStep ?? (() => {}),
    };
    const log = new CommitLog(
      file,
      db,
      disk,
      release,
      options.now ?? Date.now,
      options.pruneIntervalMs ?? 60_000,
    );
    const store = collections(log, options);
    await withHint(() => log.load(db.data));
    log.loaded(snapshotBytes);
    log.replay([...read[spare]!.entries, ...read[active]!.entries], journals);
    // A new store gets its (empty) snapshot at once: a journal never stands without one.
    if (!exists) await db.write();
    // The journal files may have just been created.
    await syncDir(dir);
    adapter.afterTemp = () => disk.afterStep('temp');
    log.start();
    return store;
  } catch (error) {
    for (const journal of opened) await journal.close().catch(() => {});
    await release();
    throw error;
  }
}

/** The same store on lowdb's in-memory adapter: for unit tests, nothing touches the disk. */
export async function createMemoryStore(options: StoreOptions = {}): Promise<Store> {
  const log = new CommitLog(
    '(memory)',
    new Low<Data>(new Memory<Data>(), emptyData()),
    undefined,
    async () => {},
    options.now ?? Date.now,
    options.pruneIntervalMs ?? 60_000,
  );
  const store = collections(log, options);
  log.start();
  return store;
}
