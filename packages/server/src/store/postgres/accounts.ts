/**
 * Accounts in PostgreSQL. Name and identity uniqueness are unique indexes (the loser of a race
 * gets a unique violation, mapped to its conflict); the per-call rules (an email unique only
 * when asked, the accounts-per-phone limit) are counted inside a transaction that holds an
 * advisory lock on the provider + phone (+ email), so two processes cannot both pass the count.
 */
import type { Idp, ProviderId } from '@cloud-login/core';
import {
  StoreConflictError,
  type AccountRecord,
  type AccountStore,
  type CreateAccountConflict,
  type CreateAccountOptions,
  type CreateAccountResult,
  type Frozen,
} from '../types.ts';
import { deepFreeze, json, lockKey, uniqueViolation, type Db, type Query } from './shared.ts';

/** Frozen views kept for `view` (same object while the row's version is unchanged), at most this many. */
const VIEW_CACHE = 10_000;

/** Raised inside a transaction to roll it back with a conflict. */
class Refused extends Error {
  constructor(readonly conflict: CreateAccountConflict) {
    super(conflict);
  }
}

function conflictOfViolation(error: unknown): CreateAccountConflict | undefined {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) return undefined;
  if (constraint === 'cl_accounts_name') return 'accountName';
  if (constraint === 'cl_connections_pkey') return 'connection';
  return undefined;
}

export class PostgresAccounts implements AccountStore {
  private readonly views = new Map<string, { version: number; record: Frozen<AccountRecord> }>();

  constructor(private readonly db: Db) {}

  /**
   * The per-call rules for `next` (an update passes `previous`): email and phone are checked
   * only when they change, so an account already over a limit can still be edited. Locks first,
   * always phone before email, so two transactions never wait on each other in a circle.
   */
  private async check(
    tx: Query,
    next: AccountRecord,
    previous: AccountRecord | undefined,
    options: Partial<CreateAccountOptions>,
  ): Promise<void> {
    const p = next.provider;
    const max = options.maxAccountsPerPhone;
    const phone = max != null && next.phone !== undefined && next.phone !== previous?.phone;
    const email = options.emailUnique && next.email !== undefined && next.email !== previous?.email;
    if (phone) await lockKey(tx, `phone ${p} ${next.phone}`);
    if (email) await lockKey(tx, `email ${p} ${next.email}`);
    if (next.accountNameKey !== undefined && next.accountNameKey !== previous?.accountNameKey) {
      const [owner] = await tx`select 1 from cl_accounts
        where provider = ${p} and name_key = ${next.accountNameKey} and id <> ${next.id}`;
      if (owner) throw new Refused('accountName');
    }
    if (email) {
      const [taken] = await tx`select 1 from cl_accounts
        where provider = ${p} and email = ${next.email!} and id <> ${next.id} limit 1`;
      if (taken) throw new Refused('email');
    }
    if (phone) {
      const [{ n }] = (await tx`select count(*)::int as n from cl_accounts
        where provider = ${p} and phone = ${next.phone!} and id <> ${next.id}`) as unknown as [{ n: number }];
      if (n >= max) throw new Refused('phoneLimit');
    }
  }

  private async connect(tx: Query, account: AccountRecord, previous: AccountRecord | undefined) {
    const had = new Set((previous?.connections ?? []).map((c) => `${c.idp}\u0000${c.subject}`));
    const has = new Set(account.connections.map((c) => `${c.idp}\u0000${c.subject}`));
    for (const c of previous?.connections ?? []) {
      if (!has.has(`${c.idp}\u0000${c.subject}`))
        await tx`delete from cl_connections where provider = ${account.provider}
          and idp = ${c.idp} and subject = ${c.subject} and account_id = ${account.id}`;
    }
    for (const c of account.connections) {
      if (had.has(`${c.idp}\u0000${c.subject}`)) continue;
      await tx`insert into cl_connections (provider, idp, subject, account_id)
        values (${account.provider}, ${c.idp}, ${c.subject}, ${account.id})`;
    }
  }

  async create(account: AccountRecord, options: CreateAccountOptions): Promise<CreateAccountResult> {
    try {
      await this.db.sql.begin(async (tx) => {
        await this.check(tx, account, undefined, options);
        await tx`insert into cl_accounts (id, provider, name_key, phone, phone_since, email, email_since, parent_id, data)
          values (${account.id}, ${account.provider}, ${account.accountNameKey ?? null}, ${account.phone ?? null},
            nextval('cl_order'), ${account.email ?? null}, nextval('cl_order'), ${account.parentId ?? null},
            ${json(tx, account)})`;
        await this.connect(tx, account, undefined);
      });
      return { ok: true };
    } catch (error) {
      if (error instanceof Refused) return { ok: false, conflict: error.conflict };
      if (uniqueViolation(error) === 'cl_accounts_pkey')
        throw new Error(`store: account id ${account.id} already exists`);
      const conflict = conflictOfViolation(error);
      if (conflict) return { ok: false, conflict };
      throw error;
    }
  }

