/**
 * Serves a few files and folders (the CDN bundle, the demo) for the dev server. Deliberately
 * small: GET/HEAD only, no directory listings, no dotfiles, and every path resolved inside its
 * root so `..` (also percent-encoded) cannot leave it. Files are read per request, so a rebuilt
 * bundle is picked up without a restart.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

/** URL path (`/cloud-login.js`, `/`) → a file or a folder on disk. */
export type StaticFiles = Readonly<Record<string, string>>;

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

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) {
      const index = join(path, 'index.html');
      return (await stat(index).catch(() => undefined))?.isFile() ? index : undefined;
    }
  } catch {
    // missing: fall through to the next handler
  }
  return undefined;
}

/** The file for `urlPath` under `mount` → `target`, or `undefined` (never outside `target`). */
async function lookup(urlPath: string, mount: string, target: string): Promise<string | undefined> {
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

export function serveStaticFiles(files: StaticFiles): MiddlewareHandler {
  // Longest mount first, so `/cloud-login.js` wins over `/`.
  const mounts = Object.entries(files).sort(([a], [b]) => b.length - a.length);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    for (const [mount, target] of mounts) {
      const file = await lookup(c.req.path, mount, target);
      if (!file) continue;
      const body = await readFile(file);
      c.header('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Cache-Control', 'no-cache');
      // The bundle is embedded by other sites as `<script type="module" src=…>`, and module
      // scripts are fetched in CORS mode: without this header no foreign page could load it.
      // Scripts are public code fetched without credentials, so `*` grants nothing else.
      if (/\.(m?js|map)$/.test(file)) {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      }
      if (c.req.method === 'HEAD') return c.body(null);
      return c.body(new Uint8Array(body));
    }
    return next();
  };
}
