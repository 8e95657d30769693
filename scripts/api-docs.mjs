#!/usr/bin/env node
// Writes the element's API reference (docs/element-api.md) from the custom elements manifest that
// the build generates, so the reference can never drift from the class doc comments it comes from.
//
//   npm run build && npm run docs     (reads custom-elements.json, writes docs/element-api.md)
//
// `renderApiDocs(manifest)` is exported for the tests; the output goes through Prettier so the
// committed file passes the format check as it is.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const root = new URL('..', import.meta.url);
const MANIFEST = new URL('custom-elements.json', root);
const OUTPUT = new URL('docs/element-api.md', root);

/** One table cell: no line breaks, pipes escaped, code where it is code. */
const text = (value) =>
  String(value ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (value) => (value === undefined || value === '' ? '' : `\`${text(value)}\``);

function table(head, rows) {
  if (rows.length === 0) return '';
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Public instance fields: what a host page may read or set. */
const isPublicField = (member) =>
  member.kind === 'field' &&
  !member.static &&
  (member.privacy ?? 'public') === 'public' &&
  !member.name.startsWith('_') &&
  !member.name.startsWith('#');

const isPublicMethod = (member) =>
  member.kind === 'method' &&
  !member.static &&
  (member.privacy ?? 'public') === 'public' &&
  !member.name.startsWith('_') &&
  !member.name.startsWith('#');

function section(title, intro, body) {
  return body ? `## ${title}\n\n${intro ? `${intro}\n\n` : ''}${body}` : '';
}

function renderElement(element, modulePath) {
  const members = element.members ?? [];
  const fields = members.filter(isPublicField);
  const methods = members.filter(isPublicMethod);
  const parts = [
    `# \`<${element.tagName}>\``,
    [element.summary, element.description].filter(Boolean).join('\n\n'),
    `Class \`${element.name}\`, defined in \`${modulePath}\`.`,
    section(
      'Attributes',
      'Set in HTML; each one mirrors the property named beside it.',
      table(
        ['attribute', 'property', 'type', 'default', 'description'],
        (element.attributes ?? []).map((a) => [
          code(a.name),
          code(a.fieldName),
          code(a.type?.text),
          code(a.default),
          text(a.description),
        ]),
      ),
    ),
    section(
      'Properties',
      'Set from JavaScript (or a framework binding).',
      table(
        ['property', 'attribute', 'type', 'default', 'description'],
        fields.map((f) => [
          code(f.name) + (f.readonly ? ' (read-only)' : ''),
          code(f.attribute),
          code(f.type?.text),
          code(f.default),
          text(f.description),
        ]),
      ),
    ),
    section(
      'Methods',
      '',
      table(
        ['method', 'signature', 'description'],
        methods.map((m) => [
          code(m.name),
          code(
            `(${(m.parameters ?? []).map((p) => `${p.name}${p.type ? `: ${p.type.text}` : ''}`).join(', ')})` +
              (m.return?.type?.text ? ` => ${m.return.type.text}` : ''),
          ),
          text(m.description),
        ]),
      ),
    ),
    section(
      'Events',
      'Every event bubbles and is composed, so a listener on any ancestor hears it.',
      table(
        ['event', 'type', 'description'],
        (element.events ?? [])
          .filter((e) => e.name)
          .map((e) => [code(e.name), code(e.type?.text), text(e.description)]),
      ),
    ),
    section(
      'CSS parts',
      'Style them from outside with `boca-user-profile::part(name)`.',
      table(
        ['part', 'description'],
        (element.cssParts ?? []).map((p) => [code(p.name), text(p.description)]),
      ),
    ),
    section(
      'CSS custom properties',
      'Set them on the element or any ancestor; see the theming guide.',
      table(
        ['property', 'default', 'description'],
        (element.cssProperties ?? []).map((p) => [
          code(p.name),
          code(p.default),
          text(p.description),
        ]),
      ),
    ),
    section(
      'Slots',
      '',
      table(
        ['slot', 'description'],
        (element.slots ?? []).map((s) => [
          s.name ? code(s.name) : '(default)',
          text(s.description),
        ]),
      ),
    ),
  ];
  return parts.filter(Boolean).join('\n\n');
}

/** The Markdown reference for every custom element in a manifest, formatted by Prettier. */
export async function renderApiDocs(manifest) {
  if (!manifest || !Array.isArray(manifest.modules)) {
    throw new TypeError('not a custom elements manifest: it has no "modules" list');
  }
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.customElement && declaration.tagName)
      .map((declaration) => renderElement(declaration, module.path)),
  );
  if (elements.length === 0) throw new TypeError('the manifest declares no custom element');
  const header =
    '<!-- Generated from custom-elements.json by `npm run docs` (scripts/api-docs.mjs). Do not edit by hand. -->';
  const options = (await prettier.resolveConfig(fileURLToPath(OUTPUT))) ?? {};
  return prettier.format(`${header}\n\n${elements.join('\n\n')}\n`, {
    ...options,
    parser: 'markdown',
  });
}

async function main() {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(MANIFEST, 'utf8'));
  } catch (error) {
    console.error(
      error.code === 'ENOENT'
        ? 'custom-elements.json is missing: run `npm run build` first.'
        : `custom-elements.json could not be read: ${error.message}`,
    );
    process.exit(1);
  }
  try {
    await writeFile(OUTPUT, await renderApiDocs(manifest));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`wrote ${fileURLToPath(OUTPUT)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
