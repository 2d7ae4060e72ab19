#!/usr/bin/env node
// Framework typings and editor data for the package, generated from custom-elements.json:
//
//   react.d.ts      React 19 JSX: attributes, and events as React 19 passes them to a custom
//                   element (`oncloud-login-success={…}` → addEventListener('cloud-login-success'))
//   preact.d.ts     the same for Preact's JSX
//   solid.d.ts      Solid's JSX (`on:cloud-login-success`)
//   svelte.d.ts     Svelte 5's `SvelteHTMLElements` (`oncloud-login-success={…}`)
//   vue.d.ts        Vue 3's `GlobalComponents` (`@cloud-login-success="…"`)
//   vscode.html-custom-data.json   VS Code's HTML custom data
//   web-types.json  JetBrains IDEs
//   index.js        empty: the `./react`… entries are types only, this keeps a stray runtime
//                   import of one from failing
//
//   node scripts/frameworks.mjs [manifest] [outdir]   (defaults: custom-elements.json, dist/frameworks)
//
// A small generator of ours rather than the custom-element-*-integration packages: those pull
// Prettier into the build and name React event props in their own way; React 19 needs the
// event's exact name after `on`, and one pass over the manifest serves all seven outputs.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = '@cloud-login/elements';
const HEADER = '// Generated from custom-elements.json by scripts/frameworks.mjs: do not edit.\n';

/** The elements of a manifest, in a shape the generators share. */
export function elementsOf(manifest) {
  const out = [];
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      out.push({
        tag: d.tagName,
        className: d.name,
        description: [d.summary, d.description]
          .filter(Boolean)
          .join('\n\n')
          .replace(/\s*\n\s*/g, (m) => (m.includes('\n\n') ? '\n\n' : ' ')),
        attributes: (d.attributes ?? []).map((a) => ({
          name: a.name,
          type: a.type?.text ?? 'string',
          description: a.description ?? '',
          field: a.fieldName,
        })),
        events: (d.events ?? []).map((e) => ({
          name: e.name,
          type: e.type?.text ?? 'Event',
          description: e.description ?? '',
        })),
        slots: (d.slots ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
        cssParts: (d.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
        cssProperties: (d.cssProperties ?? []).map((p) => ({
          name: p.name,
          description: p.description ?? '',
        })),
      });
    }
  }
  return out.sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

/**
 * An attribute's value type for templates: the string literals, `string`, `number`, `boolean`
 * of its property's type; anything else (a list parsed from a space-separated attribute) is
 * written as a string.
 */
export function attributeType(text) {
  const parts = text
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'undefined' && part !== 'null');
  const kept = parts.filter((part) => /^'[^']*'$|^"[^"]*"$|^(string|number|boolean)$/.test(part));
  if (kept.length === 0 || kept.length !== parts.length)
    return kept.some((p) => p === 'boolean') ? 'string | boolean' : 'string';
  return [...new Set(kept.map((p) => p.replace(/^"(.*)"$/, "'$1'")))].join(' | ');
}

/** String literal values of an attribute (for editors' completion), or none. */
const literalValues = (text) => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
const isPublicEvent = (type) => /^Cloud\w+Event$/.test(type);
const camel = (name) => name.replace(/-(\w)/g, (_m, c) => c.toUpperCase());
const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const doc = (text, indent) =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '';

function eventImports(elements) {
  const types = new Set(elements.flatMap((e) => e.events.map((ev) => ev.type)).filter(isPublicEvent));
  return types.size
    ? `import type { ${[...types].sort().join(', ')} } from '${PACKAGE}';\n`
    : `import type {} from '${PACKAGE}';\n`;
}

/** `{ attr?: type; … }` members for one element, and its events with `prefix` + name. */
function members(element, { eventKey, indent = '  ', customEventsOnly = true }) {
  let out = '';
  for (const a of element.attributes)
    out += doc(a.description, indent) + `${indent}${quote(a.name)}?: ${attributeType(a.type)};\n`;
  for (const e of element.events) {
    if (customEventsOnly && !e.name.startsWith('cloud-')) continue; // native input/change: the framework's own props
    out += doc(e.description, indent) + `${indent}${quote(eventKey(e.name))}?: (event: ${e.type}) => void;\n`;
  }
  return out;
}

/**
 * The element's class as `HTMLElementTagNameMap` knows it; `HTMLElement` for the building blocks
 * whose registration file the package's entry does not import (their declarations are not loaded).
 */
const elementType = (tag) => `ElementOf<'${tag}'>`;
const ELEMENT_OF = `type ElementOf<T extends string> = T extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[T] : HTMLElement;\n`;

