#!/usr/bin/env node
// Builds what the packages publish: `node scripts/build-packages.mjs [core|elements|server …]`
// (all three without arguments; a package's workspace dependencies are built first, since its
// declarations are checked against theirs as a consumer would see them).
//
// - dist/: each package's src compiled by tsc (packages/*/tsconfig.build.json) to ES2022
//   JavaScript and `.d.ts`, tests left out. Decorators are compiled to `__decorate` calls, so
//   consumers need no decorator settings; declarations carry no decorators.
// - packages/elements/cdn/: the CDN bundle (packages/elements/scripts/build.mjs).
// - packages/elements/dist/custom-elements.json and dist/frameworks/: the manifest, made fresh,
//   and the React/Preact/Solid/Svelte/Vue typings and editor data generated from it
//   (packages/elements/scripts/manifest.mjs, frameworks.mjs).
//
// The workspace itself runs the TypeScript sources (the `cloud-login-source` export condition);
// nothing but `npm pack` / `npm publish` (each package's `prepack`) needs this build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEPENDS = { core: [], elements: ['core'], server: ['core'] };

function files(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

/** Newest modification time under `paths` (folders count too: a deleted file changes its folder). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    latest = Math.max(latest, stat.mtimeMs);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  paths.forEach(visit);
  return latest;
}

/** Written after a build; a dependency whose inputs are older is not built again. */
const stampOf = (name) => join(root, '.tsbuild', `publish-${name}.stamp`);
const inputsOf = (name) => ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, 'packages', name, p));
const fresh = (name) =>
  existsSync(stampOf(name)) && existsSync(join(root, 'packages', name, 'dist')) && statSync(stampOf(name)).mtimeMs > newest(inputsOf(name));

function run(args, cwd) {
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The sources import each other as `./x.ts` (allowImportingTsExtensions). tsc rewrites that to
// `./x.js` in the JavaScript (rewriteRelativeImportExtensions), though not every dynamic
// import() (TypeScript 5.9 skips one inside a method of a decorated class), and keeps `.ts` in
// declarations, which only TypeScript ≥ 5.0 resolves. Every relative `.ts` specifier left in a
// string after `from`, `import` or `import(` becomes `.js` here.
const TS_SPECIFIER = /((?:from\s+|import\s*\(\s*|import\s+)['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;

function buildPackage(name) {
  const dir = join(root, 'packages', name);
  const dist = join(dir, 'dist');
  // Emptied first: a source file moved or deleted must not live on in the tarball.
  rmSync(dist, { recursive: true, force: true });
  run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], dir);
  for (const file of files(dist)) {
    if (!/\.(d\.ts|js)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(TS_SPECIFIER, '$1$2.js$3');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  if (name === 'elements') {
    run([join(dir, 'scripts/build.mjs')], dir);
    // A fresh manifest (the committed one may lag the sources until someone runs `npm run
    // manifest`; a test says so) and the framework typings and editor data made from it.
    run([join(dir, 'scripts/manifest.mjs'), '--out', 'dist'], dir);
    run([join(dir, 'scripts/frameworks.mjs'), 'dist/custom-elements.json', 'dist/frameworks'], dir);
  }
  mkdirSync(dirname(stampOf(name)), { recursive: true });
  writeFileSync(stampOf(name), `${new Date().toISOString()}\n`);
  console.log(`@cloud-login/${name}: built`);
}

const asked = process.argv.slice(2);
for (const name of asked) if (!(name in DEPENDS)) throw new Error(`build-packages: unknown package "${name}"`);
const order = [];
const visit = (name) => {
  if (order.includes(name)) return;
  DEPENDS[name].forEach(visit);
  order.push(name);
};
(asked.length > 0 ? asked : Object.keys(DEPENDS)).forEach(visit);
// A dependency is built only when its sources changed since its last build (`npm pack
// --workspaces` would build core three times); what was asked for is always built.
for (const name of order) {
  if (!asked.includes(name) && asked.length > 0 && fresh(name)) console.log(`@cloud-login/${name}: up to date`);
  else buildPackage(name);
}
