#!/usr/bin/env node
// Builds the CDN bundle from src/cdn.ts with rolldown: cdn/cloud-login.js, a self-contained ES
// module that knows every element, plus chunks in cdn/chunks/ that load only when needed. The
// package ships cdn/, so a page can load the file from any npm CDN; chunks are imported by
// relative URLs, resolved against the file that imports them.
// `npm run size` prints what each page actually loads; this script prints the files.
//
// Chunking. Automatic splitting makes one chunk per set of dynamic imports that reach a module,
// and a page pays gzip's per-file cost (and loses the dictionary it would share with the other
// files) for each: with esbuild a login page fetched 13 files. Here (see `planChunks`):
// - `chunks/main-*.js`: what the entry runs at once (cloud-auth, Lit, the shared element base,
//   core's base strings) and what <cloud-login> shares with any other lazy module (buttons,
//   shared styles, events…);
// - `chunks/login-panels-*.js`: the password panel, the base class of the login panels, and the
//   text and password field code they share with registration, account security and the profile
//   steps (one file: a login page pays for one file less, a registration page loads the panel
//   code it does not run; the login page has the hard budget); the panel's registration file,
//   `cloud-password-login`, is a tiny chunk that imports it;
// - `chunks/forms-*.js`: what registration shares with account security and the profile steps
//   (account-name and e-mail fields, agreements, their messages), none of which <cloud-login>'s
//   side needs: one file for a registration page instead of one per set of users;
// - one chunk per lazily loaded module (the login flow, registration, the QR panel, account
//   security, profile steps, phone handling, region metadata, the common-password list, the
//   preset validator, each preset…), holding what only it needs;
// - what only some other lazy modules share: a chunk per set of them, as rolldown splits it.
// A login page loads the entry, main, the login chunk, its preset and the panel of its first tab
// (login-panels, or JD Cloud's QR panel).
// The entry itself holds only the loader (src/cdn.ts): chunks never import it, so a page may load
// it from any URL (a `?v=` query, a redirect) without a second copy of the elements.
//
// Lit's html`` and css`` templates are minified (scripts/minify-templates.mjs). Licence comments
// of bundled packages go to a linked `<file>.LEGAL.txt` beside each file that has any.
//
// Every file written gets precompressed siblings, `<file>.br` (brotli, quality 11) and
// `<file>.gz` (gzip, level 9): a server picks one by the request's Accept-Encoding (the reference
// server does, packages/server/README.md "Static files") without compressing per request, and at
// the strongest settings, which are too slow to run per request.
import { rolldown } from 'rolldown';
import { brotliCompress, constants, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative, sep } from 'node:path';
import { parseSync } from 'rolldown/utils';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const repo = join(root, '../..');

const ENTRY = join(root, 'src/cdn.ts');
/** The element most pages show first: what it shares with other lazy modules joins `main`. */
const FIRST = join(root, 'src/flows/login/cloud-login.ts');
/** <cloud-login>'s panels that a first render shows: the password form, and JD Cloud's app QR. */
const PASSWORD_PANEL = join(root, 'src/flows/login/methods/cloud-password-login.ts');
const FIRST_PANELS = [PASSWORD_PANEL, join(root, 'src/blocks/qr-panel/cloud-qr-panel.ts')];
/** The panels of <cloud-login>'s tabs, which share a base class. */
const LOGIN_PANELS = ['password', 'sms', 'subaccount'].map((m) =>
  join(root, `src/flows/login/methods/cloud-${m}-login.ts`),
);
/** Core's presets, one lazily loaded module each (`loadPreset`); `schema.ts` validates overrides. */
const PRESET_DIR = join(repo, 'packages/core/src/presets');
const isPresetModule = (id) => dirname(id) === PRESET_DIR && !id.endsWith(`${sep}schema.ts`);
/** Rolldown's runtime helpers (`__export` for a module namespace object…). */
const RUNTIME = '\0rolldown/runtime.js';
/** Registration, and the lazy modules of <cloud-login>'s side (its tabs, the phone field). */
const REGISTER = join(root, 'src/flows/register/cloud-register.ts');
const LOGIN_DIR = join(root, 'src/flows/login') + sep;
const LOGIN_SIDE = [
  FIRST,
  ...FIRST_PANELS,
  ...LOGIN_PANELS,
  join(root, 'src/blocks/phone-input/cloud-phone-input.ts'),
];
/** Rendered bytes under which a module the first panels share is not worth a file of its own. */
const SMALL = 1024;