  async get(id: string): Promise<AccountRecord | undefined> {
    const [row] = await this.db.sql`select data from cl_accounts where id = ${id}`;
    return row?.data as AccountRecord | undefined;
  }

  async view(id: string): Promise<Frozen<AccountRecord> | undefined> {
    const [row] = await this.db.sql`select version, data::text as text from cl_accounts where id = ${id}`;
    return row && this.viewOf(id, row.version as number, row.text as string);
  }

  /**
   * The frozen view of version `version` of account `id`, whose JSON is `text`: the cached one
   * while the version is unchanged (the row read as text, so an unchanged account is not parsed
   * again). For `view` and for the sessions' read with the account joined.
   */
  viewOf(id: string, version: number, text: string): Frozen<AccountRecord> {
    const cached = this.views.get(id);
    if (cached && cached.version === version) return cached.record;
    const record = deepFreeze(JSON.parse(text) as AccountRecord);
    this.views.delete(id);
    this.views.set(id, { version, record });
    if (this.views.size > VIEW_CACHE) this.views.delete(this.views.keys().next().value!);
    return record;
  }

  async findByName(provider: ProviderId, accountNameKey: string): Promise<AccountRecord | undefined> {
    const [row] = await this.db.sql`select data from cl_accounts
      where provider = ${provider} and name_key = ${accountNameKey}`;
    return row?.data as AccountRecord | undefined;
  }

  async findByPhone(provider: ProviderId, phone: string): Promise<AccountRecord[]> {
    const rows = await this.db.sql`select data from cl_accounts
      where provider = ${provider} and phone = ${phone} order by phone_since`;
    return rows.map((row) => row.data as AccountRecord);
  }

  async findByEmail(provider: ProviderId, email: string): Promise<AccountRecord[]> {
    const rows = await this.db.sql`select data from cl_accounts
      where provider = ${provider} and email = ${email} order by email_since`;
    return rows.map((row) => row.data as AccountRecord);
  }

  async findByConnection(
    provider: ProviderId,
    idp: Idp,
    subject: string,
  ): Promise<AccountRecord | undefined> {
    const [row] = await this.db
      .sql`select a.data from cl_connections c join cl_accounts a on a.id = c.account_id
      where c.provider = ${provider} and c.idp = ${idp} and c.subject = ${subject}`;
    return row?.data as AccountRecord | undefined;
  }

  async listSubaccounts(parentId: string): Promise<AccountRecord[]> {
    const rows = await this.db.sql`select data from cl_accounts where parent_id = ${parentId} order by seq`;
    return rows.map((row) => row.data as AccountRecord);
  }

  async count(provider?: ProviderId): Promise<number> {
    const [row] =
      provider === undefined
        ? await this.db.sql`select count(*)::int as n from cl_accounts`
        : await this.db.sql`select count(*)::int as n from cl_accounts where provider = ${provider}`;
    return row!.n as number;
  }

  async update(
    id: string,
    change: (account: AccountRecord) => AccountRecord,
    options: Partial<CreateAccountOptions> = {},
  ): Promise<AccountRecord | undefined> {
    try {
      return await this.db.sql.begin(async (tx) => {
        const [row] = await tx`select data from cl_accounts where id = ${id} for update`;
        if (!row) return undefined;
        const current = row.data as AccountRecord;
        const next = change(structuredClone(current));
        if (!next || typeof next !== 'object' || next.id !== id || next.provider !== current.provider) {
          throw new Error('store: accounts.update needs a synchronous change that keeps the id and provider');
        }
        await this.check(tx, next, current, options);
        const stored = { ...structuredClone(next), updatedAt: new Date(this.db.now()).toISOString() };
        await tx`update cl_accounts set
            name_key = ${stored.accountNameKey ?? null},
            phone = ${stored.phone ?? null},
            phone_since = case when phone is distinct from ${stored.phone ?? null} then nextval('cl_order') else phone_since end,
            email = ${stored.email ?? null},
            email_since = case when email is distinct from ${stored.email ?? null} then nextval('cl_order') else email_since end,
            parent_id = ${stored.parentId ?? null},
            version = version + 1,
            data = ${json(tx, stored)}
          where id = ${id}`;
        await this.connect(tx, stored, current);
        return stored;
      });
    } catch (error) {
      if (error instanceof Refused) throw new StoreConflictError(error.conflict);
      const conflict = conflictOfViolation(error);
      if (conflict) throw new StoreConflictError(conflict);
      throw error;
    }
  }
}
