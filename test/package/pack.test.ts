/**
 * The package as a partner gets it. SLOW (about 30–60 s): builds, packs with `npm pack`, installs
 * the tarball into a fresh project outside the repository (`npm install --offline`, from npm's
 * cache), then uses each entry from plain Node (no tsx) and from a TypeScript consumer.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderApiDocs } from '../../scripts/api-docs.mjs';
import { mintEmbedToken } from '../../bff/index.js';
import { serveSandbox } from '../../sandbox/index.js';
import { installed, ok, run, startCommand } from './support/consumer.js';
import { patchProfile, PORTAL_ORIGIN, SESSION_SECRET, USER } from './support/partner.js';

const root = new URL('../../', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let consumer: string;
let files: string[];

/** A complete `boca-bff` environment, on a free port; the upstream is never called unless given. */
function bffEnv(upstream = 'http://127.0.0.1:9'): Record<string, string> {
  return {
    BOCA_API_BASE_URL: upstream,
    BOCA_API_KEY: 'sandbox-api-key',
    BOCA_SIGNING_SECRET: 'sandbox-signing-secret',
    BOCA_SESSION_SECRET: SESSION_SECRET,
    BOCA_ALLOWED_ORIGINS: PORTAL_ORIGIN,
    PORT: '0',
  };
}

/** Type-checks files of the consumer project, as a partner's `tsc` (NodeNext) would. */
function typecheckConsumer(...names: string[]) {
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      files: names,
    }),
  );
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  return run(tsc, ['-p', 'tsconfig.json'], { cwd: consumer, timeoutMs: 60_000 });
}

/** Runs an ES module in the consumer project with plain Node and returns what it printed. */
async function inConsumer(name: string, code: string): Promise<string> {
  const file = join(consumer, name);
  writeFileSync(file, code);
  return ok(await run(process.execPath, [file], { cwd: consumer, timeoutMs: 30_000 }), name).stdout;
}

