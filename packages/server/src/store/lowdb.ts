/**
 * The default store: the whole data set in memory, indexed by Maps, persisted as a lowdb JSON
 * snapshot plus an append-only journal of the changes since.
 *
 * Atomicity: every mutation is a synchronous function over the in-memory state, so JavaScript's
 * run-to-completion makes it one critical section: check-then-insert cannot interleave with
 * another request. Its changes (whole new records, or removed keys) join the next journal entry
 * (group commit: every mutation made while an append is in flight rides on the following one),
 * and its promise resolves only once that entry is fsynced. An acknowledged write therefore
 * survives a crash, and a commit costs the bytes it changed, not the size of the data.
 *
 * Compaction: once the journal outgrows a share of the snapshot, the snapshot is rewritten with
 * lowdb in the background and the journal switches files. Commits go on meanwhile, and the order
 * keeps every acknowledged write on disk at each step — see `compact`. On open: the snapshot,
 * then the journal entries newer than it (the snapshot records the last entry it holds).
 *
 * Records are never changed in place: a change stores a new object. A snapshot (arrays of the
 * current objects) therefore stays a consistent point in time while it is written out in
 * pieces.
 */
import { Low, Memory } from 'lowdb';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Idp, ProviderId } from '@cloud-login/core';
import { equalHashes, syncDir } from '../crypto.ts';
import { DATA_FILE, DurableJsonFile, lockDataFile, previousCopyHint, StoreFileError } from './files.ts';
import { encodeEntry, JournalFile, readJournal, type Collection, type Entry, type Op, type Records } from './journal.ts';
import {
  StoreConflictError,
  type AccountRecord,
  type CodeCheck,
  type CodePurpose,
  type CodeRecord,
  type CreateAccountConflict,
  type CreateAccountOptions,
  type EmailLinkRecord,
  type Frozen,
  type GrantRecord,
  type IdpUserRecord,
  type OutboxRecord,
  type QrAdvance,
  type QrClaim,
  type QrRecord,
  type QrState,
  type SessionRecord,
  type Store,
  type TicketRecord,
} from './types.ts';

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

/** A step of a compaction, after which `afterCompactionStep` is called (see `compact`). */
export type CompactionStep = 'backup' | 'reset' | 'cut' | 'temp' | 'rename';

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

/** The snapshot's shape. Maps are the working form; arrays keep the file plain JSON. */
interface Data {
  version: 1;
  /** The last journal entry this snapshot holds (0: none). Added with the journal: a file without it reads as 0. */
  seq: number;
  accounts: AccountRecord[];
  sessions: SessionRecord[];
  codes: CodeRecord[];
  tickets: TicketRecord[];
  emailLinks: EmailLinkRecord[];
  outbox: OutboxRecord[];
  // Added later in version 1: a file without them reads as empty.
  qr: QrRecord[];
  grants: GrantRecord[];
  idpUsers: IdpUserRecord[];
}

const emptyData = (): Data => ({ version: 1, seq: 0, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [], qr: [], grants: [], idpUsers: [] });

const MiB = 1 << 20;
/** After a failed compaction, the next try waits this long (the journal keeps every write meanwhile). */
const COMPACTION_RETRY_MS = 60_000;

/**
 * The files of the lowdb store and how far each reaches. The journal is two files used in turn:
 * one takes the appends; the other holds the entries from the snapshot before (`.bak`) up to
 * the one the current snapshot starts from, so `.bak` plus the journals still reaches every
 * write. A compaction empties the spare and switches the two.
 */
interface Disk {
  dir: string;
  adapter: DurableJsonFile<Data>;
  /** Appends go here. */
  journal: JournalFile;
  spare: JournalFile;
  /** The last entry in `spare`: it may be emptied only once the snapshot on disk holds it. */
  spareEnd: number;
  /** The last entry the snapshot on disk holds. */
  snapshotSeq: number;
  compactAfter: number;
  fixedCompactAfter: number | undefined;
  retryAt: number;
  afterStep: (step: CompactionStep) => void | Promise<void>;
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
        if (error instanceof StoreFileError) throw new StoreFileError(error.message + (await previousCopyHint(file, journals)));
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
    if (last[active]! > 0 && last[active]! <= snapshotSeq && read[spare]!.goodBytes + read[spare]!.tornBytes === 0) [active, spare] = [spare, active];
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
    const store = new LowdbStore(file, options, release, db, disk);
    await withHint(() => store.load(db.data));
    disk.snapshotSeq = db.data.seq;
    disk.compactAfter = disk.fixedCompactAfter ?? Math.max(MiB, snapshotBytes / 2);
    store.replay([...read[spare]!.entries, ...read[active]!.entries], journals);
    // A new store gets its (empty) snapshot at once: a journal never stands without one.
    if (!exists) await db.write();
    // The journal files may have just been created.
    await syncDir(dir);
    adapter.afterTemp = () => disk.afterStep('temp');
    store.start();
    return store;
  } catch (error) {
    for (const journal of opened) await journal.close().catch(() => {});
    await release();
    throw error;
  }
}

