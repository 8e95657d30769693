#!/usr/bin/env node
// Builds the element into dist/ and prints the gzip size of each bundle:
//   dist/boca-user-profile.js      one self-contained, minified ES module (Lit included) for a <script>
//   dist/lib/boca-user-profile.js  the same with lit left as an import, for bundlers, minified too
//   dist/types/                    TypeScript declarations (tsconfig.build.json)
//   custom-elements.json           the element's API, generated from its doc comment
//
//   npm run build
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform as transformCss } from 'lightningcss';
import { build, parseAst } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const entry = join(root, 'component/index.ts');
const bin = (name) => join(root, 'node_modules', '.bin', name);
// The self-contained bundle's budget (gzip -9), every feature in it: the build fails above it.
// Where the bytes go is in BENCHMARKS.md.
const BUDGET = 13.45 * 1024;

/** The oldest browsers the styles already need (color-mix): what lightningcss may write for. */
const CSS_TARGETS = { chrome: 111 << 16, firefox: 113 << 16, safari: (16 << 16) | (2 << 8) };

/** Collapses the formatting whitespace of CSS text; meaning is untouched. */
const collapseCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();

/**
 * Private custom properties (`--_accent-text`) get short names (`--_a`), the same across every
 * sheet; the public `--boca-*` names are kept.
 */
const privateNames = new Map();
const shortenPrivateNames = (text) =>
  text.replace(/--_[\w-]+/g, (name) => {
    if (!privateNames.has(name)) privateNames.set(name, `--_${privateNames.size.toString(36)}`);
    return privateNames.get(name);
  });

/**
 * Drops the spaces lightningcss keeps inside values it does not parse (custom properties,
 * color-mix() with var()): after a comma, and around a * or / that follows a `)`. Quoted strings
 * are left alone.
 */
const tightenValues = (css) =>
  css
    .split(/("[^"]*"|'[^']*')/)
    .map((part, i) => (i % 2 ? part : part.replace(/, /g, ',').replace(/\) ([*/]) /g, ')$1')))
    .join('');

/**
 * Minifies one css`` part: a whole sheet (no `${}` in it) through lightningcss, which also
 * shortens values (`#ffffff` → `#fff`) and merges declarations; a piece of one, by collapsing
 * whitespace alone.
 */
function minifyCss(text, whole) {
  const css = whole
    ? tightenValues(
        transformCss({
          filename: 'boca-user-profile.css',
          code: Buffer.from(text),
          minify: true,
          targets: CSS_TARGETS,
        }).code.toString(),
      )
    : collapseCss(text);
  return renameClassesInCss(shortenPrivateNames(css));
}

/**
 * Class names are private to the shadow root (a portal styles the element through its parts and
 * custom properties), so the minified bundle gives each class of the style sheet a short name, in
 * the sheet and in the templates' class values alike. A class the code also writes as a string
 * (`'shown'`) or builds from a prefix (`s${span}`) keeps its name. The build fails when the code
 * looks classes up, or binds a class value anywhere but at its end, which this could not follow.
 */
function classRenames() {
  const code = readdirSync(join(root, 'component'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(root, 'component', file), 'utf8'))
    .join('\n');
  if (/classList|className|closest\(|matches\(|class="[^"]*\$\{[^}]*\}[^"]/.test(code)) {
    console.error(
      'component/ looks up or builds class names in a way the class renaming cannot follow.',
    );
    process.exit(1);
  }
  const sheets = [...code.matchAll(/\bcss`([^`]*)`/g)].map((match) => collapseCss(match[1]));
  const defined = new Set(
    sheets.flatMap((css) => [...css.matchAll(/\.([a-z][\w-]*)/g)].map((m) => m[1])),
  );
  // What a class binding may produce keeps its name: the names its expression writes, and its
  // prefix followed by a number (`s${spec.span}`, a span of 2, 3, 4 or 6 columns).
  const bindings = [...code.matchAll(/class="[^"]*?([\w-]*)\$\{([^}]*)\}/g)];
  const written = bindings.flatMap(([, , expression]) =>
    [...expression.matchAll(/'([^']*)'/g)].flatMap(([, names]) => names.split(' ')),
  );
  const prefixes = bindings.map(([, prefix]) => prefix).filter(Boolean);
  const kept = (name) =>
    written.includes(name) || prefixes.some((prefix) => new RegExp(`^${prefix}\\d+$`).test(name));
  const renames = new Map();
  for (const name of defined) {
    if (kept(name)) continue;
    let short;
    do short = (renames.size + 10).toString(36);
    while (defined.has(short));
    renames.set(name, short);
  }
  return renames;
}
const CLASS_RENAMES = classRenames();

/** Renames the classes of a selector list or of a class attribute's complete tokens. */
const renameClassesInCss = (css) =>
  css.replace(/\.([a-z][\w-]*)/g, (match, name) =>
    CLASS_RENAMES.has(name) ? `.${CLASS_RENAMES.get(name)}` : match,
  );
const renameClassesInHtml = (html) =>
  html.replace(/(\sclass=)(?:"([^"]*)("?)|([\w-]+))/g, (match, attribute, quoted, end, bare) => {
    const value = quoted ?? bare;
    // A value cut short by a binding keeps its last, partial token.
    const tokens = value.split(' ');
    const complete =
      quoted !== undefined && end === '' && !value.endsWith(' ')
        ? tokens.length - 1
        : tokens.length;
    const renamed = tokens
      .map((token, i) => (i < complete && CLASS_RENAMES.get(token)) || token)
      .join(' ');
    return quoted !== undefined ? `${attribute}"${renamed}${end}` : attribute + renamed;
  });

