/**
 * The lowdb store's journal: an append-only file of what each group commit changed since the
 * snapshot (`cloud-login.json`), so a commit writes and fsyncs only its own bytes, however large
 * the data.
 *
 * One line per group commit: the CRC-32 of the JSON in 8 hex digits, a space, the JSON, a newline.
 * The JSON is `{"seq":N,"ops":[…]}`, each op `{"put":"accounts","value":{…}}` (the whole new
 * record) or `{"del":"sessions","key":"…"}`. `seq` counts commits; the snapshot records the last
 * one it holds, so entries it already has are skipped when the store opens.
 *
 * The checksum tells a torn last line (the process died in the middle of an append, so the
 * commit was never acknowledged) from damage: a bad last line is dropped, a bad line with good
 * ones after it stops the start.
 */
import { writeSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { StoreFileError } from './files.ts';
import type {
  AccountRecord,
  CodeRecord,
  EmailLinkRecord,
  GrantRecord,
  PasskeyRecord,
  QrRecord,
  SessionRecord,
  TicketRecord,
} from './types.ts';

/** A record the data file keeps for dev mode (see kept.ts); its shape is dev mode's own. */
export type KeptRecord = { readonly [field: string]: unknown };

/** The record kinds, by their name in the snapshot. */
export interface Records {
  accounts: AccountRecord;
  sessions: SessionRecord;
  codes: CodeRecord;
  tickets: TicketRecord;
  emailLinks: EmailLinkRecord;
  /** Dev mode's outbox. */
  outbox: KeptRecord;
  qr: QrRecord;
  grants: GrantRecord;
  /** Users of the simulated identity providers (dev mode). */
  idpUsers: KeptRecord;
  passkeys: PasskeyRecord;
}
export type Collection = keyof Records;

/** In the snapshot's order. */
export const COLLECTION_NAMES = [
  'accounts',
  'sessions',
  'codes',
  'tickets',
  'emailLinks',
  'outbox',
  'qr',
  'grants',
  'idpUsers',
  'passkeys',
] as const satisfies readonly Collection[];
const COLLECTIONS = new Set<string>(COLLECTION_NAMES);

/** One change: a record stored (new or replacing the one with its key), or a key removed. */
export type Op =
  { [C in Collection]: { put: C; value: Records[C] } }[Collection] | { del: Collection; key: string };

export interface Entry {
  seq: number;
  ops: Op[];
}

const NEWLINE = 0x0a;
/** Lines up to this size are written without the thread pool (see `append`). */
const SYNC_WRITE_MAX = 256 << 10;
/** `crc32hex ` */
const PREFIX = 9;

/** One journal line. */
export function encodeEntry(seq: number, ops: readonly Op[]): Buffer {
  const parts = ops.map((op) =>
    'put' in op
      ? `{"put":"${op.put}","value":${JSON.stringify(op.value)}}`
      : `{"del":"${op.del}","key":${JSON.stringify(op.key)}}`,
  );
  // JSON.stringify escapes every newline inside strings, so the only one is the terminator.
  const json = Buffer.from(`{"seq":${seq},"ops":[${parts.join(',')}]}`, 'utf8');
  const line = Buffer.allocUnsafe(PREFIX + json.length + 1);
  line.write(crc32(json).toString(16).padStart(8, '0'), 0, 'latin1');
  line[8] = 0x20;
  json.copy(line, PREFIX);
  line[line.length - 1] = NEWLINE;
  return line;
}

/**
 * The entry in one line (without its newline), or `undefined` when it is torn or damaged. An
 * entry the snapshot already holds (`seq <= skipUpTo`) is only checked, not parsed: its ops come
 * back empty (after a bulk import its line can hold the whole data set).
 */
function decodeLine(line: Buffer, skipUpTo: number): Entry | undefined {
  if (line.length <= PREFIX || line[8] !== 0x20) return undefined;
  const sum = line.toString('latin1', 0, 8);
  if (!/^[0-9a-f]{8}$/.test(sum)) return undefined;
  const json = line.subarray(PREFIX);
  if (crc32(json) !== Number.parseInt(sum, 16)) return undefined;
  const seq = /^\{"seq":(\d{1,15}),"ops":\[/.exec(json.toString('latin1', 0, 32))?.[1];
  if (seq === undefined) return undefined;
  if (Number(seq) <= skipUpTo) return { seq: Number(seq), ops: [] };
  let entry: unknown;
  try {
    entry = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  const e = entry as Partial<Entry> | null;
  if (!e || typeof e !== 'object' || !Number.isSafeInteger(e.seq) || e.seq! < 1 || !Array.isArray(e.ops))
    return undefined;
  for (const op of e.ops as unknown[]) {
    const o = op as { put?: unknown; value?: unknown; del?: unknown; key?: unknown } | null;
    const put =
      typeof o?.put === 'string' && COLLECTIONS.has(o.put) && typeof o.value === 'object' && o.value !== null;
    const del = typeof o?.del === 'string' && COLLECTIONS.has(o.del) && typeof o.key === 'string';
    if (!put && !del) return undefined;
  }
  return e as Entry;
}

export interface JournalContents {
  entries: Entry[];
  /** Where the good lines end: a torn last line starts here. */
  goodBytes: number;
  /** Bytes of a torn last line (0 when there is none). */
  tornBytes: number;
}

/**
 * Reads a journal; an empty result when the file does not exist. A bad last line (no newline,
 * wrong checksum, not an entry) is a torn append and left out; a bad line with any line after it
 * is damage and refused. Entries up to `skipUpTo` come back without their ops.
 */
export async function readJournal(file: string, skipUpTo = 0): Promise<JournalContents> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], goodBytes: 0, tornBytes: 0 };
    throw new StoreFileError(`cloud-login: cannot read the journal ${file}: ${(error as Error).message}`);
  }
  const entries: Entry[] = [];
  let bad: { line: number; offset: number } | undefined;
  let goodBytes = 0;
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const end = bytes.indexOf(NEWLINE, start);
    const next = end === -1 ? bytes.length : end + 1;
    const entry = end === -1 ? undefined : decodeLine(bytes.subarray(start, end), skipUpTo);
    if (bad) {
      // A torn append leaves one bad line, the last: a line after a bad one means damage.
      throw new StoreFileError(
        `cloud-login: the journal ${file} is damaged at line ${bad.line} (byte ${bad.offset}), and more lines follow it, so it is not a torn last write. ` +
          `It was left untouched: restore the data directory from a backup, or, to keep only what comes before the damage, cut the journal there ` +
          `(truncate -s ${bad.offset} ${file}) and lose the entries after it.`,
      );
    }
    if (entry) {
      entries.push(entry);
      goodBytes = next;
    } else {
      bad = { line, offset: start };
    }
    start = next;
  }
  return { entries, goodBytes, tornBytes: bytes.length - goodBytes };
}

