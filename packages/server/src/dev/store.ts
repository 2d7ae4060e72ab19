/**
 * Dev mode's own records, apart from the `Store` interface: the dev outbox (what the dev senders
 * "sent") and the users of the simulated identity providers. A store that keeps dev records in
 * its data file (the lowdb store, see store/kept.ts) keeps these across restarts; for any other
 * store they live in memory.
 */
import type { Idp, ProviderId } from '@cloud-login/core';
import { keptRecordsOf, type KeptRecord, type KeptRecords } from '../store/kept.ts';
import type { Store } from '../store/types.ts';

export interface OutboxRecord {
  channel: 'sms' | 'voice' | 'email';
  provider?: ProviderId;
  to: string;
  purpose: string;
  code?: string;
  link?: string;
  /** Email only. */
  subject?: string;
  text: string;
  sentAt: string;
}

/**
 * A user of a simulated identity provider: what the simulated WeChat, QQ or JD keeps about the
 * people who sign in there. `loginKey` is unique per identity provider.
 */
export interface IdpUserRecord {
  id: string;
  idp: Idp;
  /** Normalised (trimmed, NFKC, lower-case) login name: the uniqueness key. */
  loginKey: string;
  displayName: string;
  /** JD only: the password the simulated JD checks. */
  passwordHash?: string;
  /** JD only: the mobile phone on the JD account, which its user-info answer gives the app. */
  phone?: string;
  /** The cross-application id (WeChat/QQ unionid, JD xid). */
  unionid: string;
  createdAt: string;
}

export interface OutboxStore {
  add(message: OutboxRecord): Promise<void>;
  /** Newest first; `limit` defaults to 100. Only the newest messages are kept. */
  list(filter: { provider?: ProviderId; to?: string; limit?: number }): Promise<OutboxRecord[]>;
}

export interface IdpUserStore {
  /** Create-if-absent on idp + loginKey. */
  create(user: IdpUserRecord): Promise<{ ok: true } | { ok: false; existing: IdpUserRecord }>;
  find(idp: Idp, loginKey: string): Promise<IdpUserRecord | undefined>;
  get(id: string): Promise<IdpUserRecord | undefined>;
}

export interface DevStore {
  outbox: OutboxStore;
  idpUsers: IdpUserStore;
}

/** Messages the in-memory outbox keeps. */
const OUTBOX_LIMIT = 500;

function memoryRecords(shape: { keyOf: (record: KeptRecord) => string } | { limit: number }): KeptRecords {
  const byKey = new Map<string, KeptRecord>();
  const list: KeptRecord[] = [];
  return {
    values: () => ('keyOf' in shape ? byKey.values() : list),
    async add(record) {
      const copy = structuredClone(record);
      if ('keyOf' in shape) byKey.set(shape.keyOf(copy), copy);
      else if (list.push(copy) > shape.limit) list.splice(0, list.length - shape.limit);
    },
  };
}

function outboxOn(records: KeptRecords): OutboxStore {
  return {
    add: (message) => records.add(message as unknown as KeptRecord),
    async list(filter) {
      await records.refresh?.();
      const limit = filter.limit ?? 100;
      const all = [...(records.values() as Iterable<OutboxRecord>)];
      const found: OutboxRecord[] = [];
      for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
        const message = all[i]!;
        if (filter.provider !== undefined && message.provider !== filter.provider) continue;
        if (filter.to !== undefined && message.to !== filter.to) continue;
        found.push(structuredClone(message));
      }
      return found;
    },
  };
}

/** Few users, only in dev mode: a scan is fine, and keeps the store free of dev indexes. */
function idpUsersOn(records: KeptRecords): IdpUserStore {
  const users = () => records.values() as Iterable<IdpUserRecord>;
  const first = (test: (user: IdpUserRecord) => boolean) => {
    for (const user of users()) if (test(user)) return structuredClone(user);
    return undefined;
  };
  return {
    async create(user) {
      await records.refresh?.();
      // Checked and stored in one synchronous step (up to `add`'s first await): atomic in one
      // process. Across processes two first sign-ins of one new simulated user may race; dev
      // mode runs one process.
      const existing = first((u) => u.idp === user.idp && u.loginKey === user.loginKey);
      if (existing) return { ok: false, existing };
      if (first((u) => u.id === user.id))
        throw new Error(`store: identity-provider user id ${user.id} already exists`);
      await records.add(user as unknown as KeptRecord);
      return { ok: true };
    },
    find: async (idp, loginKey) => {
      await records.refresh?.();
      return first((u) => u.idp === idp && u.loginKey === loginKey);
    },
    get: async (id) => {
      await records.refresh?.();
      return first((u) => u.id === id);
    },
  };
}

const devStores = new WeakMap<Store, DevStore>();

/** The dev records that go with `store` (one set per store). Only dev mode asks. */
export function devStoreOf(store: Store): DevStore {
  let dev = devStores.get(store);
  if (!dev) {
    const kept = keptRecordsOf(store) ?? {
      outbox: memoryRecords({ limit: OUTBOX_LIMIT }),
      idpUsers: memoryRecords({ keyOf: (user) => user.id as string }),
    };
    dev = { outbox: outboxOn(kept.outbox), idpUsers: idpUsersOn(kept.idpUsers) };
    devStores.set(store, dev);
  }
  return dev;
}
