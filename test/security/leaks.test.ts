/**
 * Leak checks with canary secrets: distinctive API key, signing secret and session secret strings
 * that must never appear in the built package (`dist/**`, built here with the canaries in the
 * environment), in any answer (headers or body) to a set of successful and failed requests, or in
 * any log line; and no token, cookie or profile value in a log line either.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bffHarness, OWNER, type Harness } from './support/harness.js';

const CANARIES = {
  apiKey: 'canary-api-key-5b1e7c9d0f3a4e26',
  signingSecret: 'canary-signing-secret-8c2d6e0a4b7f9132',
  sessionSecret: 'canary-session-secret-3e9f1a7c5d2b8e4603f6a9c1d7b2e5f8',
};
// The sandbox's public development credentials have no business in the browser either.
const PUBLIC_DEV_CREDENTIALS = ['sandbox-api-key', 'sandbox-signing-secret'];

const root = new URL('../..', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('canary secrets never leak', () => {
  describe('into the built package', () => {
    let files: string[];
    before(async () => {
      // Built here, as `npm run build` does, with the canaries in the environment, so a build
      // that inlined the environment would show.
      const env = {
        ...process.env,
        BOCA_API_KEY: CANARIES.apiKey,
        BOCA_SIGNING_SECRET: CANARIES.signingSecret,
        BOCA_SESSION_SECRET: CANARIES.sessionSecret,
      };
      for (const script of ['scripts/build.mjs', 'scripts/build-server.mjs']) {
        await promisify(execFile)(process.execPath, [script], { cwd: root, env });
      }
      files = filesUnder(join(root, 'dist')).map((file) => file.slice(root.length));
    });

    it('finds the browser bundles and the server build, source maps included when there are any', () => {
      for (const file of [
        'dist/boca-user-profile.js',
        'dist/lib/boca-user-profile.js',
        'dist/bff/index.js',
      ]) {
        assert.ok(files.includes(file), `${file} is missing from ${files.join(', ')}`);
      }
    });

    it('holds no canary secret in any file', () => {
      for (const file of files) {
        const text = readFileSync(join(root, file), 'utf8');
        for (const secret of Object.values(CANARIES)) {
          assert.ok(!text.includes(secret), `${file} contains ${secret}`);
        }
      }
    });

    it('ships the browser no development credential and no environment lookup', () => {
      const browser = files.filter(
        (file) =>
          /\.(js|mjs|map)$/.test(file) && /^dist\/(boca-user-profile|lib\/|react\/)/.test(file),
      );
      assert.ok(browser.length >= 2, browser.join(', '));
      for (const file of browser) {
        const text = readFileSync(join(root, file), 'utf8');
        for (const credential of PUBLIC_DEV_CREDENTIALS) {
          assert.ok(!text.includes(credential), `${file} contains ${credential}`);
        }
        assert.doesNotMatch(text, /process\.env|BOCA_(API|SIGNING|SESSION)/, file);
      }
    });
  });

  for (const mode of ['a partner logger', 'the default logger on stdout'] as const)
    describe(`into answers and log lines, with ${mode}`, () => {
      let harness: Harness;
      const logLines: string[] = [];
      const restore: (() => void)[] = [];

      before(async () => {
        // Everything written to stdout or stderr while the BFF runs is a log line too.
        for (const stream of [process.stdout, process.stderr]) {
          const write = stream.write.bind(stream);
          stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
            logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
            return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
          }) as typeof stream.write;
          restore.push(() => {
            stream.write = write;
          });
        }
        harness = await bffHarness({
          apiKey: CANARIES.apiKey,
          signingSecret: CANARIES.signingSecret,
          sessionSecret: CANARIES.sessionSecret,
          logger:
            mode === 'a partner logger'
              ? (entry: unknown) => logLines.push(JSON.stringify(entry))
              : undefined,
        });
      });
      after(() => restore.forEach((undo) => undo()));

      const profileValues = {
        firstName: 'Zebulon-Canary',
        email: 'zebulon.canary@example.com',
        addressLine1: '987 Canary Row',
        dateOfBirth: '1971-07-19',
        postalCode: 'K1A 0B1',
      };

      it('across successes and errors', async () => {
        const token = harness.forge.valid(OWNER);
        const cookie = 'portal_session=cookie-canary-6d4f2a';
        const requests: [string, string, Record<string, string>, string?][] = [
          ['GET', '/api/profile', { authorization: `Bearer ${token}`, cookie }],
          [
            'PATCH',
            '/api/profile',
            { authorization: `Bearer ${token}`, 'content-type': 'application/json', cookie },
            JSON.stringify(profileValues),
          ],
          [
            'PATCH',
            '/api/profile',
            { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            JSON.stringify({ ...profileValues, email: 'not an email', bogus: CANARIES.apiKey }),
          ],
          [
            'PATCH',
            '/api/profile',
            { authorization: `Bearer ${token}x`, 'content-type': 'application/json', cookie },
            JSON.stringify(profileValues),
          ],
          [
            'PATCH',
            '/api/profile',
            { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
            JSON.stringify(profileValues),
          ],
          [
            'PATCH',
            '/api/profile',
            {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              origin: 'https://evil.example',
            },
            JSON.stringify(profileValues),
          ],
          [
            'PATCH',
            '/api/profile',
            { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            `{"city":"${'x'.repeat(20_000)}"}`,
          ],
          [
            'PATCH',
            '/api/profile',
            { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            '{"city":',
          ],
          ['DELETE', '/api/profile', { authorization: `Bearer ${token}` }],
          ['GET', '/api/nothing', { authorization: `Bearer ${token}` }],
          ['GET', '/healthz', {}],
        ];
        // Upstream failures too: its answers are relayed, never its credentials.
        const failures = ['401', '500', 'garbage', 'network'] as const;
        const answers: string[] = [];
        for (const [method, path, headers, body] of requests) {
          const response = await harness.request(method, path, {
            headers,
            ...(body ? { body } : {}),
          });
          answers.push(JSON.stringify([...response.headers]), await response.text());
        }
        for (const failure of failures) {
          harness.upstream.failNext(failure);
          const response = await harness.request('PATCH', '/api/profile', {
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(profileValues),
          });
          answers.push(JSON.stringify([...response.headers]), await response.text());
        }
        assert.ok(harness.upstream.calls.length >= 1, 'no request reached the upstream');

        for (const secret of Object.values(CANARIES)) {
          for (const answer of answers)
            assert.ok(!answer.includes(secret), `an answer contains ${secret}`);
        }
        assert.ok(logLines.length > 0, 'nothing was logged: the logger is not wired');
        const forbidden = [
          ...Object.values(CANARIES),
          token,
          token.split('.')[2]!,
          'cookie-canary-6d4f2a',
          ...Object.values(profileValues),
          'not an email',
        ];
        for (const line of logLines) {
          for (const value of forbidden)
            assert.ok(!line.includes(value), `a log line contains ${value}: ${line}`);
        }
      });
    });
});