/** The journal open for appending. */
export class JournalFile {
  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    /** Bytes in the file: where the next entry goes. */
    public size: number,
  ) {}

  /**
   * Opens `file` for appending (created when missing; the caller fsyncs the directory), first
   * cutting it to `size` — a torn last line found on reading goes, so the next entry does not
   * follow damage.
   */
  static async open(file: string, size: number): Promise<JournalFile> {
    const handle = await open(file, 'a', 0o600);
    try {
      if ((await handle.stat()).size !== size) {
        await handle.truncate(size);
        await handle.datasync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalFile(file, handle, size);
  }

  /**
   * Appends one entry and fdatasyncs it, whatever the data's size. A line of a usual commit is
   * written on the event loop (a copy into the page cache: microseconds), so the commit waits in
   * libuv's thread pool — behind whatever password hashes fill it — for the fdatasync only.
   * A failed append is cut off again so the next one does not follow a partial line; if even
   * that fails the journal is unusable and `broken` says why.
   */
  async append(line: Buffer): Promise<void> {
    if (this.broken) throw this.broken;
    try {
      if (line.length <= SYNC_WRITE_MAX) {
        for (let done = 0; done < line.length;) done += writeSync(this.handle.fd, line, done);
      } else {
        for (let done = 0; done < line.length;) done += (await this.handle.write(line, done)).bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      try {
        await this.handle.truncate(this.size);
      } catch {
        this.broken = new Error(
          `cloud-login: the journal ${this.file} could not be written or repaired (${(error as Error).message}); restart the server`,
        );
      }
      throw error;
    }
    this.size += line.length;
  }

  broken: Error | undefined;

  /** Empties the file (fsynced), for a new run of entries. */
  async reset(): Promise<void> {
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.size = 0;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
