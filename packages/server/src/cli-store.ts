/**
 * The CLI's store: PostgreSQL when DATABASE_URL is given, else lowdb in the data directory. A
 * store that cannot be opened is the operator's to sort out: one message naming what and where
 * (never the password), no stack, exit 1.
 */
import type { Store } from './store/types.ts';
import { createLowdbStore, StoreFileError } from './store/lowdb.ts';
import { createPostgresStore, migrate, connect } from './store/postgres/index.ts';

/** The URL without its password, to be shown. */
export function shownDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    // A Unix-socket URL has no host (`postgres://user:pw@/db?host=/run/postgresql`).
    return /^postgres(?:ql)?:\/\/([^/?#]*@)?\//i.test(url)
      ? url.replace(/^(postgres(?:ql)?:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1***@')
      : '(an unparsable DATABASE_URL)';
  }
}

/** One line for a database that could not be reached or migrated. */
export function databaseFailure(url: string, error: unknown): string {
  const e = error as { code?: string; message?: string };
  return (
    `cloud-login: cannot open the PostgreSQL store at ${shownDatabaseUrl(url)}: ${e.message ?? String(error)}` +
    `${e.code && !String(e.message).includes(e.code) ? ` (${e.code})` : ''}. ` +
    'Check that the server runs and DATABASE_URL is right (user, password, database).'
  );
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function checkUrl(url: string): void {
  if (!/^postgres(ql)?:\/\//.test(url))
    fail(`cloud-login: DATABASE_URL must be a postgres:// URL, not "${shownDatabaseUrl(url)}"`);
}

export async function openCliStore(options: {
  databaseUrl?: string;
  dataDir: string;
  /** Connections of the PostgreSQL store's pool (`createPostgresStore`'s `max`). */
  databasePool?: number;
}): Promise<Store> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    checkUrl(url);
    return createPostgresStore({
      url,
      ...(options.databasePool !== undefined && { max: options.databasePool }),
    }).catch((error: unknown) => fail(databaseFailure(url, error)));
  }
  return createLowdbStore({ dir: options.dataDir }).catch((error: unknown) => {
    if (!(error instanceof StoreFileError)) throw error;
    return fail(error.message);
  });
}

/** `--migrate-only`: applies the pending migrations, says which, exits. */
export async function migrateOnly(url: string | undefined): Promise<never> {
  if (!url) fail('cloud-login: --migrate-only needs DATABASE_URL (lowdb has no migrations)');
  checkUrl(url);
  const sql = connect(url, 1);
  try {
    const applied = await migrate(sql);
    console.log(
      applied.length === 0
        ? 'cloud-login: the database is up to date'
        : `cloud-login: applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}`,
    );
    await sql.end();
    process.exit(0);
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    fail(databaseFailure(url, error));
  }
}

/** The codes' HMAC key from SECRET: 32 random bytes, base64url (at least 16). */
export function secretFromSetting(value: string): Buffer {
  const secret = Buffer.from(value.trim(), 'base64url');
  if (secret.length < 16)
    fail(
      'cloud-login: SECRET must be at least 16 random bytes, base64url (openssl rand -base64 32 | tr +/ -_)',
    );
  return secret;
}