/** The same store on lowdb's in-memory adapter: for unit tests, nothing touches the disk. */
export async function createMemoryStore(options: StoreOptions = {}): Promise<Store> {
  const store = new LowdbStore('(memory)', options, async () => {}, new Low<Data>(new Memory<Data>(), emptyData()), undefined);
  store.start();
  return store;
}

// ---------------------------------------------------------------------------------------------

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Map keys built from several parts; NUL never occurs in the parts. */
const key = (...parts: string[]) => parts.join('\u0000');
const clone = structuredClone;

/**
 * Freezes a record and everything in it. Accounts, sessions and QR tickets are stored frozen,
 * so `viewAccount`/`viewSession` (and `claimQr`'s refusals) can hand out the stored object
 * itself: no caller can change stored data behind the store's back (the write throws), and no
 * read pays for a copy.
 */
function deepFreeze<T>(value: T): Frozen<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value as Frozen<T>;
}
const DAY = 24 * 60 * 60 * 1000;

function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  let set = map.get(k);
  if (!set) map.set(k, (set = new Set()));
  set.add(v);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(v);
  if (set.size === 0) map.delete(k);
}

class LowdbStore implements Store {
  private readonly now: () => number;
  private readonly codeRetentionMs: number;
  private readonly outboxLimit: number;
  private readonly qrRetentionMs: number;
  private readonly pruneIntervalMs: number;
  private pruneTimer: NodeJS.Timeout | undefined;
  private closed = false;

  // Records, keyed by id or token hash.
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly tickets = new Map<string, TicketRecord>();
  private readonly emailLinks = new Map<string, EmailLinkRecord>();
  private readonly outbox: OutboxRecord[] = [];
  private readonly qr = new Map<string, QrRecord>();
  /** kind + key → grant. */
  private readonly grants = new Map<string, GrantRecord>();
  private readonly idpUsers = new Map<string, IdpUserRecord>();
  private readonly idpUserByLogin = new Map<string, string>();

  // Indexes, so no request scans all records.
  private readonly byName = new Map<string, string>();
  private readonly byPhone = new Map<string, Set<string>>();
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly byConnection = new Map<string, string>();
  private readonly byParent = new Map<string, Set<string>>();
  private readonly perProvider = new Map<ProviderId, number>();
  /** provider + phone + purpose → the code that can still be used (if not consumed). */
  private readonly liveCode = new Map<string, string>();
  /** provider + phone → newest code, for the resend cooldown. */
  private readonly lastCode = new Map<string, string>();
  /** Phone or address → code ids, oldest first, for the daily caps (bounded by retention). */
  private readonly codesByPhone = new Map<string, Set<string>>();
  private readonly codesByAddress = new Map<string, Set<string>>();

  // Group commit.
  /** Changes made since the last journal entry was cut; they go into the next one. */
  private changes: Op[] = [];
  /** The last journal entry cut. */
  private seq = 0;
  private pending: Deferred | undefined;
  private writing: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  /** A compaction waiting for the cut between two appends. */
  private cutRequest: { switchJournals: boolean; resolve: (data: Data) => void; reject: (error: unknown) => void } | undefined;

  constructor(
    private readonly file: string,
    options: StoreOptions,
    private readonly release: () => Promise<void>,
    private readonly db: Low<Data>,
    /** Undefined for the memory store. */
    private readonly disk: Disk | undefined,
  ) {
    this.now = options.now ?? Date.now;
    this.codeRetentionMs = options.codeRetentionMs ?? DAY;
    this.outboxLimit = options.outboxLimit ?? 500;
    this.qrRetentionMs = options.qrRetentionMs ?? 10 * 60_000;
    this.pruneIntervalMs = options.pruneIntervalMs ?? 60_000;
  }

