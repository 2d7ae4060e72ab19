// Minifies the whitespace inside Lit's html`` and css`` templates at build time (a rolldown
// plugin for scripts/build.mjs). Minifying JavaScript leaves template text as written, so every
// template carries its source indentation: a few kilobytes over the elements.
//
// Correctness first — only whitespace that cannot matter changes:
// - html``: a run of whitespace in text that holds a line break becomes one line break, which
//   renders the same under every collapsing `white-space` (normal, nowrap, pre-line); runs without
//   a line break stay as written, so the space between two inline elements is kept. Inside a tag,
//   between attributes, a run becomes one space (none before `>`). Quoted attribute values,
//   comments and the contents of <pre>, <textarea>, <script>, <style> (and the other raw-text
//   elements) are left alone.
// - css``: comments go; a run of whitespace becomes one space, or nothing beside `{ } ; , > ( )`,
//   after `:` and before `!` — never before `(` (`and (` is not `and(`) nor around `+ -`
//   (`calc(1px + 2px)`). Strings are left alone.
// - Expressions (`${…}`) are JavaScript, not template text: they are never touched (templates
//   nested in them are minified on their own), and the whitespace next to one is treated as
//   if anything could stand there. So are the two ends of a template.
// - A whitespace character right after a backslash is left alone (a line continuation in
//   JavaScript, an escaped space in CSS).
// Only templates whose tag is `html`, `css` or `svg` imported from Lit are touched.
import { RolldownMagicString } from 'rolldown';
import { parseSync } from 'rolldown/utils';

/** HTML's whitespace (not JavaScript's `\s`, which also has U+00A0 and friends). */
const WS = new Set([' ', '\t', '\n', '\r', '\f']);
/** Elements whose text is kept as written. */
const RAW_TEXT = new Set(['pre', 'textarea', 'listing', 'xmp', 'plaintext', 'script', 'style']);

/** The end (exclusive) of the whitespace run starting at `i`. */
function runEnd(text, i) {
  while (i < text.length && WS.has(text[i])) i++;
  return i;
}

/**
 * Minifies an html`` template given as its raw text parts (`strings.raw`; one more than the
 * expressions). Resolves with as many parts.
 */
export function minifyHtml(parts) {
  // text | tag | attr (quoted value; `quote` holds the quote) | raw (inside a raw-text element)
  // | comment. It carries over expressions: `class="a ${b} c"` stays one attribute value.
  let state = 'text';
  let quote = '';
  let tagName = '';
  let rawName = '';
  return parts.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i];
      if (state === 'attr') {
        out += c;
        i++;
        if (c === quote) state = 'tag';
        continue;
      }
      if (state === 'comment') {
        const end = part.indexOf('-->', i);
        const stop = end < 0 ? part.length : end + 3;
        out += part.slice(i, stop);
        i = stop;
        if (end >= 0) state = 'text';
        continue;
      }
      if (state === 'raw') {
        const close = part.slice(i).search(new RegExp(`</${rawName}[\\s/>]`, 'i'));
        const stop = close < 0 ? part.length : i + close;
        out += part.slice(i, stop);
        i = stop;
        if (close >= 0) {
          out += part.slice(i, i + 2);
          i += 2;
          state = 'tag';
          tagName = '';
        }
        continue;
      }
      if (WS.has(c) && part[i - 1] !== '\\') {
        const end = runEnd(part, i);
        const run = part.slice(i, end);
        if (state === 'text') out += run.includes('\n') ? '\n' : run;
        else if (part[end] !== '>') out += ' ';
        i = end;
        continue;
      }
      if (state === 'text') {
        if (part.startsWith('<!--', i)) {
          state = 'comment';
          out += '<!--';
          i += 4;
          continue;
        }
        // `<` opens a tag before a letter, `/` or `!` — or before an expression (a tag name
        // from lit/static-html.js); anything else is text.
        const next = part[i + 1];
        if (c === '<' && (next === undefined || /[a-zA-Z/!?]/.test(next))) {
          const name = /^<\/?([a-zA-Z][^\s/>]*)/.exec(part.slice(i));
          tagName = name && part[i + 1] !== '/' ? name[1].toLowerCase() : '';
          state = 'tag';
        }
        out += c;
        i++;
        continue;
      }
      // state === 'tag'
      out += c;
      i++;
      if (c === '"' || c === "'") {
        state = 'attr';
        quote = c;
      } else if (c === '>') {
        if (RAW_TEXT.has(tagName) && part[i - 2] !== '/') {
          state = 'raw';
          rawName = tagName;
        } else {
          state = 'text';
        }
      }
    }
    return out;
  });
}

/** A gap's neighbour that lets it go: after one of these… */
const CSS_DROP_AFTER = new Set(['{', '}', ';', ',', '>', '(', ':']);
/** …or before one of these. */
const CSS_DROP_BEFORE = new Set(['{', '}', ';', ',', '>', ')', '!']);

