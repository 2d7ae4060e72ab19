/**
 * `cloud-login-server import --from ./data`: copies a lowdb data folder into the PostgreSQL
 * store at DATABASE_URL (migrating it first). Stop the server on the folder first: the store's
 * lock refuses a folder in use. The secret file stays where it is: pass it on as SECRET (or keep
 * DATA_DIR pointing at the folder), or the codes sent before the move stop matching.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFailure, shownDatabaseUrl } from './cli-store.ts';
import { keptRecordsOf } from './store/kept.ts';
import { createLowdbStore, StoreFileError } from './store/lowdb.ts';
import { importData, type ImportData } from './store/postgres/import.ts';
import { connect, migrate } from './store/postgres/index.ts';

const USAGE = 'Usage: cloud-login-server import --from DIR [--database-url URL]   (or DATABASE_URL)';

/** The records of each collection of an opened lowdb store (its collections keep them in order). */
function recordsOf(store: object, name: string): never[] {
  return (store as Record<string, { records(): never[] }>)[name]!.records();
}

export async function runImport(argv: string[], env: NodeJS.ProcessEnv): Promise<never> {
  let from: string | undefined;
  let url: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    from = values.from;
    url = values['database-url'] ?? env.DATABASE_URL;
  } catch (error) {
    console.error(`cloud-login: ${(error as Error).message}\n${USAGE}`);
    process.exit(1);
  }
  if (!from || !url) {
    console.error(`cloud-login: import needs --from and DATABASE_URL\n${USAGE}`);
    process.exit(1);
  }
  const dir = resolve(from);
  const lowdb = await createLowdbStore({ dir, pruneIntervalMs: 3600_000 }).catch((error: unknown) => {
    console.error(
      error instanceof StoreFileError ? error.message : `cloud-login: cannot read ${dir}: ${error}`,
    );
    process.exit(1);
  });
  const kept = keptRecordsOf(lowdb);
  const data: ImportData = {
    accounts: recordsOf(lowdb, 'accounts'),
    sessions: recordsOf(lowdb, 'sessions'),
    codes: recordsOf(lowdb, 'codes'),
    tickets: recordsOf(lowdb, 'tickets'),
    emailLinks: recordsOf(lowdb, 'emailLinks'),
    qr: recordsOf(lowdb, 'qr'),
    grants: recordsOf(lowdb, 'grants'),
    passkeys: recordsOf(lowdb, 'passkeys'),
    outbox: [...(kept?.outbox.values() ?? [])],
    idpUsers: [...(kept?.idpUsers.values() ?? [])],
  };
  const sql = connect(url, 1);
  let code = 0;
  try {
    await migrate(sql);
    const counts = await importData(sql, data);
    console.log(
      `cloud-login: imported ${dir} into ${shownDatabaseUrl(url)}: ` +
        Object.entries(counts)
          .map(([name, n]) => `${n} ${name}`)
          .join(', '),
    );
  } catch (error) {
    const message = (error as Error).message;
    console.error(
      message.startsWith('the database already')
        ? `cloud-login: ${message} (${shownDatabaseUrl(url)})`
        : databaseFailure(url, error),
    );
    code = 1;
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
    await lowdb.close();
  }
  process.exit(code);
}
