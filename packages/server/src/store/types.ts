/**
 * The store behind the reference server: one small interface per collection. Every operation is
 * async and atomic on its own, so the lowdb store (one process) and a database store (many) can
 * both implement it: uniqueness is create-if-absent inside the store, and codes, tickets and
 * links are consumed once inside the store, never by a read-then-write in a route. A new store
 * runs `storeConformance` (conformance.ts) to show it behaves like the lowdb one.
 *
 * Secrets (session tokens, codes, ticket and link tokens) are only ever stored as hashes.
 */
import type { Idp, ProviderId } from '@cloud-login/core';

/**
 * A record as the store hands it out to be read, not changed: the stored object itself, shared
 * and frozen (a write would throw), typed readonly all the way down so the compiler refuses it
 * too. Saves the copy on hot reads that only look or serialise (`GET /session`).
 */
export type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

export interface Connection {
  idp: Idp;
  /** unionid when the identity provider gives one, else openid. */
  subject: string;
  boundAt: string;
  /** The provider's name for the person when it was bound (WeChat nickname, 002). */
  nickname?: string;
}

export interface AccountRecord {
  id: string;
  provider: ProviderId;
  kind: 'main' | 'sub';
  /** Set for sub-accounts: the main account that created them. */
  parentId?: string;
  /** As the user typed it (NFC), shown back. */
  accountName?: string;
  /** NFKC + case-fold of the name: the uniqueness key. */
  accountNameKey?: string;
  /** The name was made up for an account created at a third-party login (002): its owner may choose one, once. */
  accountNameGenerated?: boolean;
  passwordHash?: string;
  /** E.164. */
  phone?: string;
  /** Whether the phone is a login identifier of this account (JD: only the first owner). */
  phoneLoginable: boolean;
  /** Normalised (trimmed, lower-case). */
  email?: string;
  emailVerified: boolean;
  /** Whether the email is a login identifier of this account. */
  emailLoginable: boolean;
  connections: Connection[];
  /** Parent (JD) account created before the preset's legacy cut-off and not upgraded. */
  legacy: boolean;
  /** `pending_activation`: Tencent email registration before its link is followed. */
  status: 'active' | 'pending_activation';
  industry?: string;
  recommendationCode?: string;
  contactPhone?: string;
  contactEmail?: string;
  agreements?: string[];
  /** Two-step verification with an authenticator app, while it is on (flows/totp.ts). */
  totp?: TotpRecord;
  createdAt: string;
  updatedAt: string;
}

/** An account's TOTP two-step verification (docs/flows.md#two-step-verification). */
export interface TotpRecord {
  /** The base32 secret, sealed with the server secret (`Sealer`): the app and the server share it. */
  secret: string;
  enabledAt: string;
  /** The newest 30-second time step a code was accepted for: codes of it or earlier are refused. */
  lastStep: number;
  /** HMACs of the recovery codes not yet used. */
  recoveryCodes: string[];
}

/**
 * `connection`: one of the record's connections (idp + subject) is already bound to another
 * account of the provider — a race between two first logins with one identity.
 */
export type CreateAccountConflict = 'accountName' | 'email' | 'phoneLimit' | 'connection';

/** Thrown by `accounts.update` when the changed record would break a uniqueness rule. */
export class StoreConflictError extends Error {
  constructor(readonly conflict: CreateAccountConflict) {
    super(`store: ${conflict} conflict`);
    this.name = 'StoreConflictError';
  }
}

export interface CreateAccountOptions {
  /** Refuse when the email already belongs to an account of the provider. */
  emailUnique: boolean;
  /** Refuse when the phone already has this many accounts of the provider (`null`: no limit). */
  maxAccountsPerPhone: number | null;
}

export interface SessionRecord {
  tokenHash: string;
  accountId: string;
  provider: ProviderId;
  createdAt: string;
  expiresAt: string;
  /** Last use, recorded at most about hourly (absent: `createdAt`), for the idle timeout. */
  lastSeenAt?: string;
}

export type CodePurpose = 'register' | 'login' | 'bind' | 'reset' | 'reauth';

