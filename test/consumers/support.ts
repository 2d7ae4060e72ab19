/**
 * What the consumer tests need around the apps they build: the packed tarballs, one npm install
 * of them (with the apps' own dependencies) cached between runs, child processes with their
 * output kept, and a static file server per origin.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** Installs and the create-vite templates stay here between runs. */
export const cacheDir = join(root, 'node_modules/.cache/cloud-login-consumers');
export const WORKSPACES = ['@cloud-login/core', '@cloud-login/elements', '@cloud-login/server'] as const;

export interface Ran {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs a command to its end; never throws on a status (the caller says what failed). */
export function run(
  command: string,
  args: string[],
  { cwd = root, env = {} }: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Ran> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += String(error)));
    child.on('close', (code) => resolve({ code, output, ms: performance.now() - start }));
  });
}

export async function must(what: string, ran: Promise<Ran> | Ran): Promise<Ran> {
  const result = await ran;
  if (result.code !== 0)
    throw new Error(`${what} failed (exit ${result.code}):\n${result.output.slice(-6000)}`);
  return result;
}

/** What npm calls each workspace's tarball. */
const tarballName = (name: string, version: string) =>
  `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** Everything a package build reads: the packages' files and the root build configuration. */
function buildInputsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (['node_modules', 'dist', 'cdn', '.tsbuild'].includes(entry.name) || entry.name.startsWith('.'))
        continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${path}\0`).update(readFileSync(path));
    }
  };
  walk(join(root, 'packages'));
  for (const file of [
    'package.json',
    'package-lock.json',
    'tsconfig.base.json',
    'scripts/build-packages.mjs',
  ]) {
    if (existsSync(join(root, file))) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the packages once and packs them (what `npm publish` would upload). Kept under the
 * cache by a hash of the build's inputs: unchanged packages are not built and packed again.
 * Returns the tarball path of each package.
 */
export async function packWorkspaces(): Promise<{
  tarballs: Record<(typeof WORKSPACES)[number], string>;
  cached: boolean;
}> {
  const dir = join(cacheDir, 'tarballs', buildInputsHash());
  const paths = () => {
    const out = {} as Record<(typeof WORKSPACES)[number], string>;
    for (const name of WORKSPACES) {
      const { version } = JSON.parse(
        readFileSync(join(root, 'packages', name.split('/')[1]!, 'package.json'), 'utf8'),
      );
      out[name] = join(dir, tarballName(name, version));
    }
    return out;
  };
  if (Object.values(paths()).every((path) => existsSync(path))) return { tarballs: paths(), cached: true };
  rmSync(join(cacheDir, 'tarballs'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rootScripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  // One build of all three, then packs without each package's prepack building its dependencies again.
  if (rootScripts.build) await must('npm run build', run('npm', ['run', 'build', '--silent']));
  const workspaceArgs = WORKSPACES.flatMap((name) => ['--workspace', name]);
  await must(
    'npm pack',
    run('npm', [
      'pack',
      ...workspaceArgs,
      '--pack-destination',
      dir,
      ...(rootScripts.build ? ['--ignore-scripts'] : []),
    ]),
  );
  const tarballs = paths();
  for (const path of Object.values(tarballs))
    if (!existsSync(path)) throw new Error(`npm pack made no ${path}`);
  return { tarballs, cached: false };
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * One npm project holding the tarballs and `dependencies` (the apps live in its subfolders and
 * resolve from its node_modules). Installed again only when the tarballs or the dependency list
 * changed; `--prefer-offline` keeps a reinstall on npm's cache.
 */
export async function installProject(
  dir: string,
  tarballs: Record<string, string>,
  dependencies: Record<string, string>,
): Promise<{ installed: boolean; ms: number }> {
  const start = performance.now();
  rmSync(join(dir, 'tarballs'), { recursive: true, force: true });
  mkdirSync(join(dir, 'tarballs'), { recursive: true });
  const deps: Record<string, string> = { ...dependencies };
  let key = JSON.stringify(dependencies);
  for (const [name, path] of Object.entries(tarballs)) {
    const bytes = readFileSync(path);
    const hash = sha256(bytes);
    // The content's hash in the name: the tarballs keep their version across builds, and npm
    // would take a path it knows from the lockfile (and its integrity) out of its cache.
    const file = `tarballs/${path
      .split(sep)
      .pop()!
      .replace(/\.tgz$/, `-${hash.slice(0, 12)}.tgz`)}`;
    key += `${name}:${hash}`;
    writeFileSync(join(dir, file), bytes);
    deps[name] = `file:./${file}`;
  }
  key = sha256(key);
  const keyFile = join(dir, '.installed');
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key && existsSync(join(dir, 'node_modules'))) {
    return { installed: false, ms: performance.now() - start };
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'cloud-login-consumers', private: true, type: 'module', dependencies: deps }, null, 2)}\n`,
  );
  await must(
    'npm install',
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir }),
  );
  writeFileSync(keyFile, key);
  return { installed: true, ms: performance.now() - start };
}

/** create-vite's templates (its own tsconfig files, index.html, vite.config.ts), fetched once. */
export async function createViteTemplates(version = '9'): Promise<string> {
  const dir = join(cacheDir, `create-vite-${version}`);
  if (existsSync(join(dir, 'package/template-react-ts'))) return join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  const packed = await must(
    'npm pack create-vite',
    run('npm', ['pack', `create-vite@${version}`, '--prefer-offline', '--silent'], { cwd: dir }),
  );
  const file = packed.output.trim().split('\n').pop()!.trim();
  await must('tar', run('tar', ['xzf', file], { cwd: dir }));
  return join(dir, 'package');
}

/** Copies a folder's files (recursively) over `to`. */
export function copyTree(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name), skip);
    else copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}

// ---- static files, one origin per folder -----------------------------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on a free loopback port, as any static host or npm CDN would (CORS open). HTML and
 * JavaScript go through `rewrite` (the snippets name public URLs; the tests point them here).
 */
export async function serveStatic(
  dir: string,
  rewrite: () => [string, string][] = () => [],
): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(normalize(dir))) return void response.writeHead(403).end();
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path))
      return void response.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end('not found');
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (/\.(html|m?js)$/.test(path)) {
      let text = readFileSync(path, 'utf8');
      for (const [from, to] of rewrite()) text = text.split(from).join(to);
      response.writeHead(200, headers).end(text);
    } else {
      response.writeHead(200, headers);
      createReadStream(path).pipe(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
