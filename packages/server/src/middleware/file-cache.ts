/**
 * The static files' representations, kept in memory until the file on disk changes (its size or
 * modification time): the bytes (minified for mounts that ask, with esbuild when it is
 * installed), their brotli and gzip forms (the precompressed `.br` / `.gz` sibling when it is at
 * least as new as the file, else compressed here once, at full strength) and the strong ETags.
 * Files over `MAX_CACHED` are read per request and sent as they are.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { extname } from 'node:path';
import { COMPRESSIBLE_TYPE, compressWith, type Bytes, type Encoding } from './encodings.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Larger files are not kept in memory (nor compressed). */
const MAX_CACHED = 4 * 2 ** 20;
/** Smaller files are sent as they are: compression would save less than a packet. */
const MIN_COMPRESSED = 512;
/** Suffix of each encoding's ETag and precompressed file. */
const SUFFIX = { br: '.br', gzip: '.gz' } as const;

export interface CachedFile {
  type: string;
  /** The encodings offered besides identity (none: the answer does not vary). */
  encodings: readonly Encoding[];
  /** The ETags of every representation (for `If-None-Match`). */
  tags: readonly string[];
  etag(encoding: Encoding): string;
  body(encoding: Encoding): Promise<Bytes>;
}

type Minifier = (code: string, loader: 'js' | 'css') => Promise<string>;
let minifier: Promise<Minifier | undefined> | undefined;

/** esbuild's `transform`, or `undefined` where esbuild is not installed (served unminified). */
function loadMinifier(): Promise<Minifier | undefined> {
  minifier ??= import('esbuild').then(
    (esbuild) => async (code, loader) =>
      (await esbuild.transform(code, { loader, minify: true, legalComments: 'none' })).code,
    () => undefined,
  );
  return minifier;
}

async function minified(path: string, bytes: Bytes): Promise<Bytes> {
  const ext = extname(path).toLowerCase();
  const loader = ext === '.js' || ext === '.mjs' ? 'js' : ext === '.css' ? 'css' : undefined;
  if (!loader) return bytes;
  const minify = await loadMinifier();
  if (!minify) return bytes;
  try {
    return new TextEncoder().encode(await minify(new TextDecoder().decode(bytes), loader));
  } catch {
    // A file esbuild cannot parse is the browser's to report, with its own line numbers.
    return bytes;
  }
}

/** A precompressed sibling no older than the file, or `undefined`. */
async function sibling(path: string, info: Stats): Promise<Bytes | undefined> {
  try {
    const own = await stat(path);
    if (!own.isFile() || own.mtimeMs < info.mtimeMs) return undefined;
    return new Uint8Array(await readFile(path));
  } catch {
    return undefined;
  }
}

function build(path: string, info: Stats, identity: Bytes, useSiblings: boolean): CachedFile {
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  const compressible = COMPRESSIBLE_TYPE.test(type) && identity.byteLength >= MIN_COMPRESSED;
  const encodings: Encoding[] = compressible ? ['br', 'gzip'] : [];
  const etag = (encoding: Encoding) =>
    encoding === 'identity' ? `"${hash}"` : `"${hash}${SUFFIX[encoding]}"`;
  const made = new Map<Encoding, Promise<Bytes>>();
  return {
    type,
    encodings,
    tags: ['identity' as const, ...encodings].map(etag),
    etag,
    body(encoding) {
      if (encoding === 'identity' || !compressible) return Promise.resolve(identity);
      let bytes = made.get(encoding);
      if (!bytes) {
        bytes = (useSiblings ? sibling(path + SUFFIX[encoding], info) : Promise.resolve(undefined)).then(
          (found) => found ?? compressWith(encoding, identity, true),
        );
        made.set(encoding, bytes);
      }
      return bytes;
    },
  };
}

export function createFileCache() {
  const files = new Map<string, { mtimeMs: number; size: number; file: Promise<CachedFile> }>();
  return {
    async get(path: string, info: Stats, minify: boolean): Promise<CachedFile> {
      const key = `${minify ? 'min:' : ''}${path}`;
      const kept = files.get(key);
      if (kept && kept.mtimeMs === info.mtimeMs && kept.size === info.size) return kept.file;
      if (info.size > MAX_CACHED) {
        const raw = new Uint8Array(await readFile(path));
        const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
        const tag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
        return { type, encodings: [], tags: [tag], etag: () => tag, body: async () => raw };
      }
      const file = readFile(path).then(async (raw) => {
        const bytes = new Uint8Array(raw);
        // Minified bytes differ from the file: its precompressed siblings do not fit them.
        const identity = minify ? await minified(path, bytes) : bytes;
        return build(path, info, identity, identity === bytes);
      });
      files.set(key, { mtimeMs: info.mtimeMs, size: info.size, file });
      file.catch(() => files.delete(key));
      return file;
    },
  };
}
