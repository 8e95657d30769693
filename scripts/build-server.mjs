#!/usr/bin/env node
// Compiles what the package exports besides the element itself: the server parts (contract/,
// bff/, sandbox/) and the React wrapper (react/), to JavaScript with declarations in dist/, so
// consumers run them on plain Node, with no tsx. Runs after scripts/build.mjs, which empties
// dist/ and builds the element.
//
//   node scripts/build-server.mjs
//
// The React wrapper must use the very element that the package's `.` entry defines (two copies
// would register `boca-user-profile` twice), so its import of the element's source is pointed
// at that build: dist/lib/boca-user-profile.js, and dist/types/ for the declarations.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

function fail(message) {
  console.error(`build-server: ${message}`);
  process.exit(1);
}

if (!existsSync(join(dist, 'lib', 'boca-user-profile.js'))) {
  fail('dist/lib/boca-user-profile.js is missing: run scripts/build.mjs first (npm run build).');
}
for (const dir of ['contract', 'bff', 'sandbox', 'react', 'component']) {
  rmSync(join(dist, dir), { recursive: true, force: true });
}

const tsc = join(root, 'node_modules', '.bin', 'tsc');
const result = spawnSync(tsc, ['-p', 'tsconfig.build.server.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) fail('tsc failed (see above)');

// tsc compiled the element's source too, because the wrapper imports it: drop that copy.
rmSync(join(dist, 'component'), { recursive: true, force: true });
const SOURCE = "'../component/index.js'";
const retarget = (file, target) => {
  const path = join(dist, 'react', file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(SOURCE)) fail(`dist/react/${file} no longer imports ${SOURCE}`);
  writeFileSync(path, text.replaceAll(SOURCE, `'${target}'`));
};
retarget('index.js', '../lib/boca-user-profile.js');
retarget('index.d.ts', '../types/component/index.js');

console.log('dist/contract/ dist/bff/ dist/sandbox/  server parts, JS + declarations');
console.log('dist/react/                         the React wrapper');