export interface CodeRecord {
  id: string;
  provider: ProviderId;
  /**
   * What the code was sent for and its limits count: an E.164 phone; for purpose `reset`, the
   * identifier typed (a phone, an email, or `name:` + an account-name key).
   */
  phone: string;
  purpose: CodePurpose;
  channel: 'sms' | 'voice' | 'email';
  codeHash: string;
  /** Client address that asked for it, for the per-address daily cap. */
  address: string;
  attempts: number;
  /** Set when used successfully or killed by too many wrong tries. */
  consumedAt?: string;
  createdAt: string;
  expiresAt: string;
}

export type CodeCheck =
  | { ok: true }
  /** No live code for this phone and purpose (never sent, used, expired, or killed). */
  | { ok: false; reason: 'missing' | 'expired' }
  /** Wrong code; `remaining` tries before it dies (0: it just died). */
  | { ok: false; reason: 'wrong'; remaining: number };

export interface TicketRecord<T = unknown> {
  tokenHash: string;
  provider: ProviderId;
  kind: string;
  data: T;
  createdAt: string;
  expiresAt: string;
}

export interface EmailLinkRecord {
  tokenHash: string;
  provider: ProviderId;
  accountId: string;
  email: string;
  purpose: 'verify' | 'activate';
  returnTo?: string;
  /**
   * Hash of the secret the registering tab keeps (`flowHash` of `POST /accounts`): the ticket
   * the link hands through the address is bound to it.
   */
  flowHash?: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

/** A QR ticket's state as stored; `expired` is not stored but read from the clock. */
export type QrState = 'pending' | 'scanned' | 'confirmed' | 'denied';

/**
 * App QR login (docs/flows.md#app-qr-login). The browser that created it holds the secret (only its hash is here); the
 * mobile app that scans it moves it along. The session is handed out once, to the secret holder:
 * `claimedAt` is set inside the store by `qr.claim`.
 */
export interface QrRecord {
  /** Public (it is in the QR payload), random. */
  id: string;
  provider: ProviderId;
  secretHash: string;
  status: QrState;
  /** What the mobile app shows about who is asking; nothing secret. */
  info: { browser: string; createdAt: string };
  /** The account that scanned it (the mobile app's session); the one signed in on confirm. */
  accountId?: string;
  createdAt: string;
  /** Scans, confirmations and denials are refused from this moment on. */
  expiresAt: string;
  scannedAt?: string;
  decidedAt?: string;
  claimedAt?: string;
}

export type QrAdvance =
  | { ok: true; record: QrRecord }
  /** `missing`: unknown id or another provider's; `expired`: past `expiresAt`; `state`: not in a state it may move from, or scanned by another account. */
  | { ok: false; reason: 'missing' | 'expired' | 'state'; record?: QrRecord };

export type QrClaim =
  | { ok: true; record: QrRecord }
  /** `missing`: unknown id or wrong secret (not told apart); `unconfirmed`: not confirmed; `claimed`: already handed out. */
  /** The record of a refusal is the stored one, frozen: every poll of a pending code gets one, and only reads it. */
  | { ok: false; reason: 'missing' | 'unconfirmed' | 'claimed'; record?: Frozen<QrRecord> };

/**
 * A short-lived, single-purpose record keyed by a hash or a random id: scenes awaiting a WeChat
 * Official Account event; OAuth codes, access tokens and QR scenes of the simulated identity
 * providers. `kind` namespaces the keys.
 */
export interface GrantRecord<T = unknown> {
  kind: string;
  key: string;
  data: T;
  createdAt: string;
  expiresAt: string;
}

/**
 * A passkey (WebAuthn credential, docs/flows.md#passkeys) of an account. Nothing here is secret:
 * the private key never leaves the authenticator.
 */
export interface PasskeyRecord {
  /** The credential id (base64url), unique across the store. */
  id: string;
  provider: ProviderId;
  accountId: string;
  /** The credential's COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter at its last use (0: an authenticator that keeps none). */
  counter: number;
  transports?: string[];
  /** `multiDevice`: a synced passkey; `singleDevice`: bound to one authenticator. */
  deviceType: 'singleDevice' | 'multiDevice';
  /** Backed up (synced) at its last use. */
  backedUp: boolean;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
}

/** A sign-in with a passkey, as `passkeys.recordUse` stores it. */
export interface PasskeyUse {
  counter: number;
  backedUp: boolean;
  at: string;
}

export type CreateAccountResult = { ok: true } | { ok: false; conflict: CreateAccountConflict };

export interface AccountStore {
  /**
   * Creates the account unless its name key (or, with `emailUnique`, its email) is already
   * taken in the provider, its phone already has `maxAccountsPerPhone` accounts, or one of its
   * connections is bound to another account. Atomic: of two parallel calls for one name,
   * exactly one succeeds.
   */
  create(account: AccountRecord, options: CreateAccountOptions): Promise<CreateAccountResult>;
  get(id: string): Promise<AccountRecord | undefined>;
  /** The same record without a copy, frozen: for reads that do not change it. */
  view(id: string): Promise<Frozen<AccountRecord> | undefined>;
  findByName(provider: ProviderId, accountNameKey: string): Promise<AccountRecord | undefined>;
  /** Oldest holder first (the order in which the accounts got the phone). */
  findByPhone(provider: ProviderId, phone: string): Promise<AccountRecord[]>;
  /** Oldest holder first. */
  findByEmail(provider: ProviderId, email: string): Promise<AccountRecord[]>;
  findByConnection(provider: ProviderId, idp: Idp, subject: string): Promise<AccountRecord | undefined>;
  listSubaccounts(parentId: string): Promise<AccountRecord[]>;
  count(provider?: ProviderId): Promise<number>;
  /**
   * Applies `change` (synchronous; it gets a copy) to the current record atomically and returns
   * the result, with `updatedAt` set; `undefined` when there is no such account. `change` may
   * throw to abort (nothing is written). A name change and a new connection are always checked
   * for uniqueness; an email change when `options.emailUnique`; a phone change against
   * `options.maxAccountsPerPhone`. A conflict throws `StoreConflictError` and writes nothing.
   */
  update(
    id: string,
    change: (account: AccountRecord) => AccountRecord,
    options?: Partial<CreateAccountOptions>,
  ): Promise<AccountRecord | undefined>;
}

export interface SessionStore {
  put(session: SessionRecord): Promise<void>;
  /** `undefined` when unknown or expired. */
  get(tokenHash: string): Promise<SessionRecord | undefined>;
  /** The same record without a copy, frozen: for reads that do not change it. */
  view(tokenHash: string): Promise<Frozen<SessionRecord> | undefined>;
  delete(tokenHash: string): Promise<void>;
  /** The account's live sessions, oldest first: for the cap on sessions per account. */
  listOf(accountId: string): Promise<SessionRecord[]>;
  /**
   * Ends every session of the account except the one with `exceptTokenHash` (when given);
   * returns how many ended. For a password reset or change.
   */
  deleteOf(accountId: string, exceptTokenHash?: string): Promise<number>;
  /** Sets `lastSeenAt` on the session if it still exists (never brings back a deleted one); `false` when gone. */
  touch(tokenHash: string, lastSeenAt: string): Promise<boolean>;
  /**
   * `view` and `accounts.view` of its account (`undefined` when the account is gone) in one
   * read, for every authenticated request. Optional: a store where each read is a round trip to
   * a database offers it; without it, the server makes the two reads.
   */
  viewWithAccount?(tokenHash: string): Promise<SessionWithAccount | undefined>;
}

export interface SessionWithAccount {
  session: Frozen<SessionRecord>;
  account: Frozen<AccountRecord> | undefined;
}

export interface CodeStore {
  /** Stores a new code; earlier live codes for the same phone and purpose die. */
  put(code: CodeRecord): Promise<void>;
  /** The newest code sent to this phone (any purpose), for the resend cooldown. */
  last(provider: ProviderId, phone: string): Promise<CodeRecord | undefined>;
  /**
   * Codes created since `since` (ISO) for a phone or for an address (both given: codes matching
   * both), across providers, for the daily caps. Codes are kept 24 hours for this.
   */
  countSince(filter: { phone?: string; address?: string }, since: string): Promise<number>;
  /**
   * Checks `codeHash` against the live code for phone + purpose and consumes it on a match,
   * counting a wrong try otherwise (the code dies at `maxAttempts`). Atomic: one code used in
   * parallel succeeds at most once.
   */
  check(
    provider: ProviderId,
    phone: string,
    purpose: CodePurpose,
    codeHash: string,
    now: string,
    maxAttempts: number,
  ): Promise<CodeCheck>;
}

/** Flow tickets, single use. */
export interface TicketStore {
  put(ticket: TicketRecord): Promise<void>;
  /** Returns and deletes the ticket; `undefined` when unknown, used or expired. */
  consume<T>(provider: ProviderId, tokenHash: string, now: string): Promise<TicketRecord<T> | undefined>;
}

/** Email links, single use. */
export interface EmailLinkStore {
  put(link: EmailLinkRecord): Promise<void>;
  /** The link if it is unused and unexpired, without spending it (a page that only shows it). */
  peek(tokenHash: string, now: string): Promise<EmailLinkRecord | undefined>;
  /** Marks the link used and returns it; `expired` / `missing` (unknown or already used) otherwise. */
  consume(
    tokenHash: string,
    now: string,
  ): Promise<{ ok: true; link: EmailLinkRecord } | { ok: false; reason: 'missing' | 'expired' }>;
}

/**
 * Change notification for QR tickets, keyed by ticket id: the QR stream (`GET /qr/{id}/events`)
 * subscribes and re-reads the ticket when told; the store publishes after every committed change
 * of a ticket's state. `createQrChanges()` is the in-process one the lowdb store uses. A store
 * shared by several processes (PostgreSQL) publishes with NOTIFY and, LISTENing, calls
 * `publish(id)` on its local subscribers for the ids other processes changed — the stream needs
 * nothing else.
 */
export interface QrChanges {
  /** Calls `listener` after each change of ticket `id`, until the returned function is called. */
  subscribe(id: string, listener: () => void): () => void;
  /** Tells the subscribers of `id` that its state changed; they read the store again. */
  publish(id: string): void;
}

export interface QrStore {
  /** Told after every committed `advance` and `claim` (see `QrChanges`). */
  readonly changes: QrChanges;
  put(record: QrRecord): Promise<void>;
  /** The record while it is kept (until a while after it expires), any state. */
  get(id: string): Promise<QrRecord | undefined>;
  /**
   * Moves the QR from one of `from` to `to` atomically, refused once `now` reaches `expiresAt`.
   * The first move records `accountId`; later moves must come from the same account.
   */
  advance(
    provider: ProviderId,
    id: string,
    move: { from: readonly QrState[]; to: QrState; accountId: string; now: string },
  ): Promise<QrAdvance>;
  /** Consume-once: the confirmed record for the holder of `secretHash`, the first time only. */
  claim(provider: ProviderId, id: string, secretHash: string, now: string): Promise<QrClaim>;
}

export interface GrantStore {
  /** Create-if-absent on kind + key: `false` when a live grant already has them. */
  put(grant: GrantRecord): Promise<boolean>;
  /** `undefined` when unknown or expired. */
  get<T>(kind: string, key: string, now: string): Promise<GrantRecord<T> | undefined>;
  /** Returns and deletes the grant; `undefined` when unknown, used or expired. Atomic. */
  consume<T>(kind: string, key: string, now: string): Promise<GrantRecord<T> | undefined>;
  /** Applies `change` (synchronous) to the live grant's data atomically; `undefined` when unknown or expired. */
  update<T>(
    kind: string,
    key: string,
    now: string,
    change: (data: T) => T,
  ): Promise<GrantRecord<T> | undefined>;
}

/**
 * Sliding-window counters several processes share: failed logins, registrations per address and
 * the other throttles (`createAuthServer`'s `limits`). A store without them leaves the server to
 * count in its own memory, which is right for one process.
 */
export interface HitStore {
  /**
   * Counts a hit of `key` unless it already has `limit` hits in the `windowMs` before `now` (a
   * refused hit does not count). Atomic: of parallel hits, at most `limit` pass.
   */
  hit(key: string, limit: number, windowMs: number, now: number): Promise<HitResult>;
  /** The answer `hit` would give, without counting. */
  peek(key: string, limit: number, windowMs: number, now: number): Promise<HitResult>;
  /** Takes back the newest hit of `key`. */
  release(key: string): Promise<void>;
  /** Forgets every hit of `key`. */
  reset(key: string): Promise<void>;
  /**
   * Runs `steps` in order, in one round trip: each as the method of its name would, except
   * that a `hit` refused (or a `peek` of a full window) whose `stop` is set skips the steps
   * after it. One answer per step: `undefined` for a release, a reset or a skipped step. List
   * keys in one fixed order: a store may hold each hit's lock until the last step. Absent, the
   * server runs the steps one by one (`runSteps` in rate-limit.ts).
   */
  steps?(steps: readonly HitStep[], now: number): Promise<(HitResult | undefined)[]>;
}

/** One step of `HitStore.steps`. */
export type HitStep =
  | { op: 'hit' | 'peek'; key: string; limit: number; windowMs: number; stop?: boolean }
  | { op: 'release' | 'reset'; key: string };

/**
 * Mutual exclusion per key across every process on the store, for the few decisions that span
 * two operations ("is this phone's cooldown over?" then "store the code"). Absent: the server
 * locks in its own memory, which is right for one process.
 */
export interface StoreLocks {
  /** Runs `work` while holding every key (taken in a fixed order, so two callers never deadlock). */
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
}

/** `retryAfter`: whole seconds until the oldest hit leaves the window (at least 1). */
export type HitResult = { ok: true; remaining: number } | { ok: false; retryAfter: number };

export interface PasskeyStore {
  /** Create-if-absent on the credential id: `false` when it is stored already (for any account). */
  create(passkey: PasskeyRecord): Promise<boolean>;
  get(id: string): Promise<PasskeyRecord | undefined>;
  /** The account's passkeys, oldest first. */
  listOf(accountId: string): Promise<PasskeyRecord[]>;
  /**
   * Records a sign-in atomically: `false` (nothing written) when the passkey is gone, or when
   * the counter did not move forward while either value is non-zero — a replayed assertion, or
   * a cloned authenticator. Of two parallel uses with one counter, at most one succeeds.
   */
  recordUse(id: string, use: PasskeyUse): Promise<boolean>;
  /** Renames one of the account's passkeys; `undefined` when it has no such passkey. */
  rename(accountId: string, id: string, name: string): Promise<PasskeyRecord | undefined>;
  /** Deletes one of the account's passkeys; `false` when it has no such passkey. */
  delete(accountId: string, id: string): Promise<boolean>;
}

export interface Store {
  accounts: AccountStore;
  sessions: SessionStore;
  /** Verification codes. */
  codes: CodeStore;
  tickets: TicketStore;
  emailLinks: EmailLinkStore;
  /** App QR login. */
  qr: QrStore;
  /** Scenes and the simulated identity providers' codes and tokens. */
  grants: GrantStore;
  /** Throttle counters shared by every process on the store; absent: each process counts alone. */
  hits?: HitStore;
  /** Flow locks shared by every process on the store; absent: each process locks alone. */
  locks?: StoreLocks;
  /**
   * Whether `error` (thrown by one of the store's operations) means the store cannot be reached
   * right now — a database that is down or restarting — rather than a bug. Such requests answer
   * `503 server_busy` with `Retry-After`; the store reconnects by itself.
   */
  unavailable?(error: unknown): boolean;
  /** Passkeys (WebAuthn credentials) of the accounts. */
  passkeys: PasskeyStore;
  /** Flushes pending writes and releases the data. */
  close(): Promise<void>;
}