/** Minifies a css`` template given as its raw text parts. Resolves with as many parts. */
export function minifyCss(parts) {
  // css | string (`quote` holds the quote) | comment (one that runs into an expression: kept).
  let state = 'css';
  let quote = '';
  return parts.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i];
      if (state === 'string') {
        out += c;
        i++;
        if (c === '\\' && i < part.length) out += part[i++];
        else if (c === quote) state = 'css';
        continue;
      }
      if (state === 'comment') {
        const end = part.indexOf('*/', i);
        const stop = end < 0 ? part.length : end + 2;
        out += part.slice(i, stop);
        i = stop;
        if (end >= 0) state = 'css';
        continue;
      }
      if (c === '"' || c === "'") {
        state = 'string';
        quote = c;
        out += c;
        i++;
        continue;
      }
      if (c === '\\') {
        // An escape: the backslash and the character it escapes stay together.
        out += part.slice(i, i + 2);
        i += 2;
        continue;
      }
      const startsGap = WS.has(c) || part.startsWith('/*', i);
      if (!startsGap) {
        out += c;
        i++;
        continue;
      }
      // A gap: whitespace and complete comments. A comment cut by an expression ends it.
      let end = i;
      let spaced = false;
      let open = false;
      while (end < part.length) {
        if (WS.has(part[end])) {
          spaced = true;
          end++;
        } else if (part.startsWith('/*', end)) {
          const close = part.indexOf('*/', end + 2);
          if (close < 0) {
            open = true;
            break;
          }
          end = close + 2;
        } else break;
      }
      if (open && end === i) {
        state = 'comment';
        continue;
      }
      // What stands on either side: a character, or an expression / the template's end (null).
      const before = out.length > 0 ? out[out.length - 1] : null;
      const after = end < part.length && !open ? part[end] : null;
      const droppable =
        (before !== null && CSS_DROP_AFTER.has(before)) || (after !== null && CSS_DROP_BEFORE.has(after));
      if (!spaced) {
        // Only comments: `a/**/b` is two tokens, `ab` one — keep them unless a separator is next.
        if (!droppable) out += part.slice(i, end);
      } else if (!droppable) {
        out += ' ';
      }
      i = end;
    }
    return out;
  });
}

/** Module specifiers whose `html` / `css` / `svg` exports are Lit's template tags. */
const LIT_MODULES = /^(lit|lit-html|lit-element)(\/.*)?$|^@lit\/reactive-element(\/.*)?$/;
const MINIFIERS = { html: minifyHtml, svg: minifyHtml, css: minifyCss };

/** Local names bound to Lit's tags by the module's imports: local name → minifier. */
function litTags(program) {
  const tags = new Map();
  for (const node of program.body) {
    if (
      node.type !== 'ImportDeclaration' ||
      node.importKind === 'type' ||
      !LIT_MODULES.test(node.source.value)
    )
      continue;
    for (const spec of node.specifiers) {
      if (spec.type !== 'ImportSpecifier' || spec.importKind === 'type') continue;
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      if (Object.hasOwn(MINIFIERS, imported)) tags.set(spec.local.name, MINIFIERS[imported]);
    }
  }
  return tags;
}

/** Every node below `node` (an ESTree AST), depth first. */
function* walk(node) {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  if (typeof node.type === 'string') yield node;
  for (const key in node) {
    if (key !== 'parent') yield* walk(node[key]);
  }
}

/**
 * Minifies the Lit templates of one module (JavaScript or TypeScript source). Resolves with
 * `{ code, map }`, or null when nothing changed. A local binding that shadows an imported tag
 * name is not told apart: modules here do not shadow `html` / `css`.
 */
export function minifyTemplates(code, id) {
  if (!/\b(html|css|svg)\b/.test(code)) return null;
  const lang = /\.tsx?$/.test(id) ? 'ts' : 'js';
  const { program, errors } = parseSync(id, code, { lang, sourceType: 'module' });
  if (errors.length > 0) return null; // the bundler reports it
  const tags = litTags(program);
  if (tags.size === 0) return null;
  const s = new RolldownMagicString(code);
  for (const node of walk(program)) {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') continue;
    const minify = tags.get(node.tag.name);
    if (!minify) continue;
    const quasis = node.quasi.quasis;
    const raws = quasis.map((q) => q.value.raw);
    // The raw text of each part and where it starts. The parser's span of a part may or may not
    // include its delimiters (`, ${, }); find the text itself, and skip the template if it is
    // not there verbatim (CRLF sources: `raw` has them as LF).
    const starts = quasis.map((q, k) => {
      for (const at of [q.start, q.start + 1])
        if (code.startsWith(raws[k], at) && at + raws[k].length <= q.end) return at;
      return -1;
    });
    if (starts.includes(-1)) continue;
    const minified = minify(raws);
    minified.forEach((text, k) => {
      if (text === raws[k]) return;
      if (text === '') s.remove(starts[k], starts[k] + raws[k].length);
      else s.update(starts[k], starts[k] + raws[k].length, text);
    });
  }
  if (!s.hasChanged()) return null;
  const map = JSON.parse(s.generateMap({ source: id, hires: true, includeContent: true }).toString());
  return { code: s.toString(), map };
}

/** The rolldown plugin: runs before the TypeScript transform, on the modules that import Lit. */
export function minifyTemplatesPlugin() {
  return {
    name: 'cloud-login:minify-templates',
    transform: {
      filter: { id: /\.[cm]?[jt]s$/ },
      handler(code, id) {
        return minifyTemplates(code, id);
      },
    },
  };
}
