/**
 * ESLint rule `boundaries/imports`: which part of the repository may import which. Each zone
 * names a folder (`from`), the folders its files must not import (`disallow`) and, optionally,
 * specifiers that stay allowed (`allow`, prefixes). The rule works on where an import points,
 * not on how it is spelled: a relative path is resolved against the importing file, and a
 * workspace package name (`@cloud-login/elements/…`) through that package's `exports`, so
 * `../../server/src/x.ts`, `@cloud-login/server` and a self-import through the package name are
 * all caught. Static imports, re-exports, `import()` with a literal and `import('…')` types
 * are checked; anything else (bare third-party names, computed specifiers) is left alone.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const posix = (path) => path.split(sep).join('/');

/** Workspace package name → its folder (repository-relative) and its `exports`. */
function readWorkspaces(root) {
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packages = new Map();
  for (const folder of rootPackage.workspaces ?? []) {
    const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
    packages.set(pkg.name, { folder: posix(folder), exports: pkg.exports });
  }
  return packages;
}

/** Every path an `exports` target names, through all its conditions (`types`, `import`…). */
function exportTargets(target) {
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) return target.flatMap(exportTargets);
  if (target && typeof target === 'object') return Object.values(target).flatMap(exportTargets);
  return [];
}

/**
 * Maps `./sub/path` through an `exports` map (exact key, else the `*` pattern with the longest
 * prefix) to every file it may resolve to; unexported subpaths map to themselves.
 */
function throughExports(exports, subpath) {
  if (exports === undefined) return [subpath];
  const map =
    typeof exports === 'string' ||
    Array.isArray(exports) ||
    !Object.keys(exports).some((key) => key.startsWith('.'))
      ? { '.': exports }
      : exports;
  if (subpath in map) return exportTargets(map[subpath]);
  const patterns = Object.keys(map)
    .filter((key) => key.includes('*'))
    .sort((a, b) => b.indexOf('*') - a.indexOf('*'));
  for (const key of patterns) {
    const [prefix, suffix] = key.split('*');
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const star = subpath.slice(prefix.length, subpath.length - suffix.length);
      return exportTargets(map[key]).map((target) => target.replaceAll('*', star));
    }
  }
  return [subpath];
}

/**
 * @param {string} root the repository's root folder (where the root package.json is)
 * @returns {import('eslint').ESLint.Plugin}
 */
export function importBoundaries(root) {
  const workspaces = readWorkspaces(root);

  /** Repository-relative paths an import may point at; none when it leaves the workspaces. */
  function targets(specifier, importer) {
    if (
      specifier.startsWith('./') ||
      specifier.startsWith('../') ||
      specifier === '.' ||
      specifier === '..'
    ) {
      return [posix(relative(root, resolve(dirname(importer), specifier)))];
    }
    const name = specifier.startsWith('@') ? specifier.split('/', 2).join('/') : specifier.split('/', 1)[0];
    const pkg = workspaces.get(name);
    if (!pkg) return [];
    const subpath = '.' + specifier.slice(name.length);
    return throughExports(pkg.exports, subpath).map((path) => posix(join(pkg.folder, path)));
  }

  const within = (path, folder) =>
    path === folder.replace(/\/$/, '') || path.startsWith(folder.replace(/\/?$/, '/'));

  /** @type {import('eslint').Rule.RuleModule} */
  const rule = {
    meta: {
      type: 'problem',
      docs: { description: 'Keep imports inside the boundaries between packages and folders.' },
      messages: {
        disallowed: '{{from}} must not import {{to}} ("{{specifier}}"): {{why}}',
      },
      schema: [
        {
          type: 'object',
          properties: {
            zones: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  from: { type: 'string' },
                  disallow: { type: 'array', items: { type: 'string' } },
                  allow: { type: 'array', items: { type: 'string' } },
                  why: { type: 'string' },
                },
                required: ['from', 'disallow', 'why'],
                additionalProperties: false,
              },
            },
          },
          required: ['zones'],
          additionalProperties: false,
        },
      ],
    },
    create(context) {
      const importer = context.filename;
      const file = posix(relative(root, importer));
      const zones = context.options[0].zones.filter((zone) => within(file, zone.from));
      if (zones.length === 0) return {};

      function check(node, specifier) {
        if (typeof specifier !== 'string') return;
        const paths = targets(specifier, importer);
        for (const zone of zones) {
          if (zone.allow?.some((prefix) => specifier.startsWith(prefix))) continue;
          const folder = zone.disallow.find((folder) => paths.some((path) => within(path, folder)));
          if (folder) {
            context.report({
              node,
              messageId: 'disallowed',
              data: { from: zone.from, to: folder, specifier, why: zone.why },
            });
          }
        }
      }

      const literal = (node) => {
        if (node?.type === 'Literal') return node.value;
        if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
          return node.quasis[0].value.cooked;
        return undefined;
      };

      return {
        ImportDeclaration: (node) => check(node.source, node.source.value),
        ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
        ExportAllDeclaration: (node) => check(node.source, node.source.value),
        ImportExpression: (node) => check(node.source, literal(node.source)),
        // `import('…').Type` in a type position; typescript-eslint names the string `argument`.
        TSImportType: (node) => {
          const source = node.source ?? node.argument?.literal ?? node.argument;
          check(node, literal(source));
        },
        TSExternalModuleReference: (node) => check(node.expression, literal(node.expression)),
      };
    },
  };

  return { meta: { name: 'cloud-login-boundaries' }, rules: { imports: rule } };
}
