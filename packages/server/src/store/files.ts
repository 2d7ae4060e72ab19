/**
 * The lowdb store's files on disk, apart from the journal: the snapshot (`cloud-login.json`,
 * plain lowdb JSON) written through a durable adapter, its previous generation (`.bak`), and the
 * pid lock that keeps a second server off the data directory.
 */
import type { Adapter } from 'lowdb';
import { link, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const DATA_FILE = 'cloud-login.json';

/** fsync a directory, so a rename or link in it survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Bytes per write of a snapshot. */
const WRITE_SIZE = 4 << 20;

/** The data files are missing, unreadable or not ours: the server must not start on them. */
export class StoreFileError extends Error {
  override name = 'StoreFileError';
}

/**
 * lowdb's own JSONFile adapter renames a temp file into place but never fsyncs, so a crash can
 * leave an empty or stale file behind. This one syncs the temp file before the rename and the
 * directory after it, and writes in pieces so a large snapshot never blocks the event loop long.
 */
export class DurableJsonFile<T extends object> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreFileError(
        `cloud-login: cannot read the data file ${this.file}: ${(error as Error).message}`,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new StoreFileError(
        `cloud-login: the data file ${this.file} is not valid JSON (${(error as Error).message}). ` +
          'It was left untouched: restore it from a backup, or move it away to start with an empty store.',
      );
    }
    // lowdb reads a falsy result as "no file" and would write over it; refuse it here instead.
    if (data === null || typeof data !== 'object') {
      throw new StoreFileError(
        `cloud-login: the data file ${this.file} does not hold a JSON object. It was left untouched.`,
      );
    }
    return data as T;
  }

  /** The generation before the current one (see `keepPrevious`). */
  get previous(): string {
    return `${this.file}.bak`;
  }

  /** Bytes of the last `write`. */
  written = 0;

  /** For crash tests: awaited between the two halves of `write`. */
  afterTemp: (() => void | Promise<void>) | undefined;

  async write(data: T): Promise<void> {
    await this.writeTemp(data);
    await this.afterTemp?.();
    await this.commitTemp();
  }

  get temp(): string {
    return `${this.file}.tmp`;
  }

  /** The first half of `write`: the temp file, fsynced. */
  async writeTemp(data: T): Promise<void> {
    const handle = await open(this.temp, 'w', 0o600);
    let written = 0;
    let pieces: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      const bytes = Buffer.concat(pieces, size);
      pieces = [];
      size = 0;
      // A write may be partial; the loop finishes it.
      for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done)).bytesWritten;
      // Flushed piece by piece: on ext4 an fsync waits for every file's dirty data in the same
      // journal transaction, so a commit's small fdatasync would otherwise wait for the snapshot.
      await handle.datasync();
      written += bytes.length;
    };
    try {
      // Serialised in small pieces with a turn of the event loop between them (requests go on),
      // written in large ones (each write is a thread-pool operation that may queue behind
      // password hashes).
      for (const chunk of jsonChunks(data)) {
        const bytes = Buffer.from(chunk, 'utf8');
        pieces.push(bytes);
        size += bytes.length;
        if (size >= WRITE_SIZE) await flush();
        else await new Promise((done) => setImmediate(done));
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.written = written;
  }

  /** The second half: the temp file renamed into place, the directory fsynced. */
  async commitTemp(): Promise<void> {
    await rename(this.temp, this.file);
    await syncDir(dirname(this.file));
  }

  /**
   * Hard-links the current file to `.bak` (no copy, so no cost that grows with the data), before
   * a write replaces it. Renamed into place, so a crash never leaves `.bak` missing or half there;
   * skipped when there is no file yet, so a store started afresh beside an old `.bak` keeps it.
   * The caller fsyncs the directory.
   */
  async keepPrevious(): Promise<void> {
    const temp = `${this.previous}.tmp`;
    await unlink(temp).catch(() => {});
    try {
      await link(this.file, temp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await rename(temp, this.previous);
  }
}

/** For a refusal message: where the previous good copy is, and whether it reads. */
export async function previousCopyHint(file: string, journals: readonly string[]): Promise<string> {
  const previous = new DurableJsonFile<object>(file).previous;
  let text: string;
  try {
    text = await readFile(previous, 'utf8');
  } catch {
    return '';
  }
  try {
    const data = JSON.parse(text) as { version?: unknown; accounts?: unknown };
    if (data?.version === 1 && Array.isArray(data.accounts)) {
      return (
        ` The previous good copy (the snapshot before the last compaction, with ${data.accounts.length} account(s)) is ${previous}: ` +
        `to go back to it, replace ${file} with it; the journal (${journals.join(', ')}) then replays every write made after it.`
      );
    }
  } catch {
    // falls through
  }
  return ` ${previous} is there too but is not a readable store either.`;
}

/**
 * The file's JSON in pieces of about 256 KB (a few ms of work each): top-level arrays element by
 * element, everything else whole. The caller gives the event loop a turn between pieces.
 *
 * No record's JSON is kept: caching it would make the next snapshot cheaper, but would put the
 * whole file's text (40 MB at 100,000 accounts) in the old generation, and the first
 * compaction after a start would set off a full garbage collection of hundreds of ms.
 */
function* jsonChunks(data: object): Generator<string> {
  const CHUNK = 1 << 18;
  let parts: string[] = [];
  let size = 0;
  function* push(text: string): Generator<string> {
    parts.push(text);
    size += text.length;
    if (size < CHUNK) return;
    yield parts.join('');
    parts = [];
    size = 0;
  }
  let separator = '{';
  for (const [name, value] of Object.entries(data)) {
    yield* push(`${separator}${JSON.stringify(name)}:`);
    separator = ',';
    if (!Array.isArray(value)) {
      yield* push(JSON.stringify(value));
      continue;
    }
    for (let i = 0; i < value.length; i++) yield* push((i === 0 ? '[' : ',') + JSON.stringify(value[i]));
    yield* push(value.length === 0 ? '[]' : ']');
  }
  parts.push(separator === '{' ? '{}' : '}');
  yield parts.join('');
}

/** Data files open in this process (a second store on one file would lose writes). */
const openFiles = new Set<string>();

/**
 * Two servers on one data directory would overwrite each other's writes, so the file is locked
 * by a `.lock` file holding the owner's pid. A lock whose process is gone (a crash, a restarted
 * container where we got the same pid) is taken over.
 */
export async function lockDataFile(file: string): Promise<() => Promise<void>> {
  if (openFiles.has(file))
    throw new StoreFileError(`cloud-login: the data file ${file} is already open in this process`);
  const lock = `${file}.lock`;
  // Written under a temporary name and hard-linked into place, so nobody sees a lock without
  // its pid (and takes it for stale).
  const temp = `${lock}.${process.pid}`;
  await writeFile(temp, String(process.pid), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
          throw new StoreFileError(
            `cloud-login: cannot lock the data file ${file} (${lock}): ${(error as Error).message}`,
          );
        }
        const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
        if (pid !== process.pid && isAlive(pid)) {
          throw new StoreFileError(
            `cloud-login: the data file ${file} is in use by process ${pid}; stop it first (or remove ${lock} if that process is not a cloud-login server)`,
          );
        }
        await unlink(lock).catch(() => {});
      }
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
  openFiles.add(file);
  return async () => {
    openFiles.delete(file);
    await unlink(lock).catch(() => {});
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
