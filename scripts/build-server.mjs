#!/usr/bin/env node
// Compiles the server parts of the package (contract/, bff/, sandbox/) and the React wrapper to
// JavaScript with declarations in dist/, so consumers run them on plain Node without tsx.
//
//   node scripts/build-server.mjs      (after scripts/build.mjs, which builds the element)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const dir of ['contract', 'bff', 'sandbox']) {
  rmSync(`${root}/dist/${dir}`, { recursive: true, force: true });
}
const tsc = `${root}/node_modules/.bin/tsc`;
const result = spawnSync(tsc, ['-p', 'tsconfig.build.server.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('build-server: tsc failed (see above)');
  process.exit(result.status ?? 1);
}
console.log('build-server: dist/contract, dist/bff, dist/sandbox');