  /** Loaded and replayed: prune, and from now on on a timer. */
  start(): void {
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), this.pruneIntervalMs);
    this.pruneTimer.unref(); // never keeps the process alive on its own
  }

  load(data: unknown): void {
    const d = data as Partial<Data> | null;
    const lists = ['accounts', 'sessions', 'codes', 'tickets', 'emailLinks', 'outbox'] as const;
    const later = ['qr', 'grants', 'idpUsers'] as const;
    if (
      !d ||
      typeof d !== 'object' ||
      d.version !== 1 ||
      (d.seq !== undefined && !(Number.isSafeInteger(d.seq) && d.seq >= 0)) ||
      lists.some((name) => !Array.isArray(d[name])) ||
      later.some((name) => d[name] !== undefined && !Array.isArray(d[name]))
    ) {
      throw new StoreFileError(
        `cloud-login: the data file ${this.file} is not a cloud-login store (version 1). ` +
          'It was left untouched: restore it from a backup, or move it away to start with an empty store.',
      );
    }
    d.seq ??= 0;
    for (const name of [...lists, ...later]) for (const value of d[name] ?? []) this.apply({ put: name, value } as Op);
    this.seq = d.seq;
  }

  /**
   * Applies the journal entries the snapshot does not hold. They must follow on from it with no
   * gap: one missing means a journal that belongs to another snapshot (an older one put back
   * without the journal that led from it, say), and replaying it would lose writes silently.
   */
  replay(entries: readonly Entry[], journals: readonly string[]): void {
    let last = 0;
    for (const entry of entries) {
      if (entry.seq <= last) {
        throw new StoreFileError(`cloud-login: the journal (${journals.join(', ')}) has entry ${entry.seq} after entry ${last}: it was left untouched; restore the data directory from a backup.`);
      }
      last = entry.seq;
      if (entry.seq <= this.seq) continue; // already in the snapshot
      if (entry.seq !== this.seq + 1) {
        throw new StoreFileError(
          `cloud-login: the journal (${journals.join(', ')}) goes on from entry ${entry.seq - 1}, but the data file ${this.file} holds entries up to ${this.seq}: ` +
            'the writes between are missing (an older data file put back without its journal?). Nothing was changed: put back the data file that goes with this journal.',
        );
      }
      for (const op of entry.ops) this.apply(op);
      this.seq = entry.seq;
    }
  }

  // ---- changes -----------------------------------------------------------------------------

  /** One change to the in-memory state, with its indexes; the same code runs live and on replay. */
  private apply(op: Op): void {
    if ('put' in op) {
      switch (op.put) {
        case 'accounts': {
          deepFreeze(op.value);
          const previous = this.accounts.get(op.value.id);
          if (previous) this.reindexAccount(previous, op.value);
          else this.insertAccount(op.value);
          return;
        }
        case 'sessions':
          this.sessions.set(op.value.tokenHash, deepFreeze(op.value));
          return;
        case 'codes':
          this.setCode(op.value);
          return;
        case 'tickets':
          this.tickets.set(op.value.tokenHash, op.value);
          return;
        case 'emailLinks':
          this.emailLinks.set(op.value.tokenHash, op.value);
          return;
        case 'outbox':
          this.outbox.push(op.value);
          if (this.outbox.length > this.outboxLimit) this.outbox.splice(0, this.outbox.length - this.outboxLimit);
          return;
        case 'qr':
          this.qr.set(op.value.id, deepFreeze(op.value));
          return;
        case 'grants':
          this.grants.set(key(op.value.kind, op.value.key), op.value);
          return;
        case 'idpUsers':
          this.idpUsers.set(op.value.id, op.value);
          this.idpUserByLogin.set(key(op.value.idp, op.value.loginKey), op.value.id);
          return;
      }
    }
    switch (op.del) {
      case 'sessions':
      case 'tickets':
      case 'emailLinks':
      case 'qr':
      case 'grants':
        this[op.del].delete(op.key);
        return;
      case 'codes': {
        const code = this.codes.get(op.key);
        if (code) this.removeCode(code);
        return;
      }
    }
    throw new StoreFileError(`cloud-login: the journal of ${this.file} removes a record of kind ${op.del}, which is never removed`);
  }

  /** Stores a record (new, or replacing the one with its key) and logs it for the next commit. */
  private put<C extends Collection>(collection: C, value: Records[C]): void {
    const op = { put: collection, value } as Op;
    this.apply(op);
    if (this.disk) this.changes.push(op);
  }

  private del(collection: Collection, k: string): void {
    const op: Op = { del: collection, key: k };
    this.apply(op);
    if (this.disk) this.changes.push(op);
  }

  // ---- persistence -----------------------------------------------------------------------

  /** Resolves once every mutation made so far is on disk. */
  private commit(): Promise<void> {
    this.pending ??= deferred();
    this.writing ??= this.flushLoop();
    return this.pending.promise;
  }

  private async flushLoop(): Promise<void> {
    // Let the mutations already queued behind this one (same I/O turn) join the first write.
    await new Promise((done) => setImmediate(done));
    while (this.pending || this.cutRequest) {
      const batch = this.pending;
      this.pending = undefined;
      try {
        await this.append();
        batch?.resolve();
      } catch (error) {
        batch?.reject(error);
      }
    }
    this.writing = undefined;
  }

  /**
   * Appends the changes made since the last entry as one journal entry, and makes the cut a
   * compaction asked for: never more file work than this one append waits in line.
   */
  private async append(): Promise<void> {
    const disk = this.disk;
    const changes = this.changes;
    this.changes = [];
    const cut = this.cutRequest;
    this.cutRequest = undefined;
    if (!disk) return;
    const seq = changes.length > 0 ? this.seq + 1 : this.seq;
    // Taken in the same synchronous step that cuts the entry, so it holds exactly the entries up to `seq`.
    const snapshot = cut && this.snapshot(seq);
    if (changes.length > 0) {
      try {
        await disk.journal.append(encodeEntry(seq, changes));
      } catch (error) {
        // Still in memory, like any change whose write failed: they go with the next entry.
        this.changes = changes.concat(this.changes);
        cut?.reject(error);
        throw error;
      }
      this.seq = seq;
    }
    if (cut) {
      if (cut.switchJournals) {
        [disk.journal, disk.spare] = [disk.spare, disk.journal];
        disk.spareEnd = seq;
      }
      cut.resolve(snapshot!);
    }
    if (!this.compacting && !this.closed && disk.journal.size >= disk.compactAfter && Date.now() >= disk.retryAt) {
      this.compacting = this.compact(disk)
        .catch((error: unknown) => {
          disk.retryAt = Date.now() + COMPACTION_RETRY_MS;
          console.error(
            `cloud-login: compacting ${this.file} failed (${(error as Error).message}); every write is in the journal, the next try is in ${COMPACTION_RETRY_MS / 1000} s`,
          );
        })
        .finally(() => {
          this.compacting = undefined;
        });
    }
  }

  /** The snapshot at the next cut between two appends (made now when none is in flight). */
  private cut(switchJournals: boolean): Promise<Data> {
    let resolve!: (data: Data) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<Data>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.cutRequest = { switchJournals, resolve, reject };
    this.writing ??= this.flushLoop();
    return promise;
  }

  /**
   * Rewrites the snapshot, in an order where a crash after any step loses nothing acknowledged
   * (a start reads the snapshot on disk, then the entries of both journals newer than it), while
   * appends go on — none of these steps holds a commit back:
   *
   * 1. `backup` — the data file hard-linked to `.bak`, the directory fsynced. The spare journal
   *    holds entries older than it (see 3).
   * 2. `reset` — the spare journal emptied and fsynced.
   * 3. `cut` — between two appends: the snapshot taken (as arrays of the current records) at the
   *    last entry, and the journals switched, so the entries after it go to the emptied one and
   *    the other holds exactly those from `.bak` to the new snapshot.
   * 4. `temp` — the snapshot written to `.tmp` in pieces (requests go on between them), fsynced.
   * 5. `rename` — `.tmp` renamed over the data file, the directory fsynced.
   *
   * After a compaction that failed after its cut, the spare still holds entries the snapshot on
   * disk lacks: the next one skips 1–2 and does not switch, and the journal grows until a
   * snapshot catches up.
   */
  private async compact(disk: Disk): Promise<void> {
    const switchJournals = disk.snapshotSeq >= disk.spareEnd;
    if (switchJournals) {
      await disk.adapter.keepPrevious();
      await syncDir(disk.dir);
      await disk.afterStep('backup');
      await disk.spare.reset();
      await disk.afterStep('reset');
    }
    const snapshot = await this.cut(switchJournals);
    await disk.afterStep('cut');
    // Through lowdb: the durable adapter writes `.tmp` (step 4) and renames it (step 5).
    this.db.data = snapshot;
    await this.db.write();
    disk.snapshotSeq = snapshot.seq;
    disk.compactAfter = disk.fixedCompactAfter ?? Math.max(MiB, disk.adapter.written / 2);
    await disk.afterStep('rename');
  }

  /** The state at the entry just cut. Arrays of the current records: cheap, and they never change. */
  private snapshot(seq: number): Data {
    return {
      version: 1,
      seq,
      accounts: [...this.accounts.values()],
      sessions: [...this.sessions.values()],
      codes: [...this.codes.values()],
      tickets: [...this.tickets.values()],
      emailLinks: [...this.emailLinks.values()],
      outbox: [...this.outbox],
      qr: [...this.qr.values()],
      grants: [...this.grants.values()],
      idpUsers: [...this.idpUsers.values()],
    };
  }

  private open(): void {
    if (this.closed) throw new Error('cloud-login: the store is closed');
  }

  /** Drops what has expired. Full sweeps, but on a timer, never per request. */
  private prune(): void {
    const now = this.now();
    for (const [hash, session] of this.sessions) if (Date.parse(session.expiresAt) <= now) this.del('sessions', hash);
    for (const [hash, ticket] of this.tickets) if (Date.parse(ticket.expiresAt) <= now) this.del('tickets', hash);
    for (const [hash, link] of this.emailLinks) if (Date.parse(link.expiresAt) <= now) this.del('emailLinks', hash);
    for (const [id, record] of this.qr) if (Date.parse(record.expiresAt) + this.qrRetentionMs <= now) this.del('qr', id);
    for (const [k, grant] of this.grants) if (Date.parse(grant.expiresAt) <= now) this.del('grants', k);
    // Codes are inserted in creation order, so the old ones are at the front.
    for (const code of this.codes.values()) {
      if (Date.parse(code.createdAt) > now - this.codeRetentionMs) break;
      this.del('codes', code.id);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pruneTimer);
    // What the timer pruned since the last commit goes into the journal like the rest.
    if (this.changes.length > 0) await this.commit().catch(() => {});
    while (this.writing) await this.writing;
    while (this.compacting) await this.compacting;
    const disk = this.disk;
    if (disk && this.seq > disk.snapshotSeq) {
      // A clean stop leaves the journal that takes the appends empty: the next start reads the snapshot alone.
      await this.compact(disk).catch((error: unknown) => {
        console.error(`cloud-login: compacting ${this.file} at shutdown failed (${(error as Error).message}); the journal keeps every write and the next start replays it`);
      });
    }
    await disk?.journal.close();
    await disk?.spare.close();
    await this.release();
  }

  // ---- accounts ----------------------------------------------------------------------------

  private insertAccount(account: AccountRecord): void {
    this.accounts.set(account.id, account);
    if (account.accountNameKey !== undefined) this.byName.set(key(account.provider, account.accountNameKey), account.id);
    if (account.phone !== undefined) addTo(this.byPhone, key(account.provider, account.phone), account.id);
    if (account.email !== undefined) addTo(this.byEmail, key(account.provider, account.email), account.id);
    for (const c of account.connections) this.byConnection.set(key(account.provider, c.idp, c.subject), account.id);
    if (account.parentId !== undefined) addTo(this.byParent, account.parentId, account.id);
    this.perProvider.set(account.provider, (this.perProvider.get(account.provider) ?? 0) + 1);
  }

  /**
   * Moves the index entries of the fields that changed. Entries of unchanged fields stay where
   * they are, so "oldest holder first" keeps meaning the first account that had the phone.
   */
  private reindexAccount(prev: AccountRecord, next: AccountRecord): void {
    const p = prev.provider;
    this.accounts.set(next.id, next); // same key: keeps its place in the file
    if (prev.accountNameKey !== next.accountNameKey) {
      if (prev.accountNameKey !== undefined) this.byName.delete(key(p, prev.accountNameKey));
      if (next.accountNameKey !== undefined) this.byName.set(key(p, next.accountNameKey), next.id);
    }
    if (prev.phone !== next.phone) {
      if (prev.phone !== undefined) removeFrom(this.byPhone, key(p, prev.phone), next.id);
      if (next.phone !== undefined) addTo(this.byPhone, key(p, next.phone), next.id);
    }
    if (prev.email !== next.email) {
      if (prev.email !== undefined) removeFrom(this.byEmail, key(p, prev.email), next.id);
      if (next.email !== undefined) addTo(this.byEmail, key(p, next.email), next.id);
    }
    const kept = new Set(next.connections.map((c) => key(p, c.idp, c.subject)));
    for (const c of prev.connections) {
      const k = key(p, c.idp, c.subject);
      if (!kept.has(k)) this.byConnection.delete(k);
    }
    for (const k of kept) this.byConnection.set(k, next.id);
    if (prev.parentId !== next.parentId) {
      if (prev.parentId !== undefined) removeFrom(this.byParent, prev.parentId, next.id);
      if (next.parentId !== undefined) addTo(this.byParent, next.parentId, next.id);
    }
  }

  /**
   * The uniqueness rules for `next`, ignoring `next` itself (an update) and checking the email
   * and phone only when they change (an account already over a limit can still be edited).
   */
  private conflictOf(next: AccountRecord, previous: AccountRecord | undefined, options: Partial<CreateAccountOptions>): CreateAccountConflict | undefined {
    const p = next.provider;
    if (next.accountNameKey !== undefined) {
      const owner = this.byName.get(key(p, next.accountNameKey));
      if (owner !== undefined && owner !== next.id) return 'accountName';
    }
    if (options.emailUnique && next.email !== undefined && next.email !== previous?.email) {
      if ((this.byEmail.get(key(p, next.email))?.size ?? 0) > 0) return 'email';
    }
    const max = options.maxAccountsPerPhone;
    if (max != null && next.phone !== undefined && next.phone !== previous?.phone) {
      if ((this.byPhone.get(key(p, next.phone))?.size ?? 0) >= max) return 'phoneLimit';
    }
    for (const c of next.connections) {
      const owner = this.byConnection.get(key(p, c.idp, c.subject));
      if (owner !== undefined && owner !== next.id) return 'connection';
    }
    return undefined;
  }

  async createAccount(account: AccountRecord, options: CreateAccountOptions): Promise<{ ok: true } | { ok: false; conflict: CreateAccountConflict }> {
    this.open();
    if (this.accounts.has(account.id)) throw new Error(`store: account id ${account.id} already exists`);
    const conflict = this.conflictOf(account, undefined, options);
    if (conflict) return { ok: false, conflict };
    this.put('accounts', clone(account));
    await this.commit();
    return { ok: true };
  }

  async getAccount(id: string): Promise<AccountRecord | undefined> {
    const account = this.accounts.get(id);
    return account && clone(account);
  }

  async viewAccount(id: string): Promise<Frozen<AccountRecord> | undefined> {
    return this.accounts.get(id);
  }

  async findAccountByName(provider: ProviderId, accountNameKey: string): Promise<AccountRecord | undefined> {
    const id = this.byName.get(key(provider, accountNameKey));
    return id === undefined ? undefined : this.getAccount(id);
  }

  private many(ids: Set<string> | undefined): AccountRecord[] {
    return [...(ids ?? [])].map((id) => clone(this.accounts.get(id)!));
  }

  async findAccountsByPhone(provider: ProviderId, phone: string): Promise<AccountRecord[]> {
    return this.many(this.byPhone.get(key(provider, phone)));
  }

  async findAccountsByEmail(provider: ProviderId, email: string): Promise<AccountRecord[]> {
    return this.many(this.byEmail.get(key(provider, email)));
  }

  async findAccountByConnection(provider: ProviderId, idp: Idp, subject: string): Promise<AccountRecord | undefined> {
    const id = this.byConnection.get(key(provider, idp, subject));
    return id === undefined ? undefined : this.getAccount(id);
  }

  async listSubaccounts(parentId: string): Promise<AccountRecord[]> {
    return this.many(this.byParent.get(parentId));
  }

  async countAccounts(provider?: ProviderId): Promise<number> {
    return provider === undefined ? this.accounts.size : (this.perProvider.get(provider) ?? 0);
  }

  async updateAccount(
    id: string,
    change: (account: AccountRecord) => AccountRecord,
    options: Partial<CreateAccountOptions> = {},
  ): Promise<AccountRecord | undefined> {
    this.open();
    const current = this.accounts.get(id);
    if (!current) return undefined;
    const next = change(clone(current));
    if (!next || typeof next !== 'object' || next.id !== id || next.provider !== current.provider) {
      throw new Error('store: updateAccount needs a synchronous change that keeps the id and provider');
    }
    const conflict = this.conflictOf(next, current, options);
    if (conflict) throw new StoreConflictError(conflict);
    const stored = { ...clone(next), updatedAt: new Date(this.now()).toISOString() };
    this.put('accounts', stored);
    await this.commit();
    return clone(stored);
  }

  // ---- sessions ----------------------------------------------------------------------------

  async putSession(session: SessionRecord): Promise<void> {
    this.open();
    this.put('sessions', clone(session));
    await this.commit();
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= this.now()) return undefined;
    return clone(session);
  }

  async viewSession(tokenHash: string): Promise<Frozen<SessionRecord> | undefined> {
    const session = this.sessions.get(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= this.now()) return undefined;
    return session;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.open();
    if (!this.sessions.has(tokenHash)) return;
    this.del('sessions', tokenHash);
    await this.commit();
  }

  async deleteSessionsOf(accountId: string, exceptTokenHash?: string): Promise<number> {
    this.open();
    // A scan, not an index: it runs once per password reset or change, never per request.
    const ended = [...this.sessions.values()].filter((session) => session.accountId === accountId && session.tokenHash !== exceptTokenHash);
    for (const session of ended) this.del('sessions', session.tokenHash);
    if (ended.length > 0) await this.commit();
    return ended.length;
  }

  async listSessionsOf(accountId: string): Promise<SessionRecord[]> {
    // A scan, once per sign-in (which costs an argon2 hash anyway): no per-account index kept.
    const now = this.now();
    const found: SessionRecord[] = [];
    for (const session of this.sessions.values()) {
      if (session.accountId === accountId && Date.parse(session.expiresAt) > now) found.push(clone(session));
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async touchSession(tokenHash: string, lastSeenAt: string): Promise<boolean> {
    this.open();
    const session = this.sessions.get(tokenHash);
    if (!session) return false;
    this.put('sessions', { ...clone(session), lastSeenAt });
    await this.commit();
    return true;
  }

  // ---- codes -------------------------------------------------------------------------------

  private insertCode(code: CodeRecord): void {
    this.codes.set(code.id, code);
    if (code.consumedAt === undefined) this.liveCode.set(key(code.provider, code.phone, code.purpose), code.id);
    this.lastCode.set(key(code.provider, code.phone), code.id);
    addTo(this.codesByPhone, code.phone, code.id);
    addTo(this.codesByAddress, code.address, code.id);
  }

  /** A new code, or a new version of one (used, or one more wrong try). */
  private setCode(code: CodeRecord): void {
    if (!this.codes.has(code.id)) return this.insertCode(code);
    this.codes.set(code.id, code); // same key: keeps its place, creation order
    const live = key(code.provider, code.phone, code.purpose);
    if (code.consumedAt !== undefined && this.liveCode.get(live) === code.id) this.liveCode.delete(live);
  }

  private removeCode(code: CodeRecord): void {
    this.codes.delete(code.id);
    const live = key(code.provider, code.phone, code.purpose);
    if (this.liveCode.get(live) === code.id) this.liveCode.delete(live);
    const last = key(code.provider, code.phone);
    if (this.lastCode.get(last) === code.id) this.lastCode.delete(last);
    removeFrom(this.codesByPhone, code.phone, code.id);
    removeFrom(this.codesByAddress, code.address, code.id);
  }

  async putCode(code: CodeRecord): Promise<void> {
    this.open();
    if (this.codes.has(code.id)) throw new Error(`store: code id ${code.id} already exists`);
    const earlier = this.liveCode.get(key(code.provider, code.phone, code.purpose));
    const previous = earlier === undefined ? undefined : this.codes.get(earlier);
    if (previous && previous.consumedAt === undefined) this.put('codes', { ...previous, consumedAt: code.createdAt });
    this.put('codes', clone(code));
    await this.commit();
  }

  async lastCodeFor(provider: ProviderId, phone: string): Promise<CodeRecord | undefined> {
    const id = this.lastCode.get(key(provider, phone));
    return id === undefined ? undefined : clone(this.codes.get(id));
  }

  async countCodesSince(filter: { phone?: string; address?: string }, since: string): Promise<number> {
    const from = Date.parse(since);
    const ids =
      filter.phone !== undefined ? this.codesByPhone.get(filter.phone)
      : filter.address !== undefined ? this.codesByAddress.get(filter.address)
      : new Set(this.codes.keys());
    let count = 0;
    for (const id of ids ?? []) {
      const code = this.codes.get(id)!;
      if (Date.parse(code.createdAt) < from) continue;
      if (filter.address !== undefined && code.address !== filter.address) continue;
      count++;
    }
    return count;
  }

  async checkCode(provider: ProviderId, phone: string, purpose: CodePurpose, codeHash: string, now: string, maxAttempts: number): Promise<CodeCheck> {
    this.open();
    const id = this.liveCode.get(key(provider, phone, purpose));
    const code = id === undefined ? undefined : this.codes.get(id);
    if (!code || code.consumedAt !== undefined) return { ok: false, reason: 'missing' };
    if (Date.parse(code.expiresAt) <= Date.parse(now)) return { ok: false, reason: 'expired' };
    let result: CodeCheck;
    let next: CodeRecord;
    if (equalHashes(code.codeHash, codeHash)) {
      next = { ...code, consumedAt: now };
      result = { ok: true };
    } else {
      const attempts = code.attempts + 1;
      const remaining = Math.max(0, maxAttempts - attempts);
      // At zero the code is dead: no more guesses at it.
      next = remaining === 0 ? { ...code, attempts, consumedAt: now } : { ...code, attempts };
      result = { ok: false, reason: 'wrong', remaining };
    }
    this.put('codes', next);
    await this.commit();
    return result;
  }

  // ---- tickets and links -------------------------------------------------------------------

  async putTicket(ticket: TicketRecord): Promise<void> {
    this.open();
    this.put('tickets', clone(ticket));
    await this.commit();
  }

  async consumeTicket<T>(provider: ProviderId, tokenHash: string, now: string): Promise<TicketRecord<T> | undefined> {
    this.open();
    const ticket = this.tickets.get(tokenHash);
    if (!ticket || ticket.provider !== provider) return undefined;
    this.del('tickets', tokenHash);
    await this.commit();
    return Date.parse(ticket.expiresAt) <= Date.parse(now) ? undefined : (ticket as TicketRecord<T>);
  }

  async putEmailLink(link: EmailLinkRecord): Promise<void> {
    this.open();
    this.put('emailLinks', clone(link));
    await this.commit();
  }

  async consumeEmailLink(tokenHash: string, now: string): Promise<{ ok: true; link: EmailLinkRecord } | { ok: false; reason: 'missing' | 'expired' }> {
    this.open();
    const link = this.emailLinks.get(tokenHash);
    if (!link || link.usedAt !== undefined) return { ok: false, reason: 'missing' };
    if (Date.parse(link.expiresAt) <= Date.parse(now)) return { ok: false, reason: 'expired' };
    const used = { ...link, usedAt: now };
    this.put('emailLinks', used);
    await this.commit();
    return { ok: true, link: clone(used) };
  }

  // ---- app QR login ------------------------------------------------------------------------

  async putQr(record: QrRecord): Promise<void> {
    this.open();
    if (this.qr.has(record.id)) throw new Error(`store: QR id ${record.id} already exists`);
    this.put('qr', clone(record));
    await this.commit();
  }

  async getQr(id: string): Promise<QrRecord | undefined> {
    const record = this.qr.get(id);
    return record && clone(record);
  }

  async advanceQr(provider: ProviderId, id: string, move: { from: readonly QrState[]; to: QrState; accountId: string; now: string }): Promise<QrAdvance> {
    this.open();
    const record = this.qr.get(id);
    if (!record || record.provider !== provider) return { ok: false, reason: 'missing' };
    if (Date.parse(record.expiresAt) <= Date.parse(move.now)) return { ok: false, reason: 'expired', record: clone(record) };
    const sameAccount = record.accountId === undefined || record.accountId === move.accountId;
    if (!move.from.includes(record.status) || !sameAccount) return { ok: false, reason: 'state', record: clone(record) };
    const next: QrRecord = {
      ...record,
      status: move.to,
      accountId: move.accountId,
      ...(move.to === 'scanned' && { scannedAt: move.now }),
      ...((move.to === 'confirmed' || move.to === 'denied') && { decidedAt: move.now, scannedAt: record.scannedAt ?? move.now }),
    };
    this.put('qr', next);
    await this.commit();
    return { ok: true, record: clone(next) };
  }

  async claimQr(provider: ProviderId, id: string, secretHash: string, now: string): Promise<QrClaim> {
    this.open();
    const record = this.qr.get(id);
    if (!record || record.provider !== provider || !equalHashes(record.secretHash, secretHash)) return { ok: false, reason: 'missing' };
    if (record.status !== 'confirmed') return { ok: false, reason: 'unconfirmed', record };
    if (record.claimedAt !== undefined) return { ok: false, reason: 'claimed', record };
    const next = { ...record, claimedAt: now };
    this.put('qr', next);
    await this.commit();
    return { ok: true, record: clone(next) };
  }

  // ---- grants ------------------------------------------------------------------------------

  private liveGrant(kind: string, k: string, now: string): GrantRecord | undefined {
    const grant = this.grants.get(key(kind, k));
    return grant && Date.parse(grant.expiresAt) > Date.parse(now) ? grant : undefined;
  }

  async putGrant(grant: GrantRecord): Promise<boolean> {
    this.open();
    if (this.liveGrant(grant.kind, grant.key, new Date(this.now()).toISOString())) return false;
    this.put('grants', clone(grant));
    await this.commit();
    return true;
  }

  async getGrant<T>(kind: string, k: string, now: string): Promise<GrantRecord<T> | undefined> {
    const grant = this.liveGrant(kind, k, now);
    return grant && (clone(grant) as GrantRecord<T>);
  }

  async consumeGrant<T>(kind: string, k: string, now: string): Promise<GrantRecord<T> | undefined> {
    this.open();
    const grant = this.grants.get(key(kind, k));
    if (!grant) return undefined;
    this.del('grants', key(kind, k));
    await this.commit();
    return Date.parse(grant.expiresAt) > Date.parse(now) ? (grant as GrantRecord<T>) : undefined;
  }

  async updateGrant<T>(kind: string, k: string, now: string, change: (data: T) => T): Promise<GrantRecord<T> | undefined> {
    this.open();
    const grant = this.liveGrant(kind, k, now);
    if (!grant) return undefined;
    const next = { ...grant, data: clone(change(clone(grant.data) as T)) };
    this.put('grants', next);
    await this.commit();
    return clone(next) as GrantRecord<T>;
  }

  // ---- users of the simulated identity providers ------------------------------------------

  async createIdpUser(user: IdpUserRecord): Promise<{ ok: true } | { ok: false; existing: IdpUserRecord }> {
    this.open();
    const existing = this.idpUserByLogin.get(key(user.idp, user.loginKey));
    if (existing !== undefined) return { ok: false, existing: clone(this.idpUsers.get(existing)!) };
    if (this.idpUsers.has(user.id)) throw new Error(`store: identity-provider user id ${user.id} already exists`);
    this.put('idpUsers', clone(user));
    await this.commit();
    return { ok: true };
  }

  async findIdpUser(idp: Idp, loginKey: string): Promise<IdpUserRecord | undefined> {
    const id = this.idpUserByLogin.get(key(idp, loginKey));
    return id === undefined ? undefined : this.getIdpUser(id);
  }

  async getIdpUser(id: string): Promise<IdpUserRecord | undefined> {
    const user = this.idpUsers.get(id);
    return user && clone(user);
  }

  // ---- dev outbox --------------------------------------------------------------------------

  async addOutbox(message: OutboxRecord): Promise<void> {
    this.open();
    this.put('outbox', clone(message));
    await this.commit();
  }

  async listOutbox(filter: { provider?: ProviderId; to?: string; limit?: number }): Promise<OutboxRecord[]> {
    const limit = filter.limit ?? 100;
    const found: OutboxRecord[] = [];
    for (let i = this.outbox.length - 1; i >= 0 && found.length < limit; i--) {
      const message = this.outbox[i]!;
      if (filter.provider !== undefined && message.provider !== filter.provider) continue;
      if (filter.to !== undefined && message.to !== filter.to) continue;
      found.push(clone(message));
    }
    return found;
  }
}