/**
 * Collapses each run of whitespace in an html`` part to one space: what the browser renders anyway
 * (the element has no <pre> or <textarea>). Runs between words and tags stay, so attributes stay
 * apart and text keeps its spaces; only the space before a tag's closing `>` or `/>` goes. An
 * attribute value of letters, digits and dashes loses its quotes when a space or `>` follows
 * (never a `/`, which would join the value).
 */
const minifyHtml = (text) =>
  renameClassesInHtml(text.replace(/\s+/g, ' '))
    .replace(/" (\/?>)/g, '"$1')
    .replace(/="([\w-]+)"(?=[ >])/g, '=$1');

/** Minifies the static parts of Lit's css`` and html`` templates, which no JS minifier touches. */
function minifyTemplates() {
  return {
    name: 'boca:minify-templates',
    enforce: 'post',
    transform(code, id) {
      if (!id.includes('/component/')) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier') {
          const minify = { css: minifyCss, html: minifyHtml }[node.tag.name];
          const { quasis } = node.quasi;
          if (minify) {
            for (const quasi of quasis) {
              const text = minify(quasi.value.raw, quasis.length === 1);
              edits.push({ start: quasi.start, end: quasi.end, text });
            }
          }
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value === 'object') visit(value);
        }
      };
      visit(parseAst(code));
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * Private members (`_name`) are renamed to short names in the minified bundle: only our code has
 * such names (Lit's own internals are `_$…`), and nothing reaches them by a string, which
 * {@link assertNoPrivateNamesInStrings} checks.
 */
const PRIVATE_MEMBER = /^_[a-z]/;

/** Fails the build when a bundled source file names a private member in a string literal. */
function assertNoPrivateNamesInStrings() {
  for (const folder of ['component', 'contract']) {
    for (const file of readdirSync(join(root, folder), { recursive: true }).map(String)) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(join(root, folder, file), 'utf8');
      const hit = /(['"`])_[a-z]\w*\1/.exec(text);
      if (hit) {
        console.error(
          `${folder}/${file} names ${hit[0]} in a string; the minified bundle renames _members.`,
        );
        process.exit(1);
      }
    }
  }
}

/**
 * The minified bundle's entry: the element's index, after the modules that are mostly text (the
 * messages, the strings, the style sheet). Bundled first, they sit together near the top of the
 * file and compress better: about 60 B less gzip than in import order. They have no side effects,
 * so evaluating them first changes nothing.
 */
const TEXT_FIRST = [
  'contract/messages.ts',
  'component/internal/en.ts',
  'component/boca-user-profile.styles.ts',
];
const textFirstEntry = '\0boca-user-profile-entry';
function textFirst() {
  return {
    name: 'boca:text-first',
    resolveId: (source) => (source === textFirstEntry ? textFirstEntry : null),
    load: (id) =>
      id === textFirstEntry
        ? TEXT_FIRST.map((file) => join(root, file))
            .map((file) => `import ${JSON.stringify(file)};`)
            .concat(`export * from ${JSON.stringify(entry)};`)
            .join('\n')
        : null,
  };
}

/**
 * French (`component/internal/fr.ts`, data alone) is fetched on demand, from a file of its own
 * beside the element's, built apart (the renaming of private members works on one chunk at a
 * time). Its import in `i18n.ts` is hidden from Vite while it bundles (Vite would wrap it in a
 * module-preload helper of some 0.5 KB gzip) and written back as a plain `import('./….fr.js')`
 * once the chunk is rendered, for the browser and the partner's bundler to follow.
 */
const FRENCH_ENTRY = join(root, 'component/internal/fr.ts');
const FRENCH_FILE = 'boca-user-profile.fr.js';
const FRENCH_IMPORT = `import(\`./${FRENCH_FILE}\`)`;
function frenchApart() {
  const hidden = '__BOCA_FRENCH_FILE__';
  return {
    name: 'boca:french-apart',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/component/internal/i18n.ts')) return null;
      const source = "import('./fr.js')";
      if (!code.includes(source)) throw new Error(`i18n.ts no longer has ${source}`);
      return code.replace(source, `import(/* @vite-ignore */ ${hidden})`);
    },
    renderChunk: (code) =>
      code.replace(
        new RegExp(`import\\(\\s*(?:/\\*[^*]*\\*/\\s*)?${hidden}\\s*\\)`),
        FRENCH_IMPORT,
      ),
  };
}

/**
 * One minified bundle: the element (or its French strings, `french`); `external` leaves Lit out
 * for the bundler build.
 */
const bundle = ({ outDir, external, french = false }) =>
  build({
    configFile: false,
    logLevel: 'warn',
    plugins: [textFirst(), frenchApart(), minifyTemplates()],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: french ? FRENCH_ENTRY : textFirstEntry,
        external,
        preserveEntrySignatures: 'strict',
        output: {
          format: 'es',
          entryFileNames: french ? FRENCH_FILE : 'boca-user-profile.js',
          // Vite's own minifier (oxc), told also to rename private members.
          minify: {
            compress: true,
            mangle: true,
            mangleProps: { include: PRIVATE_MEMBER },
          },
        },
      },
    },
  });

