/**
 * The module graph of a TypeScript entry in this repository, read from its import statements:
 * every local file it reaches and every package it names. Lets a test prove that an entry meant
 * for edge runtimes never loads a Node-only module.
 *
 * @example
 *   const { packages } = moduleGraph('examples/worker.ts');
 *   packages.has('undici'); // false
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const SPECIFIERS =
  /(?:^|;|\s)(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function moduleGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    // Imports inside comments (the examples in doc comments) are not imports.
    const source = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of source.matchAll(SPECIFIERS)) {
      const specifier = (match[1] ?? match[2])!;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = relative(root, join(root, dirname(file), specifier)).replace(/\.js$/, '.ts');
      if (!existsSync(join(root, target))) throw new Error(`${file}: cannot find ${specifier}`);
      visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}
