/**
 * The guides import the package by its names, as a partner would: every import in a code block
 * of README.md or docs/ names an entry that package.json exports (never a repository path), and
 * each name it imports from there exists in that entry (checked by tsc against the sources the
 * entries are built from).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { blocks } from './support/snippets.js';
import { typecheck } from './support/typecheck.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, unknown>;
};
/** Each code entry and the source it is built from, relative to test/package/. */
const SOURCES: Record<string, string> = {
  'boca-user-profile': '../../component/index.js',
  'boca-user-profile/react': '../../react/index.js',
  'boca-user-profile/bff': '../../bff/index.js',
  'boca-user-profile/bff/web': '../../bff/web.js',
  'boca-user-profile/sandbox': '../../sandbox/index.js',
};

const pages = ['README.md', ...readdirSync(new URL('docs/', root)).map((f) => `docs/${f}`)]
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ file, blocks: blocks(readFileSync(new URL(file, root), 'utf8')) }));
/** The partner's own files a page shows, by the `// name.js` comment that opens their block. */
const ownFiles = new Map(
  pages.map(({ file, blocks: all }) => [
    file,
    new Set(all.map(({ code }) => /^\/\/ ([\w.-]+\.js)\b/.exec(code)?.[1]).filter(Boolean)),
  ]),
);
const imports = pages.flatMap(({ file, blocks: all }) =>
  all.flatMap(({ code }, i) =>
    [...code.matchAll(/^import\s+(?:([\s\S]*?)\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => ({
      file,
      where: `${file} block ${i + 1}`,
      clause: m[1] ?? '',
      specifier: m[2]!,
    })),
  ),
);

describe('the imports in README.md and docs/', () => {
  it('name the package, never a path in this repository', () => {
    assert.ok(imports.some((i) => i.specifier === 'boca-user-profile/bff'));
    for (const { file, where, specifier } of imports) {
      // A file of the partner's own that the same page shows (`// fetch-token.js`) may be imported.
      if (specifier.startsWith('./') && ownFiles.get(file)!.has(specifier.slice(2))) continue;
      assert.ok(!specifier.startsWith('.') && !specifier.startsWith('/'), `${where}: ${specifier}`);
      if (!specifier.startsWith('boca-user-profile')) continue;
      const entry = `.${specifier.slice('boca-user-profile'.length)}`;
      assert.ok(entry in pkg.exports, `${where}: ${specifier} is not an entry of package.json`);
    }
  });

  it('import only names those entries export', () => {
    // `import type` of every name: it finds values and types alike, and runs nothing.
    const lines = imports
      .filter((i) => SOURCES[i.specifier] && /^(type\s+)?\{/.test(i.clause))
      .map((i, n) => {
        const names = i.clause
          .replace(/^type\s+/, '')
          .replace(/[{}]/g, '')
          .split(',')
          .map((name) =>
            name
              .trim()
              .replace(/^type\s+/, '')
              .replace(/\s+as\s+\w+$/, ''),
          )
          .filter(Boolean);
        const aliased = names.map((name) => `${name} as _${n}_${name}`).join(', ');
        return `import type { ${aliased} } from '${SOURCES[i.specifier]}';`;
      });
    assert.ok(lines.length >= 3, 'imports went missing');
    const [errors] = typecheck([`${lines.join('\n')}\nexport {};`]);
    assert.deepEqual(errors, [], lines.join('\n'));
    const [typo] = typecheck([
      "import { mintEmbedTokenRespons as _x } from '../../bff/index.js';\nexport {};",
    ]);
    assert.ok(typo!.length > 0, 'a misspelt name went unnoticed');
  });
});