/** Rolldown's input options (the same for both passes). */
function inputOptions(plugins = []) {
  return {
    input: { 'cloud-login': ENTRY },
    platform: 'browser',
    // The `forms` group takes no dependencies with it, which rolldown allows only if an entry may
    // export more than its own exports; no chunk imports the entry (checked below), so none does.
    preserveEntrySignatures: 'allow-extension',
    // The workspace's packages from their TypeScript sources (their `cloud-login-source` export).
    resolve: { conditionNames: ['cloud-login-source', 'import', 'browser', 'default'] },
    // The file that literally holds experimentalDecorators / useDefineForClassFields.
    tsconfig: join(repo, 'tsconfig.base.json'),
    transform: {
      target: 'es2022',
      // Lit here uses TypeScript's legacy decorators with `useDefineForClassFields: false`
      // (docs/contributing.md, "Decorators"): a class field must not shadow the accessor a decorator made.
      decorator: { legacy: true },
      typescript: { removeClassFieldsWithoutInitializer: true },
      assumptions: { setPublicClassFields: true },
      define: { 'process.env.NODE_ENV': '"production"' },
    },
    plugins: [minifyTemplatesPlugin(), ...plugins],
    // Rolldown says when the options above override the tsconfig's, which is meant.
    onLog(level, log, handler) {
      if (log.code === 'CONFIGURATION_FIELD_CONFLICT') return;
      handler(level, log);
    },
  };
}

/** Chunks reachable from `start` by static imports (file names), `start` included. */
function staticClosure(byFile, start) {
  const seen = new Set();
  const stack = [start];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...(byFile.get(file)?.imports ?? []));
  }
  return seen;
}

/**
 * Plans the shared chunks from a first, automatically split build, whose chunks tell (after tree
 * shaking) which lazily loaded modules need which modules. Returns `{ main, fields, panels, forms }`,
 * sets of module ids:
 * - `main`: every module the entry loads at once (except the entry itself), and every module
 *   <cloud-login> needs on load that another lazily loaded module needs too (the buttons, shared
 *   styles, events…). Pages without a login pay for what they do not use of these (a
 *   registration page: about 0.4 kB gzip); a login page is saved one file per set of modules it
 *   shares, each of which would otherwise be a chunk of its own. Small shared chunks (under
 *   `SMALL` bytes, importing nothing outside main) that a first panel needs join it too: a file
 *   costs more than they weigh.
 * - `fields`: what the first login panel (the password form) needs that other lazy modules need
 *   as well — the text field and password field code registration, account security and the
 *   profile steps use too. One file instead of one per set of users.
 * - `panels`: the rest of the password panel, and what only the login panels share (their base
 *   class): one file for the form most presets show first.
 * - `forms`: what registration shares with account security and the profile steps (see below).
 * Everything else is left to automatic splitting: what only <cloud-login> needs is its chunk, the
 * QR panel is its own, and so on for every lazy module.
 */
