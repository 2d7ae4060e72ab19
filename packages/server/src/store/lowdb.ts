/**
 * The default store: the whole data set in memory, indexed by Maps, persisted as one JSON file
 * through lowdb with a durable adapter.
 *
 * Atomicity: every mutation is a synchronous function over the in-memory state, so JavaScript's
 * run-to-completion makes it one critical section: check-then-insert cannot interleave with
 * another request. The mutation then joins the next file write (group commit: every mutation
 * made while a write is in flight rides on the following one), and its promise resolves only
 * once that write is fsynced. An acknowledged write therefore survives a crash.
 *
 * Records are never changed in place: a change stores a new object. A snapshot (arrays of the
 * current objects) therefore stays a consistent point in time while it is written out in
 * chunks, and each record's JSON can be cached by identity, so a write with 100,000 accounts
 * re-serialises only what changed and never blocks the event loop for long.
 */
import { Low, Memory, type Adapter } from 'lowdb';
import { link, mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Idp, ProviderId } from '@cloud-login/core';
import { safeEqual, syncDir } from '../crypto.ts';
import {
  StoreConflictError,
  type AccountRecord,
  type CodeCheck,
  type CodePurpose,
  type CodeRecord,
  type CreateAccountConflict,
  type CreateAccountOptions,
  type EmailLinkRecord,
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

export const DATA_FILE = 'cloud-login.json';

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
  /** Data directory; the file is `${dir}/cloud-login.json`. Created if missing. */
  dir: string;
}