describe('the packed package (slow: build, npm pack, npm install)', { timeout: 240_000 }, () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'boca-pack-'));
    consumer = join(work, 'consumer');
    ok(await run(npm, ['run', 'build'], { timeoutMs: 180_000 }), 'npm run build');
    const packed = ok(
      await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work]),
      'npm pack',
    );
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    files = info.files.map((f) => f.path).sort();

    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'partner-portal', private: true, type: 'module' }),
    );
    const wanted = [
      join(work, info.filename),
      ...['react', 'react-dom', '@types/react', '@types/node'].map(installed),
    ];
    const flags = ['--no-audit', '--no-fund', '--no-package-lock'];
    // Everything is in npm's cache after `npm ci`; only if it is not does npm ask the registry.
    let install = await run(npm, ['install', '--offline', ...flags, ...wanted], { cwd: consumer });
    if (install.code !== 0) {
      install = await run(npm, ['install', '--prefer-offline', ...flags, ...wanted], {
        cwd: consumer,
      });
    }
    ok(install, 'npm install of the tarball');
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('contains the built entries, declarations and manifest, and no sources or tests', () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'docs/README.md',
      'docs/deployment.md',
      'docs/element-api.md',
      'docs/frameworks.md',
      'docs/theming.md',
      'dist/bff/server.js',
      'custom-elements.json',
      'dist/boca-user-profile.js',
      'dist/boca-user-profile.fr.js',
      'dist/lib/boca-user-profile.js',
      'dist/lib/boca-user-profile.fr.js',
      'dist/types/component/index.d.ts',
      'dist/bff/index.js',
      'dist/bff/index.d.ts',
      'dist/bff/web.js',
      'dist/bff/web.d.ts',
      'dist/sandbox/index.js',
      'dist/sandbox/index.d.ts',
      'dist/react/index.js',
      'dist/react/index.d.ts',
    ]) {
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    }
    const unwanted = files.filter(
      (file) =>
        (file.endsWith('.ts') && !file.endsWith('.d.ts')) ||
        /^(test|component|bff|sandbox|contract|demo|bench|scripts|node_modules)\//.test(file) ||
        (file.startsWith('docs/') && !file.endsWith('.md')) ||
        file.startsWith('dist/component/') ||
        file.includes('.test.'),
    );
    assert.deepEqual(unwanted, []);
  });

  it('is a package a partner may install: named, licensed, public, with its boca-bff command', () => {
    const pkg = JSON.parse(
      readFileSync(join(consumer, 'node_modules', 'boca-user-profile', 'package.json'), 'utf8'),
    ) as { name: string; license?: string; private?: boolean; bin?: Record<string, string> };
    assert.equal(pkg.name, 'boca-user-profile');
    assert.equal(pkg.license, 'MIT');
    assert.notEqual(pkg.private, true);
    assert.deepEqual(pkg.bin, { 'boca-bff': './dist/bff/server.js' });
    const licence = readFileSync(
      join(consumer, 'node_modules', 'boca-user-profile', 'LICENSE'),
      'utf8',
    );
    assert.match(licence, /^MIT License/);
  });

  it('runs boca-bff from the environment: names a missing variable, serves /healthz, stops on SIGTERM', async () => {
    const bin = join(consumer, 'node_modules', '.bin', 'boca-bff');
    const env = bffEnv();
    delete env.BOCA_API_KEY;
    const refused = await run(bin, [], { cwd: consumer, env, timeoutMs: 30_000 });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /BOCA_API_KEY is missing/);
    assert.doesNotMatch(refused.stderr, /BOCA_SIGNING_SECRET|sandbox-signing-secret/);

    const running = await startCommand(bin, [], { cwd: consumer, env: bffEnv() });
    try {
      const health = await fetch(`${running.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
    } finally {
      assert.equal(await running.stop(), 0);
    }
  });

  it('runs boca-bff on Bun too, saving through the sandbox with Bun’s own fetch', async () => {
    const bun = join(root, 'node_modules', '.bin', 'bun');
    const sandbox = await serveSandbox({ port: 0, logger: () => {} });
    const running = await startCommand(bun, [join(consumer, 'node_modules', '.bin', 'boca-bff')], {
      cwd: consumer,
      env: bffEnv(sandbox.url),
    });
    try {
      const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
      const saved = await patchProfile(`${running.url}/api`, token, { city: 'Laval' });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(sandbox.sandbox.getUser(USER)?.city, 'Laval');
    } finally {
      assert.equal(await running.stop(), 0);
      await sandbox.close();
    }
  });

  it('ships declarations whose every import resolves for a NodeNext consumer', async () => {
    const specifiers = new Set<string>();
    for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(join(consumer, 'node_modules', 'boca-user-profile', file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const [, spec] of text.matchAll(/(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g)) {
        if (!spec!.startsWith('.')) specifiers.add(spec!);
      }
    }
    assert.ok(specifiers.has('hono'), [...specifiers].join());
    const lines = [...specifiers].map((spec, i) => `import type * as _${i} from '${spec}';`);
    writeFileSync(join(consumer, 'deep-imports.ts'), `${lines.join('\n')}\nexport {};\n`);
    const checked = await typecheckConsumer('deep-imports.ts');
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  });

  it('defines the element from ".", with its manifest', async () => {
    const out = await inConsumer(
      'element.mjs',
      `import { createRequire } from 'node:module';
       import { readFileSync } from 'node:fs';
       const { BocaUserProfile, BocaSavedEvent } = await import('boca-user-profile');
       const require = createRequire(import.meta.url);
       const pkg = JSON.parse(readFileSync(require.resolve('boca-user-profile/package.json'), 'utf8'));
       const manifest = JSON.parse(readFileSync(require.resolve('boca-user-profile/custom-elements.json'), 'utf8'));
       const tags = manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
       console.log(JSON.stringify({
         defined: customElements.get('boca-user-profile') === BocaUserProfile,
         observed: BocaUserProfile.observedAttributes,
         event: new BocaSavedEvent({}).type,
         customElements: pkg.customElements,
         tags,
       }));`,
    );
    assert.deepEqual(JSON.parse(out), {
      defined: true,
      observed: ['api-base', 'session-token', 'locale', 'fields', 'readonly-fields'],
      event: 'boca-saved',
      customElements: 'custom-elements.json',
      tags: ['boca-user-profile'],
    });
  });

  it('runs the BFF from "./bff" and "./bff/web" on plain Node, against "./sandbox"', async () => {
    const out = await inConsumer(
      'bff.mjs',
      `import { createNodeBff, mintEmbedToken, serveApp } from 'boca-user-profile/bff';
       import * as web from 'boca-user-profile/bff/web';
       import { createSandbox, serveSandbox } from 'boca-user-profile/sandbox';
       const secret = 'consumer-session-secret-0123456789abcdef';
       const options = {
         apiKey: 'sandbox-api-key', signingSecret: 'sandbox-signing-secret', sessionSecret: secret,
         allowedOrigins: ['https://portal.example.com'], logger: () => {},
       };
       const token = await mintEmbedToken({ secret, externalId: 'partner-user-42' });
       const patch = (city) => ({
         method: 'PATCH',
         headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
         body: JSON.stringify({ city }),
       });

       // Node: the undici transport to a sandbox on a real port.
       const running = await serveSandbox({ port: 0, logger: () => {} });
       const bff = createNodeBff({ ...options, apiBaseUrl: running.url });
       const server = await serveApp(bff.app, { port: 0 });
       const node = await fetch(server.url + '/api/profile', patch('Ottawa'));
       const nodeCity = running.sandbox.getUser('partner-user-42').city;
       await server.close(); await bff.close(); await running.close();

       // Web: fetch transport to an in-process sandbox, Web Crypto signing.
       const sandbox = createSandbox({ logger: () => {} });
       const app = web.createBff({
         ...options,
         apiBaseUrl: 'https://partner-api.example',
         transport: web.createFetchTransport((url, init) => sandbox.app.fetch(new Request(url, init))),
       });
       const edge = await app.request('/api/profile', patch('Laval'));
       console.log(JSON.stringify({
         node: node.status, nodeCity,
         edge: edge.status, edgeCity: sandbox.getUser('partner-user-42').city,
       }));`,
    );
    assert.deepEqual(JSON.parse(out), {
      node: 200,
      nodeCity: 'Ottawa',
      edge: 200,
      edgeCity: 'Laval',
    });
  });

  it('serves the element from the installed package with elementAsset(), as the build named it', async () => {
    const out = await inConsumer(
      'asset.mjs',
      `import { createRequire } from 'node:module';
       import { readFileSync } from 'node:fs';
       import { createHash } from 'node:crypto';
       import { elementAsset } from 'boca-user-profile/bff';
       const require = createRequire(import.meta.url);
       const built = JSON.parse(readFileSync(require.resolve('boca-user-profile/element-asset.json'), 'utf8'));
       const script = readFileSync(require.resolve('boca-user-profile/boca-user-profile.js'));
       const asset = elementAsset();
       console.log(JSON.stringify({
         fileName: asset.fileName, integrity: asset.integrity, headers: asset.headers,
         same: Buffer.compare(Buffer.from(asset.body), script) === 0,
         french: asset.french && {
           fileName: asset.french.fileName,
           same: Buffer.compare(Buffer.from(asset.french.body), readFileSync(require.resolve('boca-user-profile/boca-user-profile.fr.js'))) === 0,
         },
         sri: 'sha384-' + createHash('sha384').update(script).digest('base64'),
         built,
       }));`,
    );
    const asset = JSON.parse(out) as Record<string, unknown> & {
      fileName: string;
      built: { fileName: string; integrity: string };
    };
    assert.equal(asset.same, true);
    assert.deepEqual(asset.french, { fileName: 'boca-user-profile.fr.js', same: true });
    assert.equal(asset.integrity, asset.sri);
    assert.deepEqual(asset.built, { fileName: asset.fileName, integrity: asset.integrity });
    assert.match(asset.fileName, /^boca-user-profile\.[0-9a-f]{12}\.js$/);
    assert.ok(files.includes(`dist/${asset.fileName}`), 'the hashed copy is not in the tarball');
    assert.deepEqual(asset.headers, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
  });

  it('renders the React wrapper from "./react", on the very element of "."', async () => {
    const out = await inConsumer(
      'react.mjs',
      `import React from 'react';
       import { renderToString } from 'react-dom/server';
       const { BocaUserProfile, BocaUserProfileElement } = await import('boca-user-profile/react');
       const element = await import('boca-user-profile');
       console.log(JSON.stringify({
         same: BocaUserProfileElement === element.BocaUserProfile,
         html: renderToString(React.createElement(BocaUserProfile, { apiBase: '/api' })),
       }));`,
    );
    const { same, html } = JSON.parse(out) as { same: boolean; html: string };
    assert.equal(same, true);
    assert.match(html, /^<boca-user-profile[\s>]/);
  });

  it('type-checks a TypeScript consumer of every entry', async () => {
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `import React from 'react';
       import { BocaUserProfile, type BocaSavedEvent } from 'boca-user-profile';
       import { BocaUserProfile as Wrapper } from 'boca-user-profile/react';
       import { createSandbox } from 'boca-user-profile/sandbox';
       import { createNodeBff, mintEmbedToken, type BffOptions } from 'boca-user-profile/bff';
       import { createBff, type EmbedTokenResponse } from 'boca-user-profile/bff/web';
       import type { BocaErrorDetail, BocaSaveDetail, BocaSavedDetail, Profile } from 'boca-user-profile';
       import { fetchEmbedToken } from 'boca-user-profile/react';

       const profile: Profile = {
         firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', dateOfBirth: '1990-05-15',
         addressLine1: '1 Main St', addressLine2: null, city: 'Toronto', province: 'ON',
         postalCode: 'M5V 2T6', country: 'CA', occupation: null, isCiroAffiliate: false,
       };
       const save: BocaSaveDetail['changes'] = { city: profile.city };
       const saved = (detail: BocaSavedDetail) => detail.profile.city;
       const failed = (detail: BocaErrorDetail) => detail.fieldErrors;
       const answer: EmbedTokenResponse = { token: 'a.b.c', expiresAt: '2026-01-01T12:10:00Z' };
       const renewed: Promise<string> = fetchEmbedToken('/embed-token');

       const editor = document.createElement('boca-user-profile');
       const same: BocaUserProfile = editor;
       editor.sessionToken = 'eyJ';
       // @ts-expect-error only en and fr exist: this proves the types are real, not any
       editor.locale = 'de';
       editor.addEventListener('boca-saved', (event: BocaSavedEvent) => event.detail.result.status);
       React.createElement(Wrapper, { sessionToken: 'eyJ', onBocaSaved: (e) => e.detail.profile.city });
       // @ts-expect-error not a prop of the wrapper
       React.createElement(Wrapper, { onBocaSavd: () => {} });
       const sandbox = createSandbox({ logger: () => {} });
       sandbox.appliedCount();
       const options: BffOptions = {
         apiBaseUrl: 'https://partner-api.bocaraton.com', apiKey: 'k', signingSecret: 's',
         sessionSecret: 'x'.repeat(32), allowedOrigins: ['https://portal.example.com'],
       };
       createBff(options).request('/healthz');
       const token: Promise<string> = mintEmbedToken({ secret: 'x'.repeat(32), externalId: 'u' });
       // @ts-expect-error allowedOrigins is required
       createNodeBff({ ...options, allowedOrigins: undefined });
       export { same, token, save, saved, failed, answer, renewed };
      `,
    );
    const checked = await typecheckConsumer('consumer.ts');
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  });

  it('ships an API reference that matches the manifest (npm run docs)', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const committed = readFileSync(join(root, 'docs', 'element-api.md'), 'utf8');
    assert.equal(await renderApiDocs(manifest), committed, 'run `npm run docs` and commit it');
  });
});
