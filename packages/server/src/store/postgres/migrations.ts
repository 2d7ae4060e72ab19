/**
 * The PostgreSQL store's schema, as numbered migrations applied in order at start. Applied ones
 * are recorded in `cl_migrations`; the whole run holds one advisory lock, so processes starting
 * together migrate once (the others wait, then find nothing left to do). A migration is never
 * edited once released: a change is a new entry at the end.
 *
 * Tables keep each record as JSON (`data`) beside the columns its lookups, uniqueness rules and
 * expiry sweeps need, so a record reads back exactly as it was written.
 */
import type { Sql } from 'postgres';

/** Key of the advisory lock the migration run holds (any constant shared by every process). */
const MIGRATION_LOCK = 7_361_022_017;

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'collections',
    sql: `
create sequence cl_order;

create table cl_accounts (
  id text primary key,
  seq bigint not null default nextval('cl_order'),
  provider text not null,
  name_key text,
  phone text,
  -- when the account got its phone / email: "oldest holder first" orders by these
  phone_since bigint,
  email text,
  email_since bigint,
  parent_id text,
  version integer not null default 1,
  data jsonb not null
);
create unique index cl_accounts_name on cl_accounts (provider, name_key) where name_key is not null;
create index cl_accounts_phone on cl_accounts (provider, phone, phone_since) where phone is not null;
create index cl_accounts_email on cl_accounts (provider, email, email_since) where email is not null;
create index cl_accounts_parent on cl_accounts (parent_id, seq) where parent_id is not null;
create index cl_accounts_provider on cl_accounts (provider);

create table cl_connections (
  provider text not null,
  idp text not null,
  subject text not null,
  account_id text not null references cl_accounts (id) on delete cascade,
  primary key (provider, idp, subject)
);
create index cl_connections_account on cl_connections (account_id);

create table cl_sessions (
  token_hash text primary key,
  account_id text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  data jsonb not null
);
create index cl_sessions_account on cl_sessions (account_id, created_at);
create index cl_sessions_expiry on cl_sessions (expires_at);

create table cl_codes (
  id text primary key,
  seq bigint not null default nextval('cl_order'),
  provider text not null,
  phone text not null,
  purpose text not null,
  channel text not null,
  code_hash text not null,
  address text not null,
  attempts integer not null,
  consumed_at timestamptz,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index cl_codes_live on cl_codes (provider, phone, purpose, seq) where consumed_at is null;
create index cl_codes_last on cl_codes (provider, phone, seq);
create index cl_codes_phone on cl_codes (phone, created_at);
create index cl_codes_address on cl_codes (address, created_at);
create index cl_codes_created on cl_codes (created_at);

create table cl_tickets (
  token_hash text primary key,
  provider text not null,
  expires_at timestamptz not null,
  data jsonb not null
);
create index cl_tickets_expiry on cl_tickets (expires_at);

create table cl_email_links (
  token_hash text primary key,
  used_at timestamptz,
  expires_at timestamptz not null,
  data jsonb not null
);
create index cl_email_links_expiry on cl_email_links (expires_at);

create table cl_qr (
  id text primary key,
  provider text not null,
  expires_at timestamptz not null,
  data jsonb not null
);
create index cl_qr_expiry on cl_qr (expires_at);

create table cl_grants (
  kind text not null,
  key text not null,
  expires_at timestamptz not null,
  data jsonb not null,
  primary key (kind, key)
);
create index cl_grants_expiry on cl_grants (expires_at);

-- dev mode's records (the dev outbox, the simulated identity providers' users)
create table cl_kept (
  collection text not null,
  key text not null,
  seq bigint not null default nextval('cl_order'),
  data jsonb not null,
  primary key (collection, key)
);
create index cl_kept_order on cl_kept (collection, seq);

-- throttles shared by every process: one row per key and window start
create unlogged table cl_hits (
  key text not null,
  at timestamptz not null,
  expires_at timestamptz not null
);
create index cl_hits_key on cl_hits (key, at);
create index cl_hits_expiry on cl_hits (expires_at);

-- count the window's hits of a key and add one unless full, under a lock on the key; plpgsql
-- takes a new snapshot per statement, so the count sees every hit committed before the lock
create function cl_hit(k text, lim integer, window_ms bigint, t timestamptz)
  returns table (n integer, first_at timestamptz) language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('hit ' || k, 0));
  select count(*)::integer, min(h.at) into n, first_at from cl_hits h
    where h.key = k and h.at > t - make_interval(secs => window_ms / 1000.0);
  if n < lim then
    insert into cl_hits (key, at, expires_at) values (k, t, t + make_interval(secs => window_ms / 1000.0));
  end if;
  return next;
end $$;

create function cl_hit_peek(k text, lim integer, window_ms bigint, t timestamptz)
  returns table (n integer, first_at timestamptz) language sql stable as $$
  select count(*)::integer, min(h.at) from cl_hits h
    where h.key = k and h.at > t - make_interval(secs => window_ms / 1000.0)
$$;
`,
  },
  {
    version: 2,
    name: 'passkeys',
    sql: `
create table cl_passkeys (
  id text primary key,
  account_id text not null,
  created_at timestamptz not null,
  counter bigint not null,
  data jsonb not null
);
create index cl_passkeys_account on cl_passkeys (account_id, created_at);
`,
  },
  {
    version: 3,
    name: 'hit steps',
    sql: `
-- several throttle steps in one round trip, in order: 'hit' as cl_hit (a refusal with its stop
-- flag set skips the steps after it), 'peek' as cl_hit_peek (a full window with stop set skips
-- the rest), 'release' takes back the key's newest hit, 'reset' forgets the key's hits. One row
-- per step run. The hits' advisory locks are held to the end of the call, so callers list their
-- keys in one fixed order (address, then account…) and two calls never wait in a cycle.
create function cl_hit_steps(ops text[], keys text[], lims integer[], window_ms bigint[],
  stops boolean[], t timestamptz)
  returns table (step integer, n integer, first_at timestamptz) language plpgsql as $$
begin
  for i in 1 .. coalesce(array_length(ops, 1), 0) loop
    step := i;
    n := null;
    first_at := null;
    if ops[i] = 'hit' then
      select h.n, h.first_at into n, first_at from cl_hit(keys[i], lims[i], window_ms[i], t) h;
    elsif ops[i] = 'peek' then
      select h.n, h.first_at into n, first_at from cl_hit_peek(keys[i], lims[i], window_ms[i], t) h;
    elsif ops[i] = 'release' then
      delete from cl_hits where ctid =
        (select h.ctid from cl_hits h where h.key = keys[i] order by h.at desc limit 1);
    elsif ops[i] = 'reset' then
      delete from cl_hits h where h.key = keys[i];
    else
      raise exception 'cl_hit_steps: unknown step "%"', ops[i];
    end if;
    return next;
    if n >= lims[i] and stops[i] then
      return;
    end if;
  end loop;
end $$;
`,
  },
];

/** Applies the migrations not applied yet; returns the versions it applied. */
export async function migrate(sql: Sql): Promise<number[]> {
  return sql.begin(async (tx) => {
    // Transaction-scoped: released at commit or rollback, even if this process dies.
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`create table if not exists cl_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`;
    const done = new Set((await tx`select version from cl_migrations`).map((row) => row.version as number));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await tx.unsafe(migration.sql);
      await tx`insert into cl_migrations (version, name) values (${migration.version}, ${migration.name})`;
      applied.push(migration.version);
    }
    return applied;
  });
}
