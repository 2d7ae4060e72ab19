// The build's template minifier (minify-templates.mjs): what it may change, what it must not, and
// that over every element's real source it changes nothing but whitespace and CSS comments.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'rolldown/utils';
import { minifyCss, minifyHtml, minifyTemplates } from './minify-templates.mjs';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** The one html`` template of `body` (no expressions), minified. */
const html = (text) => minifyHtml([text])[0];
const css = (text) => minifyCss([text])[0];

describe('minifyHtml', () => {
  test('a run of whitespace with a line break in text becomes one line break', () => {
    assert.equal(html('\n    <div>\n      <p>Hi</p>\n    </div>\n  '), '\n<div>\n<p>Hi</p>\n</div>\n');
  });

  test('whitespace without a line break is kept: the space between inline elements matters', () => {
    assert.equal(html('<b>a</b> <i>b</i>'), '<b>a</b> <i>b</i>');
    assert.equal(html('<p>two  spaces</p>'), '<p>two  spaces</p>');
    // Still one character between the two spans: they stay apart.
    assert.equal(html('<span>a</span>\n      <span>b</span>'), '<span>a</span>\n<span>b</span>');
  });

  test('inside a tag, attributes are separated by one space, none before `>`', () => {
    assert.equal(html('<input\n  type="text"\n  required\n>'), '<input type="text" required>');
    assert.equal(html('<br   />'), '<br />', 'never before `/`: after an unquoted value it would join it');
  });

  test('quoted attribute values are left as written', () => {
    assert.equal(
      html('<p title="a\n    b" class=\'x   y\'>t</p>'),
      '<p title="a\n    b" class=\'x   y\'>t</p>',
    );
  });

  test('an attribute value stays one across an expression', () => {
    const parts = ['<p class="a\n   ', '\n   b">\n   x\n</p>'];
    assert.deepEqual(minifyHtml(parts), ['<p class="a\n   ', '\n   b">\nx\n</p>']);
  });

  test('<pre>, <textarea>, <script> and <style> keep their contents', () => {
    const pre = '<pre>\n  a\n    b\n</pre>';
    assert.equal(html(`<div>\n  ${pre}\n</div>`), `<div>\n${pre}\n</div>`);
    assert.equal(html('<textarea>\n  x\n</textarea>'), '<textarea>\n  x\n</textarea>');
    assert.equal(
      html('<PRE class="c">\n  a\n</PRE>\n  <p>\n  b</p>'),
      '<PRE class="c">\n  a\n</PRE>\n<p>\nb</p>',
    );
    assert.equal(html('<style>\n  a { b: c }\n</style>'), '<style>\n  a { b: c }\n</style>');
    // A raw-text element's contents run on across an expression.
    assert.deepEqual(minifyHtml(['<pre>\n  ', '\n  </pre>\n  x']), ['<pre>\n  ', '\n  </pre>\nx']);
  });

  test('comments are left as written', () => {
    assert.equal(html('<!--\n   a  <p>\n  -->\n  <p></p>'), '<!--\n   a  <p>\n  -->\n<p></p>');
  });

  test('`<` that opens no tag is text', () => {
    assert.equal(html('<p>1 < 2\n   and 3 > 2</p>'), '<p>1 < 2\nand 3 > 2</p>');
  });

  test('whitespace beside an expression stays one character', () => {
    assert.deepEqual(minifyHtml(['<p>\n  ', '\n  </p>']), ['<p>\n', '\n</p>']);
    assert.deepEqual(minifyHtml(['<input\n  .value=', '\n  ?disabled=', '\n>']), [
      '<input .value=',
      ' ?disabled=',
      '>',
    ]);
  });

  test('whitespace after a backslash is left alone', () => {
    assert.equal(html('a\\\n    b'), 'a\\\n    b');
  });

  test('non-breaking spaces are not HTML whitespace', () => {
    assert.equal(html('<p>\u00a0\n  x</p>'), '<p>\u00a0\nx</p>');
  });
});

describe('minifyCss', () => {
  test('whitespace goes beside braces, semicolons, commas, colons and `>`', () => {
    assert.equal(
      css('\n  :host {\n    display: block;\n  }\n  a,\n  b > c {\n    margin: 0 1px;\n  }\n'),
      ' :host{display:block;}a,b>c{margin:0 1px;}',
    );
  });

  test('the descendant combinator stays, also before a pseudo-class', () => {
    assert.equal(
      css('.a   .b, .a\n  :hover, :host(.x)   ::slotted(p) {}'),
      '.a .b,.a :hover,:host(.x) ::slotted(p){}',
    );
  });

  test('calc keeps the spaces around + and -; `and (` keeps its space', () => {
    assert.equal(
      css('a { width: calc(100% - 2 * 1px); top: calc(1px + 2px) }'),
      'a{width:calc(100% - 2 * 1px);top:calc(1px + 2px)}',
    );
    assert.equal(
      css('@media screen and (min-width: 600px) { a { b: c } }'),
      '@media screen and (min-width:600px){a{b:c}}',
    );
  });

  test('strings are left as written', () => {
    assert.equal(css("a::before { content: '  a ;  {  b  '; }"), "a::before{content:'  a ;  {  b  ';}");
    assert.equal(css('a { font-family: "Segoe  UI" , x }'), 'a{font-family:"Segoe  UI",x}');
    assert.equal(css("a { content: 'it\\'s  ;  ' }"), "a{content:'it\\'s  ;  '}");
  });

  test('comments go, as whitespace; a comment between two tokens stays', () => {
    assert.equal(css('/* x */\n a { /* y */ color: red; /* z */ }'), ' a{color:red;}');
    assert.equal(css('div/**/.x{}'), 'div/**/.x{}');
    assert.equal(css("a { content: '/* not a comment */' }"), "a{content:'/* not a comment */'}");
  });

  test('`!important` loses the space before it', () => {
    assert.equal(css('a { display: none !important; }'), 'a{display:none!important;}');
  });

  test('whitespace beside an expression stays one space unless a separator is next to it', () => {
    assert.deepEqual(minifyCss(['\n  ', '  .b {\n  color: ', ';\n  }\n']), [' ', ' .b{color:', ';}']);
  });

  test('escapes: an escaped space stays, and so does the whitespace after it', () => {
    assert.equal(css('.a\\  .b {}'), '.a\\  .b{}');
  });
});

