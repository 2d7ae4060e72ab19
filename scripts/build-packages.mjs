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
//
// Steps run side by side where nothing orders them: a package's tsc waits only for its
// dependencies' tsc (their declarations), so elements and server compile together once core has;
// the CDN bundle and the manifest read src/ alone and start at once. On two cores this halves
// the wall time of a full build (the consumer suite's cold run waits for it).
import { spawn } from 'node:child_process';
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
const inputsOf = (name) =>
  ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, 'packages', name, p));
const fresh = (name) =>
  existsSync(stampOf(name)) &&
  existsSync(join(root, 'packages', name, 'dist')) &&
  statSync(stampOf(name)).mtimeMs > newest(inputsOf(name));

/** Runs node with `args`; a failing step ends the build with its exit code. */
function run(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (code !== 0) process.exit(code ?? (signal ? 1 : 0));
      resolve();
    });
  });
}

const TS_SPECIFIER = /((?:from\s+|import\s*\(\s*|import\s+)['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;

/** Builds one package; its tsc starts once `dependencies` (their builds) have resolved. */
async function buildPackage(name, dependencies) {
  const dir = join(root, 'packages', name);
  const dist = join(dir, 'dist');
  // Emptied first: a source file moved or deleted must not live on in the tarball.
  rmSync(dist, { recursive: true, force: true });
  const compile = async () => {
    await dependencies;
    await run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], dir);
    // The generated framework typings (written meanwhile) are not tsc's and are left alone.
    for (const file of files(dist).filter((f) => !f.startsWith(join(dist, 'frameworks')))) {
      if (!/\.(d\.ts|js)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      const rewritten = text.replace(TS_SPECIFIER, '$1$2.js$3');
      if (rewritten !== text) writeFileSync(file, rewritten);
    }
  };
  const steps = [compile()];
  if (name === 'elements') {
    steps.push(run([join(dir, 'scripts/build.mjs')], dir));
    // A fresh manifest (the committed one may lag the sources until someone runs `npm run
    // manifest`; a test says so) and the framework typings and editor data made from it.
    steps.push(
      run([join(dir, 'scripts/manifest.mjs'), '--out', 'dist'], dir).then(() =>
        run([join(dir, 'scripts/frameworks.mjs'), 'dist/custom-elements.json', 'dist/frameworks'], dir),
      ),
    );
  }
  await Promise.all(steps);
  mkdirSync(dirname(stampOf(name)), { recursive: true });
  writeFileSync(stampOf(name), `${new Date().toISOString()}\n`);
  console.log(`@cloud-login/${name}: built`);
}

const asked = process.argv.slice(2);
for (const name of asked)
  if (!(name in DEPENDS)) throw new Error(`build-packages: unknown package "${name}"`);
const order = [];
const visit = (name) => {
  if (order.includes(name)) return;
  DEPENDS[name].forEach(visit);
  order.push(name);
};
(asked.length > 0 ? asked : Object.keys(DEPENDS)).forEach(visit);
// A dependency is built only when its sources changed since its last build (`npm pack
// --workspaces` would build core three times); what was asked for is always built.
/** Package name → the promise of its build (or of nothing, when it is up to date). */
const builds = new Map();
for (const name of order) {
  const dependencies = Promise.all(DEPENDS[name].map((d) => builds.get(d)));
  if (!asked.includes(name) && asked.length > 0 && fresh(name)) {
    console.log(`@cloud-login/${name}: up to date`);
    builds.set(name, Promise.resolve());
  } else {
    builds.set(name, buildPackage(name, dependencies));
  }
}
await Promise.all(builds.values());
