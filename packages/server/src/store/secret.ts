/**
 * The server secret kept in the data directory: the key of the codes' HMAC (`createCodeHasher`),
 * apart from the data file so a copy of the data reveals no code.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './files.ts';

/** Name of the secret file in the data directory. */
export const SECRET_FILE = 'cloud-login.secret';

/**
 * Reads the server secret from `${dir}/cloud-login.secret`, creating it (32 random bytes,
 * mode 0600) on first start. It lives beside the data file but apart from it, so it is not in a
 * copy of the JSON and can be kept out of backups. Two processes starting at once agree on one
 * secret: the file is written under a temporary name and then hard-linked into place, which
 * fails if it exists, so nobody ever reads a half-written secret.
 */
export async function loadOrCreateSecret(dir: string): Promise<Buffer> {
  const file = join(dir, SECRET_FILE);
  await mkdir(dir, { recursive: true });
  try {
    return parseSecret(file, await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  const temp = join(dir, `.${SECRET_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(secret.toString('base64url') + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
    await syncDir(dir);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseSecret(file, await readFile(file, 'utf8'));
  } finally {
    await unlink(temp).catch(() => {});
  }
}

function parseSecret(file: string, text: string): Buffer {
  const secret = Buffer.from(text.trim(), 'base64url');
  if (secret.length < 16) {
    throw new Error(
      `cloud-login: ${file} does not hold a valid secret (expected 32 base64url bytes); remove it to generate a new one (live codes then stop working)`,
    );
  }
  return secret;
}
