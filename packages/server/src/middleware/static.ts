/**
 * Serves a few files and folders (the CDN bundle, the demo). Deliberately small: GET/HEAD only,
 * no directory listings, no dotfiles, and every path resolved inside its root so `..` (also
 * percent-encoded) cannot leave it. Files are looked up per request, so a rebuilt bundle is
 * picked up without a restart; what is read is kept in memory until the file changes.
 *
 * Each answer is negotiated (packages/server/README.md, "Compression and caching"): brotli, gzip
 * or identity by `Accept-Encoding`, from the `.br` / `.gz` files the bundle's build writes beside
 * each file, else compressed once here; `Vary: Accept-Encoding`; a strong `ETag` per
 * representation and `304` on `If-None-Match`; `Cache-Control` per mount.
 */
import { stat, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { join, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { negotiate, varyOnEncoding } from './encodings.ts';
import { createFileCache } from './file-cache.ts';

const statAsync = promisify(stat);

/** How a mount's files may be cached by browsers and CDNs. */
export type StaticCache =
  /** File names that carry a hash of their content (the bundle's chunks): a year, never revalidated. */
  | 'immutable'
  /** Revalidated on every use (`no-cache`): the default. */
  | 'revalidate'
  /** Used for this many seconds, then revalidated (`public, max-age=N`; 0 is `no-cache`). */
  | { maxAge: number };

export interface StaticMount {
  /** A file, or a folder whose files are served below the mount path. */
  path: string;
  /** Default `'revalidate'`. */
  cache?: StaticCache;
  /** Serve `.js` and `.css` files minified (with esbuild, when installed). Default false. */
  minify?: boolean;
}

/** URL path (`/cloud-login.js`, `/`) → a file or a folder on disk, or a mount with its options. */
export type StaticFiles = Readonly<Record<string, string | StaticMount>>;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

function cacheControl(cache: StaticCache | undefined): string {
  if (cache === 'immutable') return IMMUTABLE;
  if (cache === undefined || cache === 'revalidate' || cache.maxAge <= 0) return 'no-cache';
  return `public, max-age=${Math.floor(cache.maxAge)}`;
}

async function fileAt(path: string): Promise<{ path: string; info: Stats } | undefined> {
  try {
    const info = await statAsync(path);
    if (info.isFile()) return { path, info };
    if (info.isDirectory()) {
      const index = join(path, 'index.html');
      const indexInfo = await statAsync(index).catch(() => undefined);
      return indexInfo?.isFile() ? { path: index, info: indexInfo } : undefined;
    }
  } catch {
    // missing: fall through to the next handler
  }
  return undefined;
}

/** The file for `urlPath` under `mount` → `target`, or `undefined` (never outside `target`). */
async function lookup(urlPath: string, mount: string, target: string) {
  if (urlPath === mount) return fileAt(target);
  const prefix = mount.endsWith('/') ? mount : `${mount}/`;
  if (!urlPath.startsWith(prefix)) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(urlPath.slice(prefix.length));
  } catch {
    return undefined;
  }
  if (rest.includes('\0') || rest.split(/[\\/]/).some((part) => part.startsWith('.'))) return undefined;
  const root = resolve(target);
  const path = resolve(root, rest);
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  return fileAt(path);
}

/** Whether `If-None-Match` names one of the file's representations (weak comparison). */
function matches(header: string | undefined, tags: readonly string[]): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => tags.includes(t));
}

export function serveStaticFiles(files: StaticFiles): MiddlewareHandler {
  const cache = createFileCache();
  // Longest mount first, so `/cloud-login.js` wins over `/`.
  const mounts = Object.entries(files)
    .map(([at, m]) => [at, typeof m === 'string' ? { path: m } : m] as const)
    .sort(([a], [b]) => b.length - a.length);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    for (const [at, mount] of mounts) {
      const found = await lookup(c.req.path, at, mount.path);
      if (!found) continue;
      const file = await cache.get(found.path, found.info, mount.minify === true);
      const encoding = negotiate(c.req.header('Accept-Encoding'), file.encodings);
      const headers: Record<string, string> = {
        'Content-Type': file.type,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': cacheControl(mount.cache),
        ETag: file.etag(encoding),
      };
      if (file.encodings.length > 0) headers.Vary = varyOnEncoding(c.res.headers.get('Vary'));
      // The bundle is embedded by other sites as `<script type="module" src=…>`, and module
      // scripts are fetched in CORS mode: without this header no foreign page could load it.
      // Scripts are public code fetched without credentials, so `*` grants nothing else.
      if (/\.(m?js|map)$/.test(found.path)) {
        headers['Access-Control-Allow-Origin'] = '*';
        headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
      }
      if (matches(c.req.header('If-None-Match'), file.tags)) return c.body(null, 304, headers);
      const body = await file.body(encoding);
      if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
      headers['Content-Length'] = String(body.byteLength);
      if (c.req.method === 'HEAD') return c.body(null, 200, headers);
      return c.body(body, 200, headers);
    }
    return next();
  };
}