/** The file's shape. Maps are the working form; arrays keep the file plain JSON. */
interface Data {
  version: 1;
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

const emptyData = (): Data => ({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [], qr: [], grants: [], idpUsers: [] });

/** The data file is missing, unreadable or not ours: the server must not start on it. */
export class StoreFileError extends Error {
  override name = 'StoreFileError';
}

/**
 * lowdb's own JSONFile adapter renames a temp file into place but never fsyncs, so a crash can
 * leave an empty or stale file behind an acknowledged write. This one syncs the temp file before
 * the rename and the directory after it.
 */
export class DurableJsonFile<T extends object> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreFileError(`cloud-login: cannot read the data file ${this.file}: ${(error as Error).message}`);
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
      throw new StoreFileError(`cloud-login: the data file ${this.file} does not hold a JSON object. It was left untouched.`);
    }
    return data as T;
  }

  /** The generation the last write replaced: the previous good copy, one write older. */
  get previous(): string {
    return `${this.file}.bak`;
  }

  async write(data: T): Promise<void> {
    const temp = `${this.file}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      for (const chunk of jsonChunks(data)) {
        const bytes = Buffer.from(chunk, 'utf8');
        // A write may be partial; the loop finishes it.
        for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done)).bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.keepPrevious();
    await rename(temp, this.file);
    await syncDir(dirname(this.file));
  }

  /**
   * Hard-links the file about to be replaced to `.bak` (no copy, so no cost that grows with the
   * data). Renamed into place, so a crash never leaves `.bak` missing or half there; skipped when
   * there is no file yet, so a store started afresh beside an old `.bak` does not drop it.
   */
  private async keepPrevious(): Promise<void> {
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
async function previousCopyHint(file: string): Promise<string> {
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
      return ` The previous good copy (one write older, ${data.accounts.length} accounts) is ${previous}: to go back to it, replace ${file} with it.`;
    }
  } catch {
    // falls through
  }
  return ` ${previous} is there too but is not a readable store either.`;
}

/** JSON of records by identity; valid because records are replaced, never mutated. */
const recordJson = new WeakMap<object, string>();

function jsonOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let text = recordJson.get(value);
  if (text === undefined) recordJson.set(value, (text = JSON.stringify(value)));
  return text;
}

/**
 * The file's JSON in pieces of about 1 MB: top-level arrays element by element (from the
 * cache), everything else whole. The caller awaits a write between pieces, so the event loop
 * keeps serving requests.
 */
function* jsonChunks(data: object): Generator<string> {
  const CHUNK = 1 << 20;
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
    for (let i = 0; i < value.length; i++) yield* push((i === 0 ? '[' : ',') + jsonOf(value[i]));
    yield* push(value.length === 0 ? '[]' : ']');
  }
  parts.push(separator === '{' ? '{}' : '}');
  yield parts.join('');
}

/** Opens (or creates) the store in `${dir}/cloud-login.json`; refuses a corrupt file. */
export async function createLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, DATA_FILE);
  const release = await lockDataFile(file);
  try {
    const db = new Low<Data>(new DurableJsonFile<Data>(file), emptyData());
    await db.read();
    return new LowdbStore(db, file, options, release);
  } catch (error) {
    await release();
    if (error instanceof StoreFileError) throw new StoreFileError(error.message + (await previousCopyHint(file)));
    throw error;
  }
}

/** The same store on lowdb's in-memory adapter: for unit tests, nothing touches the disk. */
export async function createMemoryStore(options: StoreOptions = {}): Promise<Store> {
  const db = new Low<Data>(new Memory<Data>(), emptyData());
  return new LowdbStore(db, '(memory)', options, async () => {});
}

// ---------------------------------------------------------------------------------------------

/** Data files open in this process (a second store on one file would lose writes). */
const openFiles = new Set<string>();

/**
 * Two servers on one data directory would overwrite each other's writes, so the file is locked
 * by a `.lock` file holding the owner's pid. A lock whose process is gone (a crash, a restarted
 * container where we got the same pid) is taken over.
 */
async function lockDataFile(file: string): Promise<() => Promise<void>> {
  if (openFiles.has(file)) throw new StoreFileError(`cloud-login: the data file ${file} is already open in this process`);
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
          throw new StoreFileError(`cloud-login: cannot lock the data file ${file} (${lock}): ${(error as Error).message}`);
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
  private readonly pruneTimer: NodeJS.Timeout;
  private closed = false;

  // Records, keyed by id or token hash.
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly tickets = new Map<string, TicketRecord>();
  private readonly emailLinks = new Map<string, EmailLinkRecord>();
  private outbox: OutboxRecord[] = [];
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
  private pending: Deferred | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: Low<Data>,
    private readonly file: string,
    options: StoreOptions,
    private readonly release: () => Promise<void>,
  ) {
    this.now = options.now ?? Date.now;
    this.codeRetentionMs = options.codeRetentionMs ?? DAY;
    this.outboxLimit = options.outboxLimit ?? 500;
    this.qrRetentionMs = options.qrRetentionMs ?? 10 * 60_000;
    this.load(db.data);
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), options.pruneIntervalMs ?? 60_000);
    this.pruneTimer.unref(); // never keeps the process alive on its own
  }

  private load(data: unknown): void {
    const d = data as Partial<Data> | null;
    const lists = ['accounts', 'sessions', 'codes', 'tickets', 'emailLinks', 'outbox'] as const;
    const later = ['qr', 'grants', 'idpUsers'] as const;
    if (
      !d ||
      typeof d !== 'object' ||
      d.version !== 1 ||
      lists.some((name) => !Array.isArray(d[name])) ||
      later.some((name) => d[name] !== undefined && !Array.isArray(d[name]))
    ) {
      throw new StoreFileError(
        `cloud-login: the data file ${this.file} is not a cloud-login store (version 1). ` +
          'It was left untouched: restore it from a backup, or move it away to start with an empty store.',
      );
    }
    for (const account of d.accounts!) this.insertAccount(account);
    for (const session of d.sessions!) this.sessions.set(session.tokenHash, session);
    for (const code of d.codes!) this.insertCode(code);
    for (const ticket of d.tickets!) this.tickets.set(ticket.tokenHash, ticket);
    for (const link of d.emailLinks!) this.emailLinks.set(link.tokenHash, link);
    this.outbox = d.outbox!;
    for (const record of d.qr ?? []) this.qr.set(record.id, record);
    for (const grant of d.grants ?? []) this.grants.set(key(grant.kind, grant.key), grant);
    for (const user of d.idpUsers ?? []) this.insertIdpUser(user);
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
    while (this.pending) {
      const batch = this.pending;
      this.pending = undefined;
      try {
        // The snapshot is taken synchronously here, so it holds every mutation of this batch.
        this.db.data = this.snapshot();
        await this.db.write();
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    }
    this.writing = undefined;
  }

  private snapshot(): Data {
    return {
      version: 1,
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
    for (const [hash, session] of this.sessions) if (Date.parse(session.expiresAt) <= now) this.sessions.delete(hash);
    for (const [hash, ticket] of this.tickets) if (Date.parse(ticket.expiresAt) <= now) this.tickets.delete(hash);
    for (const [hash, link] of this.emailLinks) if (Date.parse(link.expiresAt) <= now) this.emailLinks.delete(hash);
    for (const [id, record] of this.qr) if (Date.parse(record.expiresAt) + this.qrRetentionMs <= now) this.qr.delete(id);
    for (const [k, grant] of this.grants) if (Date.parse(grant.expiresAt) <= now) this.grants.delete(k);
    // Codes are inserted in creation order, so the old ones are at the front.
    for (const code of this.codes.values()) {
      if (Date.parse(code.createdAt) > now - this.codeRetentionMs) break;
      this.removeCode(code);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pruneTimer);
    while (this.writing) await this.writing;
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
    this.insertAccount(clone(account));
    await this.commit();
    return { ok: true };
  }

  async getAccount(id: string): Promise<AccountRecord | undefined> {
    const account = this.accounts.get(id);
    return account && clone(account);
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
    this.reindexAccount(current, stored);
    await this.commit();
    return clone(stored);
  }

  // ---- sessions ----------------------------------------------------------------------------

  async putSession(session: SessionRecord): Promise<void> {
    this.open();
    this.sessions.set(session.tokenHash, clone(session));
    await this.commit();
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= this.now()) return undefined;
    return clone(session);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.open();
    if (this.sessions.delete(tokenHash)) await this.commit();
  }

  // ---- codes -------------------------------------------------------------------------------

  private insertCode(code: CodeRecord): void {
    this.codes.set(code.id, code);
    if (code.consumedAt === undefined) this.liveCode.set(key(code.provider, code.phone, code.purpose), code.id);
    this.lastCode.set(key(code.provider, code.phone), code.id);
    addTo(this.codesByPhone, code.phone, code.id);
    addTo(this.codesByAddress, code.address, code.id);
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
    if (previous && previous.consumedAt === undefined) this.codes.set(previous.id, { ...previous, consumedAt: code.createdAt });
    this.insertCode(clone(code));
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
    if (safeEqual(code.codeHash, codeHash)) {
      next = { ...code, consumedAt: now };
      result = { ok: true };
    } else {
      const attempts = code.attempts + 1;
      const remaining = Math.max(0, maxAttempts - attempts);
      // At zero the code is dead: no more guesses at it.
      next = remaining === 0 ? { ...code, attempts, consumedAt: now } : { ...code, attempts };
      result = { ok: false, reason: 'wrong', remaining };
    }
    this.codes.set(code.id, next);
    if (next.consumedAt !== undefined) this.liveCode.delete(key(provider, phone, purpose));
    await this.commit();
    return result;
  }

  // ---- tickets and links -------------------------------------------------------------------

  async putTicket(ticket: TicketRecord): Promise<void> {
    this.open();
    this.tickets.set(ticket.tokenHash, clone(ticket));
    await this.commit();
  }

  async consumeTicket<T>(provider: ProviderId, tokenHash: string, now: string): Promise<TicketRecord<T> | undefined> {
    this.open();
    const ticket = this.tickets.get(tokenHash);
    if (!ticket || ticket.provider !== provider) return undefined;
    this.tickets.delete(tokenHash);
    await this.commit();
    return Date.parse(ticket.expiresAt) <= Date.parse(now) ? undefined : (ticket as TicketRecord<T>);
  }

  async putEmailLink(link: EmailLinkRecord): Promise<void> {
    this.open();
    this.emailLinks.set(link.tokenHash, clone(link));
    await this.commit();
  }

  async consumeEmailLink(tokenHash: string, now: string): Promise<{ ok: true; link: EmailLinkRecord } | { ok: false; reason: 'missing' | 'expired' }> {
    this.open();
    const link = this.emailLinks.get(tokenHash);
    if (!link || link.usedAt !== undefined) return { ok: false, reason: 'missing' };
    if (Date.parse(link.expiresAt) <= Date.parse(now)) return { ok: false, reason: 'expired' };
    const used = { ...link, usedAt: now };
    this.emailLinks.set(tokenHash, used);
    await this.commit();
    return { ok: true, link: clone(used) };
  }

  // ---- app QR login ------------------------------------------------------------------------

  async putQr(record: QrRecord): Promise<void> {
    this.open();
    if (this.qr.has(record.id)) throw new Error(`store: QR id ${record.id} already exists`);
    this.qr.set(record.id, clone(record));
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
    this.qr.set(id, next);
    await this.commit();
    return { ok: true, record: clone(next) };
  }

  async claimQr(provider: ProviderId, id: string, secretHash: string, now: string): Promise<QrClaim> {
    this.open();
    const record = this.qr.get(id);
    if (!record || record.provider !== provider || !safeEqual(record.secretHash, secretHash)) return { ok: false, reason: 'missing' };
    if (record.status !== 'confirmed') return { ok: false, reason: 'unconfirmed', record: clone(record) };
    if (record.claimedAt !== undefined) return { ok: false, reason: 'claimed', record: clone(record) };
    const next = { ...record, claimedAt: now };
    this.qr.set(id, next);
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
    this.grants.set(key(grant.kind, grant.key), clone(grant));
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
    this.grants.delete(key(kind, k));
    await this.commit();
    return Date.parse(grant.expiresAt) > Date.parse(now) ? (grant as GrantRecord<T>) : undefined;
  }

  async updateGrant<T>(kind: string, k: string, now: string, change: (data: T) => T): Promise<GrantRecord<T> | undefined> {
    this.open();
    const grant = this.liveGrant(kind, k, now);
    if (!grant) return undefined;
    const next = { ...grant, data: clone(change(clone(grant.data) as T)) };
    this.grants.set(key(kind, k), next);
    await this.commit();
    return clone(next) as GrantRecord<T>;
  }

  // ---- users of the simulated identity providers ------------------------------------------

  private insertIdpUser(user: IdpUserRecord): void {
    this.idpUsers.set(user.id, user);
    this.idpUserByLogin.set(key(user.idp, user.loginKey), user.id);
  }

  async createIdpUser(user: IdpUserRecord): Promise<{ ok: true } | { ok: false; existing: IdpUserRecord }> {
    this.open();
    const existing = this.idpUserByLogin.get(key(user.idp, user.loginKey));
    if (existing !== undefined) return { ok: false, existing: clone(this.idpUsers.get(existing)!) };
    if (this.idpUsers.has(user.id)) throw new Error(`store: identity-provider user id ${user.id} already exists`);
    this.insertIdpUser(clone(user));
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
    this.outbox.push(clone(message));
    if (this.outbox.length > this.outboxLimit) this.outbox.splice(0, this.outbox.length - this.outboxLimit);
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