describe('minifyTemplates (a module)', () => {
  test('minifies html and css imported from Lit, aliases included, nested templates too', () => {
    const code = [
      "import { html as h, css, LitElement } from 'lit';",
      'const styles = css`\n  a {\n    color: red;\n  }\n`;',
      'const t = h`<ul>\n  ${items.map((i) => h`\n    <li>${i}</li>\n  `)}\n</ul>`;',
    ].join('\n');
    const result = minifyTemplates(code, 'x.ts');
    assert.ok(result);
    assert.match(result.code, /css` a\{color:red;\}`/);
    assert.match(result.code, /h`<ul>\n\$\{items\.map\(\(i\) => h`\n<li>\$\{i\}<\/li>\n`\)\}\n<\/ul>`/);
    assert.equal(result.map.version, 3);
    assert.deepEqual(result.map.sources, ['x.ts']);
  });

  test('strings inside expressions are JavaScript and stay as written', () => {
    const code =
      "import { html } from 'lit';\nconst t = html`<p title=${'a   \\n   b'}>\n   ${`x\n     y`}\n</p>`;";
    const result = minifyTemplates(code, 'x.ts');
    assert.ok(result);
    assert.ok(result.code.includes("${'a   \\n   b'}"));
    assert.ok(result.code.includes('${`x\n     y`}'));
  });

  test('leaves templates alone whose tag is not Lit’s', () => {
    const code =
      "import { html } from './my-html.ts';\nconst t = html`<p>\n   x\n</p>`;\nconst u = css`a {  }`;";
    assert.equal(minifyTemplates(code, 'x.ts'), null);
    const typeOnly = "import type { html } from 'lit';\nconst t = html`<p>\n   x\n</p>`;";
    assert.equal(minifyTemplates(typeOnly, 'x.ts'), null);
  });

  test('TypeScript and text beyond ASCII before a template (offsets in UTF-16)', () => {
    const code =
      "import { html } from 'lit';\nconst s: string = '中文😀';\nconst t = html`<p>\n    ${s}\n  </p>`;";
    const result = minifyTemplates(code, 'x.ts');
    assert.ok(result);
    assert.ok(result.code.endsWith("const s: string = '中文😀';\nconst t = html`<p>\n${s}\n</p>`;"));
  });
});

/** Every .ts file under `dir`, tests aside. */
function sources(dir = src) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Each tagged template's parts and expressions' source text, in order. */
function templates(code, id) {
  const found = [];
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'TaggedTemplateExpression') {
      found.push({
        tag: code.slice(node.tag.start, node.tag.end),
        parts: node.quasi.quasis.map((q) => q.value.raw),
        expressions: node.quasi.expressions.length,
      });
    }
    for (const key in node) if (key !== 'parent') visit(node[key]);
  };
  visit(parseSync(id, code, { lang: 'ts', sourceType: 'module' }).program);
  return found;
}

describe('over the elements’ sources', () => {
  const files = sources();

  test('finds the sources', () => {
    assert.ok(files.length > 20, `only ${files.length} files`);
  });

  test('only whitespace (and CSS comments) change, and every file still parses', () => {
    let minified = 0;
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const result = minifyTemplates(code, file);
      if (!result) continue;
      minified++;
      const before = templates(code, file);
      const after = templates(result.code, file);
      assert.equal(after.length, before.length, file);
      before.forEach((t, i) => {
        assert.equal(after[i].tag, t.tag, file);
        assert.equal(after[i].expressions, t.expressions, file);
        const squash = (parts) =>
          parts.map((p) =>
            (t.tag === 'css' ? p.replace(/\/\*[\s\S]*?\*\//g, '') : p).replace(/[ \t\n\r\f]+/g, ''),
          );
        assert.deepEqual(squash(after[i].parts), squash(t.parts), `${file}, template ${i + 1}`);
      });
      // The whole file, too: nothing but whitespace and comments differs.
      const squash = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/[ \t\n\r\f]+/g, '');
      assert.equal(squash(result.code), squash(code), file);
    }
    assert.ok(minified > 20, `minified only ${minified} files`);
  });

  test('makes the templates a good deal smaller', () => {
    let before = 0;
    let after = 0;
    const length = (list) => list.reduce((n, t) => n + t.parts.join('').length, 0);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      before += length(templates(code, file));
      after += length(templates(minifyTemplates(code, file)?.code ?? code, file));
    }
    assert.ok(after < before * 0.8, `${before} → ${after} characters of template text`);
  });
});
