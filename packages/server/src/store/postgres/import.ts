/**
 * Copies a whole data set (a lowdb folder's records) into an empty PostgreSQL store, in one
 * transaction: an import that fails leaves the database as it was. Rows go in batches of
 * multi-row inserts, in the order the lowdb store kept them, so "oldest holder first" and the
 * dev outbox's order survive.
 */
import type { Sql } from 'postgres';
import type { KeptRecord } from '../kept.ts';
import type {
  AccountRecord,
  CodeRecord,
  EmailLinkRecord,
  GrantRecord,
  PasskeyRecord,
  QrRecord,
  SessionRecord,
  TicketRecord,
} from '../types.ts';

export interface ImportData {
  accounts: AccountRecord[];
  sessions: SessionRecord[];
  codes: CodeRecord[];
  tickets: TicketRecord[];
  emailLinks: EmailLinkRecord[];
  qr: QrRecord[];
  grants: GrantRecord[];
  passkeys: PasskeyRecord[];
  outbox: KeptRecord[];
  idpUsers: KeptRecord[];
}

const BATCH = 1000;

type Row = Record<string, unknown>;
type Json = (value: unknown) => unknown;
/** A column's value: a field of the record (`null` when absent), or computed from it. */
type Column<T> = (keyof T & string) | ((record: T, json: Json) => unknown);

/** The whole record as JSON: the `data` column of most tables. */
const RECORD = (record: unknown, json: Json) => json(record);

/** One table's rows: which records go in, and each column's value. */
interface Copy {
  table: string;
  rows(data: ImportData, json: Json): Row[];
}

function copy<T>(
  table: string,
  records: (data: ImportData) => readonly T[],
  columns: Record<string, Column<T>>,
): Copy {
  const entries = Object.entries(columns);
  return {
    table,
    rows: (data, json) =>
      records(data).map((record) =>
        Object.fromEntries(
          entries.map(([name, column]) => [
            name,
            typeof column === 'function' ? column(record, json) : (record[column] ?? null),
          ]),
        ),
      ),
  };
}

type Connection = AccountRecord['connections'][number] & { provider: string; accountId: string };
type Kept = { collection: string; key: string; record: KeptRecord };

/** Accounts first (the other tables refer to them), then the rest, each in the lowdb store's order. */
const COPIES: readonly Copy[] = [
  copy<AccountRecord>('cl_accounts', (d) => d.accounts, {
    id: 'id',
    provider: 'provider',
    name_key: 'accountNameKey',
    phone: 'phone',
    email: 'email',
    parent_id: 'parentId',
    data: RECORD,
  }),
  copy<Connection>(
    'cl_connections',
    (d) =>
      d.accounts.flatMap((a) => a.connections.map((c) => ({ ...c, provider: a.provider, accountId: a.id }))),
    { provider: 'provider', idp: 'idp', subject: 'subject', account_id: 'accountId' },
  ),
  copy<SessionRecord>('cl_sessions', (d) => d.sessions, {
    token_hash: 'tokenHash',
    account_id: 'accountId',
    created_at: 'createdAt',
    expires_at: 'expiresAt',
    data: RECORD,
  }),
  copy<CodeRecord>('cl_codes', (d) => d.codes, {
    id: 'id',
    provider: 'provider',
    phone: 'phone',
    purpose: 'purpose',
    channel: 'channel',
    code_hash: 'codeHash',
    address: 'address',
    attempts: 'attempts',
    consumed_at: 'consumedAt',
    created_at: 'createdAt',
    expires_at: 'expiresAt',
  }),
  copy<TicketRecord>('cl_tickets', (d) => d.tickets, {
    token_hash: 'tokenHash',
    provider: 'provider',
    expires_at: 'expiresAt',
    data: RECORD,
  }),
  copy<EmailLinkRecord>('cl_email_links', (d) => d.emailLinks, {
    token_hash: 'tokenHash',
    used_at: 'usedAt',
    expires_at: 'expiresAt',
    data: RECORD,
  }),
  copy<QrRecord>('cl_qr', (d) => d.qr, {
    id: 'id',
    provider: 'provider',
    expires_at: 'expiresAt',
    data: RECORD,
  }),
  copy<GrantRecord>('cl_grants', (d) => d.grants, {
    kind: 'kind',
    key: 'key',
    expires_at: 'expiresAt',
    data: RECORD,
  }),
  copy<PasskeyRecord>('cl_passkeys', (d) => d.passkeys, {
    id: 'id',
    account_id: 'accountId',
    created_at: 'createdAt',
    counter: 'counter',
    data: RECORD,
  }),
  copy<Kept>(
    'cl_kept',
    (d) => [
      ...d.outbox.map((record, i) => ({ collection: 'outbox', key: `import-${i}`, record })),
      ...d.idpUsers.map((record) => ({ collection: 'idpUsers', key: String(record.id), record })),
    ],
    { collection: 'collection', key: 'key', data: (kept, json) => json(kept.record) },
  ),
];

async function insert(tx: Sql, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx`insert into ${tx(table)} ${tx(batch as never, Object.keys(batch[0]!) as never)}`;
  }
}

/** Counts of what was copied, per collection. Refuses a database that already holds accounts. */
export async function importData(sql: Sql, data: ImportData): Promise<Record<keyof ImportData, number>> {
  const json: Json = (value) => sql.json(value as never);
  await sql.begin(async (tx) => {
    const [{ n }] = (await tx`select count(*)::int as n from cl_accounts`) as unknown as [{ n: number }];
    if (n > 0) throw new Error(`the database already holds ${n} accounts; import only into an empty one`);
    for (const { table, rows } of COPIES) await insert(tx as unknown as Sql, table, rows(data, json));
    // Accounts went in in order, so their sequence numbers order the phone and email holders.
    await tx`update cl_accounts set phone_since = seq, email_since = seq`;
  });
  return Object.fromEntries(Object.entries(data).map(([name, list]) => [name, list.length])) as Record<
    keyof ImportData,
    number
  >;
}
