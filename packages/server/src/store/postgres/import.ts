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

async function insert(tx: Sql, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx`insert into ${tx(table)} ${tx(batch as never, Object.keys(batch[0]!) as never)}`;
  }
}

/** Counts of what was copied, per collection. Refuses a database that already holds accounts. */
export async function importData(sql: Sql, data: ImportData): Promise<Record<keyof ImportData, number>> {
  const json = (value: unknown) => sql.json(value as never) as unknown;
  await sql.begin(async (tx) => {
    const [{ n }] = (await tx`select count(*)::int as n from cl_accounts`) as unknown as [{ n: number }];
    if (n > 0) throw new Error(`the database already holds ${n} accounts; import only into an empty one`);
    const t = tx as unknown as Sql;
    await insert(
      t,
      'cl_accounts',
      data.accounts.map((a) => ({
        id: a.id,
        provider: a.provider,
        name_key: a.accountNameKey ?? null,
        phone: a.phone ?? null,
        email: a.email ?? null,
        parent_id: a.parentId ?? null,
        data: json(a),
      })),
    );
    // Accounts went in in order, so their sequence numbers order the phone and email holders.
    await tx`update cl_accounts set phone_since = seq, email_since = seq`;
    await insert(
      t,
      'cl_connections',
      data.accounts.flatMap((a) =>
        a.connections.map((c) => ({
          provider: a.provider,
          idp: c.idp,
          subject: c.subject,
          account_id: a.id,
        })),
      ),
    );
    await insert(
      t,
      'cl_sessions',
      data.sessions.map((s) => ({
        token_hash: s.tokenHash,
        account_id: s.accountId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        data: json(s),
      })),
    );
    await insert(
      t,
      'cl_codes',
      data.codes.map((c) => ({
        id: c.id,
        provider: c.provider,
        phone: c.phone,
        purpose: c.purpose,
        channel: c.channel,
        code_hash: c.codeHash,
        address: c.address,
        attempts: c.attempts,
        consumed_at: c.consumedAt ?? null,
        created_at: c.createdAt,
        expires_at: c.expiresAt,
      })),
    );
    await insert(
      t,
      'cl_tickets',
      data.tickets.map((x) => ({
        token_hash: x.tokenHash,
        provider: x.provider,
        expires_at: x.expiresAt,
        data: json(x),
      })),
    );
    await insert(
      t,
      'cl_email_links',
      data.emailLinks.map((x) => ({
        token_hash: x.tokenHash,
        used_at: x.usedAt ?? null,
        expires_at: x.expiresAt,
        data: json(x),
      })),
    );
    await insert(
      t,
      'cl_qr',
      data.qr.map((x) => ({ id: x.id, provider: x.provider, expires_at: x.expiresAt, data: json(x) })),
    );
    await insert(
      t,
      'cl_grants',
      data.grants.map((x) => ({ kind: x.kind, key: x.key, expires_at: x.expiresAt, data: json(x) })),
    );
    await insert(
      t,
      'cl_passkeys',
      data.passkeys.map((x) => ({
        id: x.id,
        account_id: x.accountId,
        created_at: x.createdAt,
        counter: x.counter,
        data: json(x),
      })),
    );
    await insert(
      t,
      'cl_kept',
      data.outbox.map((x, i) => ({ collection: 'outbox', key: `import-${i}`, data: json(x) })),
    );
    await insert(
      t,
      'cl_kept',
      data.idpUsers.map((x) => ({ collection: 'idpUsers', key: String(x.id), data: json(x) })),
    );
  });
  return Object.fromEntries(Object.entries(data).map(([name, list]) => [name, list.length])) as Record<
    keyof ImportData,
    number
  >;
}
