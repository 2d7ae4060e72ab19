/**
 * The lowdb store's commit log: the in-memory collections, persisted as a lowdb JSON snapshot
 * plus an append-only journal of the changes since. The collections (accounts.ts, sessions.ts, …)
 * hold the records and their indexes; this holds their changes until they are on disk.
 *
 * Atomicity: every mutation is a synchronous change to the in-memory state, so JavaScript's
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
import type { Low } from 'lowdb';
import { DurableJsonFile, StoreFileError, syncDir } from './files.ts';
import {
  COLLECTION_NAMES,
  encodeEntry,
  JournalFile,
  type Collection,
  type Entry,
  type Op,
  type Records,
} from './journal.ts';

/** A step of a compaction, after which `afterCompactionStep` is called (see `compact`). */
export type CompactionStep = 'backup' | 'reset' | 'cut' | 'temp' | 'rename';

/** The snapshot's shape. Maps are the working form; arrays keep the file plain JSON. */
export type Data = {
  version: 1;
  /** The last journal entry this snapshot holds (0: none). */ seq: number;
} & { [C in Collection]: Records[C][] };

export const emptyData = (): Data => ({
  version: 1,
  seq: 0,
  accounts: [],
  sessions: [],
  codes: [],
  tickets: [],
  emailLinks: [],
  outbox: [],
  qr: [],
  grants: [],
  idpUsers: [],
  passkeys: [],
});

/** Collections a version-1 file may lack (added later in version 1): they read as empty. */
const ADDED_LATER = new Set<Collection>(['qr', 'grants', 'idpUsers', 'passkeys']);

/** One collection's in-memory state, as the log drives it. */
export interface LogCollection {
  /** One change to the records and their indexes; the same code runs live and on replay. */
  apply(op: Op): void;
  /** The current records, for a snapshot: cheap, and they never change. */
  records(): unknown[];
  /** Drops what has expired (through `log.del`). */
  prune?(now: number): void;
  /** Records are never removed: a journal entry removing one is damage. */
  neverRemoves?: boolean;
}

const MiB = 1 << 20;
/** After a failed compaction, the next try waits this long (the journal keeps every write meanwhile). */
const COMPACTION_RETRY_MS = 60_000;

/**
 * The files of the lowdb store and how far each reaches. The journal is two files used in turn:
 * one takes the appends; the other holds the entries from the snapshot before (`.bak`) up to
 * the one the current snapshot starts from, so `.bak` plus the journals still reaches every
 * write. A compaction empties the spare and switches the two.
 */
export interface Disk {
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

export class CommitLog {
  private readonly collections = new Map<Collection, LogCollection>();
  private pruneTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Changes made since the last journal entry was cut; they go into the next one. */
  private changes: Op[] = [];
  /** The last journal entry cut. */
  private seq = 0;
  private pending: Deferred | undefined;
  private writing: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  /** A compaction waiting for the cut between two appends. */
  private cutRequest:
    { switchJournals: boolean; resolve: (data: Data) => void; reject: (error: unknown) => void } | undefined;

  constructor(
    readonly file: string,
    private readonly db: Low<Data>,
    /** Undefined for the memory store. */
    private readonly disk: Disk | undefined,
    private readonly release: () => Promise<void>,
    private readonly now: () => number,
    private readonly pruneIntervalMs: number,
  ) {}

  /** Every collection of the file registers before `load`. */
  register(name: Collection, collection: LogCollection): void {
    this.collections.set(name, collection);
  }

  /** Loaded and replayed: prune, and from now on on a timer. */
  start(): void {
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), this.pruneIntervalMs);
    this.pruneTimer.unref(); // never keeps the process alive on its own
  }

  load(data: unknown): void {
    const d = data as Partial<Data> | null;
    if (
      !d ||
      typeof d !== 'object' ||
      d.version !== 1 ||
      (d.seq !== undefined && !(Number.isSafeInteger(d.seq) && d.seq >= 0)) ||
      COLLECTION_NAMES.some(
        (name) => !Array.isArray(d[name]) && !(ADDED_LATER.has(name) && d[name] === undefined),
      )
    ) {
      throw new StoreFileError(
        `cloud-login: the data file ${this.file} is not a cloud-login store (version 1). ` +
          'It was left untouched: restore it from a backup, or move it away to start with an empty store.',
      );
    }
    d.seq ??= 0;
    for (const name of COLLECTION_NAMES)
      for (const value of d[name] ?? []) this.apply({ put: name, value } as Op);
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
        throw new StoreFileError(
          `cloud-login: the journal (${journals.join(', ')}) has entry ${entry.seq} after entry ${last}: it was left untouched; restore the data directory from a backup.`,
        );
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

  private apply(op: Op): void {
    const name = 'put' in op ? op.put : op.del;
    const collection = this.collections.get(name);
    if (!collection) throw new Error(`store: no collection ${name}`);
    if ('del' in op && collection.neverRemoves) {
      throw new StoreFileError(
        `cloud-login: the journal of ${this.file} removes a record of kind ${op.del}, which is never removed`,
      );
    }
    collection.apply(op);
  }

  /** Stores a record (new, or replacing the one with its key) and logs it for the next commit. */
  put<C extends Collection>(collection: C, value: Records[C]): void {
    const op = { put: collection, value } as Op;
    this.apply(op);
    if (this.disk) this.changes.push(op);
  }

  del(collection: Collection, key: string): void {
    const op: Op = { del: collection, key };
    this.apply(op);
    if (this.disk) this.changes.push(op);
  }

  /** Throws once the store is closed: every mutation checks first. */
  open(): void {
    if (this.closed) throw new Error('cloud-login: the store is closed');
  }

  /** Resolves once every mutation made so far is on disk. */
  commit(): Promise<void> {
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
    if (
      !this.compacting &&
      !this.closed &&
      disk.journal.size >= disk.compactAfter &&
      Date.now() >= disk.retryAt
    ) {
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

  /** The state at the entry just cut. */
  private snapshot(seq: number): Data {
    const data = { version: 1, seq } as Data;
    for (const name of COLLECTION_NAMES)
      (data as Record<Collection, unknown[]>)[name] = this.collections.get(name)?.records() ?? [];
    return data;
  }

  /** Drops what has expired. Full sweeps, but on a timer, never per request. */
  private prune(): void {
    const now = this.now();
    for (const collection of this.collections.values()) collection.prune?.(now);
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
        console.error(
          `cloud-login: compacting ${this.file} at shutdown failed (${(error as Error).message}); the journal keeps every write and the next start replays it`,
        );
      });
    }
    await disk?.journal.close();
    await disk?.spare.close();
    await this.release();
  }

  /** Sets the compaction threshold once the snapshot is read. */
  loaded(snapshotBytes: number): void {
    if (!this.disk) return;
    this.disk.snapshotSeq = this.seq;
    this.disk.compactAfter = this.disk.fixedCompactAfter ?? Math.max(MiB, snapshotBytes / 2);
  }
}
