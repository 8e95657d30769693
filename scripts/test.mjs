#!/usr/bin/env node
// Runs every check and test of the repository, then prints one plain line of totals
// ("N passed, N failed") that CI reads. Each static check (types, lint, format) counts as
// one test; the suites count their own tests.
//
//   node scripts/test.mjs            everything
//   node scripts/test.mjs server     only the named stages (types lint format server component e2e)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function findTests(dir, exclude = []) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !exclude.some((x) => f.startsWith(x)))
    .map((f) => join(dir, f))
    .sort();
}

/** Reads "# pass N" / "# fail N" from a TAP report of node's test runner. */
function tapTotals(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const num = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled') };
}

async function nodeSuite(name, files) {
  if (files.length === 0) return { passed: 0, failed: 0 };
  const tap = join(out, `${name}.tap`);
  const code = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const totals = tapTotals(tap);
  // A suite that crashed before reporting still fails the run.
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  return totals;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const check = async (...args) =>
  (await run(...args)) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };

const stages = {
  types: () => check(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  lint: () => check(bin('eslint'), ['--max-warnings=0', '.']),
  format: () => check(bin('prettier'), ['--check', '--log-level=warn', '.']),
  server: () => nodeSuite('server', findTests(join(root, 'test'), ['component', 'e2e'])),
  component: async () => {
    if (findTests(join(root, 'test', 'component')).length === 0) return { passed: 0, failed: 0 };
    const file = join(out, 'component.json');
    const code = await run(bin('wtr'), ['--config', 'web-test-runner.config.js'], {
      WTR_RESULTS: file,
    });
    const totals = existsSync(file)
      ? JSON.parse(readFileSync(file, 'utf8'))
      : { passed: 0, failed: 0 };
    if (code !== 0 && totals.failed === 0) totals.failed = 1;
    return totals;
  },
  e2e: () => nodeSuite('e2e', findTests(join(root, 'test', 'e2e'))),
};

const wanted = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const [name, stage] of Object.entries(stages)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n── ${name} ──`);
  const totals = await stage();
  console.log(`── ${name}: ${totals.passed} passed, ${totals.failed} failed`);
  passed += totals.passed;
  failed += totals.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