function planChunks(output) {
  const chunks = output.filter((o) => o.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const modulesOf = (files) => new Set([...files].flatMap((f) => byFile.get(f).moduleIds));
  const size = new Map(
    chunks.flatMap((c) => Object.entries(c.modules).map(([id, m]) => [id, m.renderedLength])),
  );
  const entry = chunks.find((c) => c.isEntry);
  const initial = modulesOf(staticClosure(byFile, entry.fileName));
  /** Lazy module id → the modules it needs beyond the initial ones. */
  const needs = new Map();
  for (const chunk of chunks) {
    if (!chunk.isDynamicEntry || !chunk.facadeModuleId) continue;
    const modules = modulesOf(staticClosure(byFile, chunk.fileName));
    needs.set(chunk.facadeModuleId, new Set([...modules].filter((m) => !initial.has(m))));
  }
  for (const id of [FIRST, ...FIRST_PANELS]) {
    if (!needs.has(id))
      throw new Error(`build.mjs: ${relative(root, id)} is no longer loaded lazily; update the plan`);
  }
  const neededElsewhere = (id, except) =>
    [...needs].some(([lazy, set]) => !except.includes(lazy) && set.has(id));
  const main = new Set([...initial].filter((id) => id !== ENTRY));
  for (const id of needs.get(FIRST)) if (neededElsewhere(id, [FIRST])) main.add(id);
  // Every element renders from a preset: what all preset modules share (their common values) is
  // fetched by every page, so it is not worth a file of its own. Rolldown's runtime helpers, a
  // few hundred bytes that several lazy chunks import, join for the same reason.
  const presets = [...needs.keys()].filter(isPresetModule);
  if (presets.length > 0) {
    for (const id of needs.get(presets[0]))
      if (id !== presets[0] && presets.every((p) => needs.get(p).has(id))) main.add(id);
  }
  main.add(RUNTIME);
  // Small chunks of the automatic split that a first panel needs, and other lazy modules too,
  // whose own imports are all in main already: a group takes a module's dependencies with it,
  // so a small module with others behind it (a registration file importing its element) would
  // bring them all into every page.
  for (const chunk of chunks) {
    if (chunk.isEntry || chunk.isDynamicEntry) continue;
    const ids = chunk.moduleIds;
    if (ids.reduce((sum, id) => sum + (size.get(id) ?? 0), 0) >= SMALL) continue;
    const firstNeeds = FIRST_PANELS.some((panel) => ids.every((id) => needs.get(panel).has(id)));
    const shared = ids.every((id) => neededElsewhere(id, FIRST_PANELS));
    const leaf = chunk.imports.every((file) => byFile.get(file).moduleIds.every((id) => main.has(id)));
    if (firstNeeds && shared && leaf) ids.forEach((id) => main.add(id));
  }
  const fields = new Set();
  const panels = new Set();
  for (const id of needs.get(PASSWORD_PANEL)) {
    if (main.has(id)) continue;
    // Its registration file (a few hundred bytes) stays the facade of its own chunk: in a group,
    // the dynamic import of it would need a namespace object, and that rolldown's runtime chunk,
    // one more file on the page.
    if (id === PASSWORD_PANEL) continue;
    (neededElsewhere(id, LOGIN_PANELS) ? fields : panels).add(id);
  }
  // `forms`: what registration needs on load and shares with other lazy modules, unless the
  // login side (its tabs, the phone field, the flow's own lazy modules) needs it too, or it is
  // loaded lazily itself (then it keeps its own chunk, so whoever imports it gets it alone).
  // Its group takes no dependencies with it: those stay where the plan put them.
  const loginSide = [...needs.keys()].filter((id) => LOGIN_SIDE.includes(id) || id.startsWith(LOGIN_DIR));
  const forms = new Set();
  for (const id of needs.get(REGISTER) ?? []) {
    if (main.has(id) || fields.has(id) || panels.has(id)) continue;
    if (needs.has(id) || !neededElsewhere(id, [REGISTER]) || loginSide.some((l) => needs.get(l).has(id)))
      continue;
    forms.add(id);
  }
  return { main, fields, panels, forms };
}

/** Licence comments (`@license`, `@preserve`, `/*!`, `//!`) of a module's source. */
function licenceComments(code, id) {
  const lang = /\.tsx?$/.test(id) ? 'ts' : 'js';
  const { comments } = parseSync(id, code, { lang, sourceType: 'module' });
  return comments
    .filter((c) => /@license|@preserve/.test(c.value) || c.value.startsWith('!'))
    .map((c) => code.slice(c.start, c.end));
}

/**
 * Collects licence comments as modules load and writes them, per output file, to
 * `<file>.LEGAL.txt` with a `/*! For license information please see … *\/` line at the end of
 * the file — what esbuild's `legalComments: 'linked'` did. The comments are removed from the code.
 */
function legalCommentsPlugin() {
  const byModule = new Map();
  return {
    name: 'cloud-login:legal-comments',
    transform: {
      filter: { id: /\.[cm]?[jt]s$/ },
      handler(code, id) {
        if (!/@license|@preserve|\/\*!|\/\/!/.test(code)) return null;
        const found = licenceComments(code, id);
        if (found.length > 0) byModule.set(id, found);
        return null;
      },
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // Like esbuild's file: each comment once, with the files it comes from.
        const sources = new Map();
        for (const id of chunk.moduleIds) {
          const where = id.includes(`node_modules${sep}`)
            ? id.slice(id.lastIndexOf(`node_modules${sep}`) + 13)
            : relative(repo, id);
          for (const text of byModule.get(id) ?? []) {
            if (!sources.has(text)) sources.set(text, []);
            sources.get(text).push(where.split(sep).join('/'));
          }
        }
        if (sources.size === 0) continue;
        const legal = `${chunk.fileName}.LEGAL.txt`;
        const body = [...sources]
          .map(([text, files]) => `${files.map((f) => `${f}:`).join('\n')}\n${text.replace(/^/gm, '  ')}`)
          .join('\n\n');
        this.emitFile({
          type: 'asset',
          fileName: legal,
          source: `Bundled license information:\n\n${body}\n`,
        });
        // Before the source map's line, which stays last; nothing mapped moves.
        const link = `/*! For license information please see ${legal.slice(legal.lastIndexOf('/') + 1)} */\n`;
        const at = chunk.code.lastIndexOf('//# sourceMappingURL=');
        chunk.code =
          at < 0 ? `${chunk.code}\n${link}` : chunk.code.slice(0, at) + link + chunk.code.slice(at);
      }
    },
  };
}