function react(elements) {
  let out = `${HEADER}// React 19: \`/// <reference types="${PACKAGE}/react" />\` (or \`import type {} from '${PACKAGE}/react'\`).\n`;
  out += `import type { DetailedHTMLProps, HTMLAttributes } from 'react';\n${eventImports(elements)}\n`;
  out += `type Base<E, P> = P & Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof P>;\n${ELEMENT_OF}\n`;
  for (const el of elements)
    out += `export interface ${el.className}JSXProps {\n${members(el, { eventKey: (n) => `on${n}` })}}\n\n`;
  out += `declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of elements)
    out +=
      doc(el.description, '      ') +
      `      '${el.tag}': Base<${elementType(el.tag)}, ${el.className}JSXProps>;\n`;
  return out + `    }\n  }\n}\n`;
}

function preact(elements) {
  let out = `${HEADER}// Preact: \`/// <reference types="${PACKAGE}/preact" />\`.\n`;
  out += `import type { JSX } from 'preact';\n${eventImports(elements)}\n`;
  out += `type Base<E extends EventTarget, P> = P & Omit<JSX.HTMLAttributes<E>, keyof P>;\n${ELEMENT_OF}\n`;
  for (const el of elements)
    out += `export interface ${el.className}PreactProps {\n${members(el, { eventKey: (n) => `on${n}` })}}\n\n`;
  out += `declare module 'preact' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of elements)
    out +=
      doc(el.description, '      ') +
      `      '${el.tag}': Base<${elementType(el.tag)}, ${el.className}PreactProps>;\n`;
  return out + `    }\n  }\n}\n`;
}

function solid(elements) {
  let out = `${HEADER}// Solid: \`/// <reference types="${PACKAGE}/solid" />\`; events as \`on:cloud-login-success={…}\`.\n`;
  out += `import type { JSX } from 'solid-js';\n${eventImports(elements)}\n`;
  out += `type Base<E, P> = P & Omit<JSX.HTMLAttributes<E>, keyof P>;\n${ELEMENT_OF}\n`;
  for (const el of elements)
    out += `export interface ${el.className}SolidProps {\n${members(el, { eventKey: (n) => `on:${n}` })}}\n\n`;
  out += `declare module 'solid-js' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of elements)
    out +=
      doc(el.description, '      ') +
      `      '${el.tag}': Base<${elementType(el.tag)}, ${el.className}SolidProps>;\n`;
  return out + `    }\n  }\n}\n`;
}

function svelte(elements) {
  let out = `${HEADER}// Svelte 5: \`/// <reference types="${PACKAGE}/svelte" />\`; events as \`oncloud-login-success={…}\`.\n`;
  out += `import type { HTMLAttributes } from 'svelte/elements';\n${eventImports(elements)}\n`;
  out += `type Base<E extends EventTarget, P> = P & Omit<HTMLAttributes<E>, keyof P>;\n${ELEMENT_OF}\n`;
  for (const el of elements)
    out += `export interface ${el.className}SvelteProps {\n${members(el, { eventKey: (n) => `on${n}` })}}\n\n`;
  out += `declare module 'svelte/elements' {\n  interface SvelteHTMLElements {\n`;
  for (const el of elements)
    out +=
      doc(el.description, '    ') +
      `    '${el.tag}': Base<${elementType(el.tag)}, ${el.className}SvelteProps>;\n`;
  return out + `  }\n}\n`;
}

function vue(elements) {
  let out = `${HEADER}// Vue 3: \`/// <reference types="${PACKAGE}/vue" />\`; tell the compiler the tags are custom\n`;
  out += `// elements (\`compilerOptions.isCustomElement: (tag) => tag.startsWith('cloud-')\`).\n`;
  out += `import type { DefineComponent } from 'vue';\n${eventImports(elements)}\n`;
  for (const el of elements) {
    out += `export interface ${el.className}VueProps {\n`;
    for (const a of el.attributes)
      out += doc(a.description, '  ') + `  ${quote(camel(a.name))}?: ${attributeType(a.type)};\n`;
    for (const e of el.events)
      out +=
        doc(e.description, '  ') + `  ${quote(`on${camel(`-${e.name}`)}`)}?: (event: ${e.type}) => void;\n`;
    out += `}\n\n`;
  }
  out += `declare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const el of elements)
    out += doc(el.description, '    ') + `    '${el.tag}': DefineComponent<${el.className}VueProps>;\n`;
  return out + `  }\n}\n\nexport {};\n`;
}

function vscode(elements) {
  const tags = elements.map((el) => ({
    name: el.tag,
    description: el.description,
    attributes: el.attributes.map((a) => {
      const values = literalValues(a.type);
      return {
        name: a.name,
        description: a.description,
        ...(values.length ? { values: values.map((name) => ({ name })) } : {}),
        ...(/\bboolean\b/.test(a.type) ? { valueSet: 'v' } : {}),
      };
    }),
  }));
  return `${JSON.stringify({ $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json', version: 1.1, tags }, null, 2)}\n`;
}

function webTypes(elements, version) {
  const valueOf = (type) => {
    const values = literalValues(type);
    if (values.length) return { type: values.map((v) => `'${v}'`).join(' | '), enum: values };
    if (/\bboolean\b/.test(type)) return { type: 'boolean' };
    return { type: attributeType(type) };
  };
  const html = {
    elements: elements.map((el) => ({
      name: el.tag,
      description: el.description,
      attributes: el.attributes.map((a) => ({
        name: a.name,
        description: a.description,
        value: valueOf(a.type),
      })),
      slots: el.slots.map((s) => ({ name: s.name || 'default', description: s.description })),
      events: el.events.map((e) => ({ name: e.name, description: e.description })),
      js: {
        events: el.events.map((e) => ({ name: e.name, description: e.description, value: { type: e.type } })),
      },
      css: {
        parts: el.cssParts.map((p) => ({ name: p.name, description: p.description })),
        properties: el.cssProperties.map((p) => ({ name: p.name, description: p.description })),
      },
    })),
  };
  const data = {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: PACKAGE,
    version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: { html },
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Every generated file: name → content. */
export function generateFrameworks(manifest, version) {
  const elements = elementsOf(manifest);
  return {
    'react.d.ts': react(elements),
    'preact.d.ts': preact(elements),
    'solid.d.ts': solid(elements),
    'svelte.d.ts': svelte(elements),
    'vue.d.ts': vue(elements),
    'vscode.html-custom-data.json': vscode(elements),
    'web-types.json': webTypes(elements, version),
    'index.js': `${HEADER}export {};\n`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [
    manifestPath = join(packageRoot, 'custom-elements.json'),
    outdir = join(packageRoot, 'dist/frameworks'),
  ] = process.argv.slice(2);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  mkdirSync(outdir, { recursive: true });
  for (const [name, text] of Object.entries(generateFrameworks(manifest, version)))
    writeFileSync(join(outdir, name), text);
}
