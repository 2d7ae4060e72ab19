#!/usr/bin/env node
// The custom elements manifest, generated from src/ by @custom-elements-manifest/analyzer with
// custom-elements-manifest.config.mjs.
//
//   node scripts/manifest.mjs             rewrites the committed custom-elements.json
//   node scripts/manifest.mjs --out dist  writes dist/custom-elements.json (the package build; its
//                                         paths name the published dist/*.js files)
//   node scripts/manifest.mjs --check     exits 1 when the committed file is stale
//
// The analyzer needs TypeScript's JavaScript API (typescript 5.x; the root devDependency).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const committedManifest = join(packageRoot, 'custom-elements.json');

/** The manifest as the analyzer makes it from the current sources, serialised as committed. */
export async function generateManifest() {
  const manifest = await cli({
    argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
    cwd: packageRoot,
    noWrite: true,
  });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const text = await generateManifest();
  if (args.includes('--check')) {
    const committed = existsSync(committedManifest) ? readFileSync(committedManifest, 'utf8') : '';
    if (committed !== text) {
      console.error(
        'custom-elements.json is stale: run `npm run manifest --workspace @cloud-login/elements` and commit it.',
      );
      process.exit(1);
    }
  } else {
    const at = args.indexOf('--out');
    const dir = at >= 0 ? resolve(args[at + 1]) : packageRoot;
    mkdirSync(dir, { recursive: true });
    // The published copy names the files the package ships (dist/*.js), not the sources.
    const published =
      at >= 0 ? text.replace(/"(path|module)": "src\/([^"]+)\.ts"/g, '"$1": "dist/$2.js"') : text;
    writeFileSync(join(dir, 'custom-elements.json'), published);
  }
}
