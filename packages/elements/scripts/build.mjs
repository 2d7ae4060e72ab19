#!/usr/bin/env node
// Builds the CDN bundle from src/cdn.ts: dist/cloud-login.js, a self-contained ES module that
// knows every element, plus chunks in dist/chunks/ that load only when needed — each element's
// code the first time a page uses its tag, phone handling per region set (the full metadata only
// for presets that accept any region), the common-password list, the preset validator.
// `npm run size` prints what each page actually loads; this script prints the files.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/**
 * Builds the bundle into `outdir` (emptied first) and resolves with esbuild's metafile, whose
 * output paths are relative to the current working directory.
 */
export async function buildBundle({ outdir = join(root, 'dist') } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { 'cloud-login': join(root, 'src/cdn.ts') },
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
  return result.metafile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = join(root, 'dist');
  const metafile = await buildBundle({ outdir });
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const files = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const bytes = readFileSync(file);
    console.log(`${relative(root, file).padEnd(40)} ${kb(bytes.length).padStart(9)} min ${kb(gzipSync(bytes).length).padStart(9)} gzip`);
  }
  console.log('What each page loads: npm run size');
}