const outputOptions = {
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  hashCharacters: 'base36',
  // Compression keeps to the transform's syntax target (its default is esnext).
  minify: { compress: { target: 'es2022' } },
  sourcemap: true,
  // Licence comments go to the linked files (legalCommentsPlugin); the rest is not needed.
  comments: false,
};

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Files of the bundle that get precompressed siblings (not the siblings themselves). */
const COMPRESSIBLE = /\.(js|map|txt)$/;

/** Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`. */
async function precompress(dir) {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  await Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(file);
      const [br, gz] = await Promise.all([
        brotliAsync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
        gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      writeFileSync(`${file}.br`, br);
      writeFileSync(`${file}.gz`, gz);
    }),
  );
}

/**
 * Builds the bundle into `outdir` (emptied first). Resolves with the files written, each
 * `{ file, path, isEntry, isDynamicEntry, imports, dynamicImports, modules }`: `file` relative
 * to `outdir` (`cloud-login.js`, `chunks/…`), `path` absolute, imports as `file`s, modules as ids.
 */
export async function buildBundle({ outdir = join(root, 'cdn') } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const bundle = await rolldown(inputOptions([legalCommentsPlugin()]));
  try {
    // Pass 1, in memory: where modules are needed, after tree shaking.
    const probe = await bundle.generate({ format: 'es', codeSplitting: true });
    const { main, fields, panels, forms } = planChunks(probe.output);
    const { output } = await bundle.write({
      ...outputOptions,
      dir: outdir,
      // The entry module stays out of `main`, so the entry is the loader alone.
      codeSplitting: {
        groups: [
          { name: 'main', test: (id) => main.has(id) },
          { name: 'login-panels', test: (id) => fields.has(id) || panels.has(id) },
          { name: 'forms', test: (id) => forms.has(id), includeDependenciesRecursively: false },
        ],
      },
    });
    const chunks = output.filter((o) => o.type === "chunk");
    for (const c of chunks) if (/main|cloud-login-|login-panels/.test(c.fileName)) { console.log("##", c.fileName); for (const [id, m] of Object.entries(c.modules).sort((a, b) => b[1].renderedLength - a[1].renderedLength).slice(0, 25)) console.log(String(m.renderedLength).padStart(7), id.replace(/.*\/work\/main\//, "")); }
    const entry = chunks.find((c) => c.isEntry);
    const importsEntry = chunks.filter(
      (c) => c.imports.includes(entry.fileName) || c.dynamicImports.includes(entry.fileName),
    );
    if (importsEntry.length > 0) {
      throw new Error(
        `build.mjs: ${importsEntry.map((c) => c.fileName).join(', ')} import the entry; it must hold only the loader`,
      );
    }
    await precompress(outdir);
    return chunks.map((c) => ({
      file: c.fileName,
      path: join(outdir, c.fileName),
      isEntry: c.isEntry,
      isDynamicEntry: c.isDynamicEntry,
      imports: c.imports,
      dynamicImports: c.dynamicImports,
      modules: c.moduleIds,
    }));
  } finally {
    await bundle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await buildBundle({ outdir: join(root, 'cdn') });
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const { file, path } of files) {
    const bytes = readFileSync(path);
    console.log(
      `${file.padEnd(40)} ${kb(bytes.length).padStart(9)} min ${kb(gzipSync(bytes).length).padStart(9)} gzip`,
    );
  }
  console.log('What each page loads: npm run size');
}
