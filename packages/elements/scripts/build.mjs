#!/usr/bin/env node
// Builds the CDN bundle: dist/cloud-login.js, a self-contained ES module that defines every
// element, plus chunks that load only when needed (phone metadata per region set; the full
// metadata only for presets that accept any region). Prints the gzip size of what each preset's
// page loads.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const outdir = join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: { 'cloud-login': join(root, 'src/index.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  // The file that literally holds experimentalDecorators / useDefineForClassFields (TOOLCHAIN.md).
  tsconfig: join(root, '../../tsconfig.base.json'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const outputs = result.metafile.outputs;
const files = Object.keys(outputs).filter((f) => f.endsWith('.js'));
const gzip = (file) => gzipSync(readFileSync(file)).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const entry = files.find((f) => outputs[f].entryPoint);

/** Files a chunk pulls in statically (they load with it). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imp of outputs[file].imports) if (imp.kind === 'import-statement') closure(imp.path, seen);
  return seen;
}
/** What a dynamic chunk is, from the inputs it holds. */
function describe(file) {
  const inputs = Object.keys(outputs[file].inputs);
  if (inputs.some((i) => i.includes('metadata/cn-hk-mo-tw'))) return 'phone metadata: CN, HK, MO, TW';
  if (inputs.some((i) => i.includes('metadata/cn.ts'))) return 'phone metadata: CN';
  if (inputs.some((i) => i.includes('metadata.min.json') || i.includes('phone-metadata'))) return 'phone metadata: all regions';
  if (inputs.some((i) => i.endsWith('core/src/phone.ts'))) return 'phone handling (libphonenumber-js core)';
  return inputs.map((i) => relative(root, i)).join(', ');
}

const base = [...closure(entry)];
const baseGzip = base.reduce((n, f) => n + gzip(f), 0);
console.log(`dist/cloud-login.js (+ ${base.length - 1} static chunk(s)): ${kb(baseGzip)} gzip — loads on every page`);
const dynamic = files.filter((f) => !base.includes(f));
for (const file of dynamic) console.log(`  ${relative(root, file)}: ${kb(gzip(file))} gzip — ${describe(file)}, loaded on demand`);

const find = (label) => dynamic.find((f) => describe(f) === label);
const lib = 'phone handling (libphonenumber-js core)';
const perPreset = {
  jdcloud: [lib, 'phone metadata: CN'],
  'jdcloud-classic': [lib, 'phone metadata: CN, HK, MO, TW'],
  qingcloud: [lib, 'phone metadata: CN'],
  tencentcloud: [lib, 'phone metadata: all regions'],
  default: [lib, 'phone metadata: all regions'],
};
console.log('What a page loads once a phone field shows (gzip; pages without one load only the first line):');
for (const [preset, labels] of Object.entries(perPreset)) {
  const extra = labels.map(find).filter(Boolean).reduce((n, f) => n + gzip(f), 0);
  console.log(`  ${preset.padEnd(16)} ${kb(baseGzip + extra)}`);
}
