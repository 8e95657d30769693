import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const bff = join(root, 'bff');

/** Every relative module a file names: imports, type imports, re-exports and `import()`. */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const found: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = resolve(dirname(file), fileName.replace(/\.js$/, ''));
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) =>
      existsSync(candidate),
    );
    if (target?.startsWith(bff)) found.push(target);
  }
  return found;
}

/** The import cycles among `files`, each as the path that closes it (first file repeated). */
function findCycles(files: string[]): string[][] {
  const edges = new Map(files.map((file) => [file, localImports(file)]));
  const done = new Set<string>();
  const cycles: string[][] = [];

  function visit(file: string, path: string[]): void {
    const seen = path.indexOf(file);
    if (seen !== -1) {
      cycles.push([...path.slice(seen), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of edges.get(file) ?? []) visit(next, path);
    path.pop();
    done.add(file);
  }

  for (const file of files) visit(file, []);
  return cycles;
}

describe('the BFF modules', () => {
  it('import one another in one direction only, types included', () => {
    const files = readdirSync(bff, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(bff, name));
    assert.ok(files.length > 10, 'the scan finds the BFF sources');
    const cycles = findCycles(files).map((cycle) =>
      cycle.map((file) => relative(root, file)).join(' → '),
    );
    assert.deepEqual(cycles, []);
  });

  it('would see a cycle that goes through a type-only import', () => {
    const { importedFiles } = ts.preProcessFile(
      "import type { A } from './a.js';\nexport type { B } from './b.js';\nawait import('./c.js');",
      true,
      true,
    );
    assert.deepEqual(
      importedFiles.map((f) => f.fileName),
      ['./a.js', './b.js', './c.js'],
    );
  });
});