/**
 * The analyzer reads `state: true` properties as attributes; they are private reactive state, so
 * their attribute entries go and their members keep only what they are.
 */
function dropPrivateAttributes(file) {
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
    const members = declaration.members ?? [];
    const privates = new Set(members.filter((m) => m.privacy === 'private').map((m) => m.name));
    declaration.attributes &&= declaration.attributes.filter((a) => !privates.has(a.fieldName));
    for (const member of members) if (privates.has(member.name)) delete member.attribute;
  }
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

assertNoPrivateNamesInStrings();
rmSync(dist, { recursive: true, force: true });
const LIT = [/^lit(\/|$)/, /^@lit\//];
for (const french of [false, true]) {
  await bundle({ outDir: dist, external: [], french });
  await bundle({ outDir: join(dist, 'lib'), external: LIT, french });
}
execFileSync(bin('tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
execFileSync(
  bin('cem'),
  ['analyze', '--config', join(root, 'custom-elements-manifest.config.mjs')],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
dropPrivateAttributes(join(root, 'custom-elements.json'));

const fail = (message) => {
  console.error(message);
  process.exit(1);
};
const ELEMENT_FILES = ['boca-user-profile.js', 'lib/boca-user-profile.js'];
for (const file of [...ELEMENT_FILES, FRENCH_FILE, `lib/${FRENCH_FILE}`]) {
  const code = readFileSync(join(dist, file), 'utf8');
  // A page with a strict Content-Security-Policy (no 'unsafe-eval') must be able to load it.
  if (/\beval\s*\(|\bnew Function\s*\(|\bFunction\s*\(\s*['"`]/.test(code)) {
    fail(`dist/${file} evaluates code at run time: a strict CSP would block it.`);
  }
}
for (const file of ELEMENT_FILES) {
  const code = readFileSync(join(dist, file), 'utf8');
  if (!code.includes(FRENCH_IMPORT)) fail(`dist/${file} does not import ./${FRENCH_FILE} as such.`);
  // A label of fr.ts: French belongs in its own file only.
  if (code.includes('Nom de famille')) fail(`dist/${file} holds the French strings itself.`);
}

const size = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const file of [...ELEMENT_FILES, FRENCH_FILE]) {
  const { raw, gzip } = size(file);
  console.log(`dist/${file.padEnd(30)} ${kb(raw).padStart(9)}  ${kb(gzip).padStart(8)} gzip`);
}
console.log('dist/types/                         type declarations');
console.log('custom-elements.json                the element manifest');

const { gzip } = size('boca-user-profile.js');
if (gzip > BUDGET) {
  fail(`dist/boca-user-profile.js is ${gzip} B gzip, over the ${Math.floor(BUDGET)} B budget.`);
}

// A copy under a name that carries its content's hash (long-cached, a new version gets a new URL)
// and its Subresource Integrity hash, as `elementAsset()` (bff/element-asset.ts) computes them.
const digest = createHash('sha384')
  .update(readFileSync(join(dist, 'boca-user-profile.js')))
  .digest();
const asset = {
  fileName: `boca-user-profile.${digest.toString('hex').slice(0, 12)}.js`,
  integrity: `sha384-${digest.toString('base64')}`,
};
copyFileSync(join(dist, 'boca-user-profile.js'), join(dist, asset.fileName));
writeFileSync(join(dist, 'element-asset.json'), `${JSON.stringify(asset, null, 2)}\n`);
console.log(
  `dist/${asset.fileName.padEnd(30)} the same, named by its hash (${asset.integrity.slice(0, 19)}…)`,
);
