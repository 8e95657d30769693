/**
 * One token-endpoint contract everywhere: `POST /embed-token` answers JSON
 * `{ token, expiresAt }` (`contract/embed-token.ts`). Every code block of README.md and docs/
 * that touches the endpoint is extracted and held to it: the server snippets are run on a real
 * Hono app and their answer checked; the browser scripts are run against a fake page whose
 * endpoint answers the contract, and must end up with the token itself in `sessionToken`; the
 * framework snippets must read the JSON's `token`. The React wrapper's `fetchEmbedToken` and
 * `mintEmbedTokenResponse` are checked against each other.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { transform } from 'esbuild';
import { Hono } from 'hono';
import * as bffEntry from '../../bff/index.js';
import { EMBED_TOKEN_PATH, parseEmbedTokenResponse } from '../../contract/embed-token.js';
import { fetchEmbedToken } from '../../react/token.js';
import { blocks } from './support/snippets.js';
import { SESSION_SECRET, USER } from './support/partner.js';
import { assertTokenAnswer } from './support/token-contract.js';

const root = new URL('../../', import.meta.url);
const pages = ['README.md', ...readdirSync(new URL('docs/', root)).map((f) => `docs/${f}`)]
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ file, text: readFileSync(new URL(file, root), 'utf8') }));
const snippets = pages.flatMap(({ file, text }) =>
  blocks(text).map((block, i) => ({ ...block, where: `${file} block ${i + 1}` })),
);
const touching = snippets.filter((s) =>
  /embed-token|\/session\b|\.post\(|fetchToken|fetchEmbedToken|tokenProvider|sessionToken =/.test(
    s.code,
  ),
);
const serverSnippets = touching.filter((s) => /\.post\(\s*['"]/.test(s.code));
// Scripts of a page: the `fetch-token.js` module of a guide, and the page scripts that use it or
// fetch the token themselves.
const pageScripts = touching.filter((s) => s.lang === 'js' && /fetch\(|fetchToken/.test(s.code));
const frameworkSnippets = touching.filter(
  (s) => !serverSnippets.includes(s) && !pageScripts.includes(s),
);

const AsyncFunction = async function () {}.constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/**
 * A snippet as the body of an async function: TypeScript stripped, imports dropped, and what a
 * module exports returned.
 */
async function runnable(code: string, loader: 'ts' | 'js'): Promise<string> {
  const exported = [...code.matchAll(/^export const (\w+)/gm)].map((m) => m[1]!);
  const withoutImports = `${code
    .replace(/^import[\s\S]*?from\s+['"][^'"]+['"];?$/gm, '')
    .replace(/^export const /gm, 'const ')}\nreturn { ${exported.join(', ')} };`;
  // Top-level await stays legal inside the async function the code becomes.
  const { code: js } = await transform(`(async () => {\n${withoutImports}\n})`, { loader });
  return js.trim().replace(/;$/, '');
}

async function mintedAnswer(): Promise<Response> {
  const app = new Hono();
  app.post(EMBED_TOKEN_PATH, async (c) =>
    c.json(await bffEntry.mintEmbedTokenResponse({ secret: SESSION_SECRET, externalId: USER })),
  );
  return app.request(EMBED_TOKEN_PATH, { method: 'POST' });
}

describe('the token endpoint contract, { token, expiresAt }', () => {
  it('is answered by mintEmbedTokenResponse: expiresAt is the token’s own exp', async () => {
    const at = Date.UTC(2026, 0, 1, 12, 0, 0, 750);
    const answer = await bffEntry.mintEmbedTokenResponse({
      secret: SESSION_SECRET,
      externalId: USER,
      now: () => at,
    });
    assert.equal(answer.expiresAt, '2026-01-01T12:10:00Z');
    await assertTokenAnswer(await mintedAnswer(), SESSION_SECRET, USER);
  });

  it('is read by the React wrapper’s fetchEmbedToken, which refuses anything else', async (t) => {
    const minted = await (await mintedAnswer()).json();
    const answers: Record<string, () => Response> = {
      '/embed-token': () => Response.json(minted),
      '/text': () => new Response(minted.token),
      '/no-expiry': () => Response.json({ token: minted.token }),
      '/refused': () => Response.json({ message: 'Sign in first' }, { status: 401 }),
    };
    const calls: string[] = [];
    t.mock.method(globalThis, 'fetch', async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      return answers[url]!();
    });
    assert.equal(await fetchEmbedToken(), minted.token);
    assert.deepEqual(calls, ['POST /embed-token']);
    await assert.rejects(fetchEmbedToken('/text'), SyntaxError);
    await assert.rejects(fetchEmbedToken('/no-expiry'), /expiresAt/);
    await assert.rejects(fetchEmbedToken('/refused'), /answered 401/);
  });

  it('is the only endpoint the docs name: POST /embed-token', () => {
    assert.ok(serverSnippets.length >= 1 && pageScripts.length >= 3, 'snippets went missing');
    for (const { code, where } of snippets) {
      for (const [, path] of code.matchAll(/(?:\.post|fetch)\(\s*['"]([^'"]+)['"]/g)) {
        if (path!.startsWith('/api')) continue;
        assert.equal(path, EMBED_TOKEN_PATH, where);
      }
      assert.doesNotMatch(code, /\/portal\/session|\/portal\/embed-token/, where);
    }
  });

  for (const snippet of serverSnippets) {
    it(`is what the server snippet answers (${snippet.where})`, async () => {
      const body = await runnable(snippet.code, 'ts');
      const names = Object.keys(bffEntry);
      for (const signedIn of [true, false]) {
        const portal = new Hono();
        const signedInUser = async () => (signedIn ? { externalId: USER } : undefined);
        const define = new AsyncFunction(
          'portal',
          'signedInUser',
          'sessionSecret',
          ...names,
          `return (${body})();`,
        );
        await define(
          portal,
          signedInUser,
          SESSION_SECRET,
          ...names.map((n) => (bffEntry as Record<string, unknown>)[n]),
        );
        const answer = await portal.request(EMBED_TOKEN_PATH, { method: 'POST' });
        if (signedIn) await assertTokenAnswer(answer, SESSION_SECRET, USER);
        else assert.equal(answer.status, 401);
      }
    });
  }

  for (const snippet of pageScripts) {
    it(`is what the page script reads (${snippet.where})`, async () => {
      const minted = parseEmbedTokenResponse(await (await mintedAnswer()).json());
      const element = Object.assign(new EventTarget(), {
        sessionToken: '',
        tokenProvider: undefined as undefined | (() => Promise<string>),
      });
      const calls: string[] = [];
      const page = {
        querySelector: (selector: string) => (selector === 'boca-user-profile' ? element : null),
      };
      const fakeFetch = async (url: string, init: RequestInit = {}) => {
        calls.push(`${init.method ?? 'GET'} ${url}`);
        return url === EMBED_TOKEN_PATH && init.method === 'POST'
          ? Response.json(minted)
          : Response.json({ error: 'not_found' }, { status: 404 });
      };
      const run = async (code: string, provider?: unknown): Promise<Record<string, unknown>> =>
        (await new AsyncFunction(
          'document',
          'fetch',
          'console',
          'fetchToken',
          `return (${await runnable(code, 'js')})();`,
        )(page, fakeFetch, { log: () => {}, warn: () => {} }, provider)) as Record<string, unknown>;
      // The guide's own `fetch-token.js`, which its page scripts import.
      const file = snippet.where.split(' ')[0];
      const module = pageScripts.find(
        (s) => s.where.split(' ')[0] === file && /export const fetchToken/.test(s.code),
      );
      const provider =
        module && module !== snippet ? (await run(module.code)).fetchToken : undefined;
      const exports = await run(snippet.code, provider);

      let token: unknown;
      if (typeof exports.fetchToken === 'function') token = await exports.fetchToken();
      else if (element.tokenProvider) token = await element.tokenProvider();
      else {
        // No provider: the page renews the token itself when the element says it expired.
        element.dispatchEvent(new Event('boca-session-expired'));
        for (let i = 0; i < 50 && element.sessionToken === ''; i++) {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        token = element.sessionToken;
      }
      assert.equal(token, minted.token);
      assert.ok(
        calls.length > 0 && calls.every((call) => call === 'POST /embed-token'),
        calls.join(),
      );
    });
  }

  it('is read as JSON, its token taken, by every framework snippet', () => {
    assert.ok(frameworkSnippets.length >= 3, 'framework snippets went missing');
    for (const { code, where } of frameworkSnippets) {
      assert.doesNotMatch(code, /\.text\(\)/, where);
      assert.match(
        code,
        /\(await response\.json\(\)\)\.token|fetchEmbedToken\b|fetchToken\b/,
        where,
      );
    }
  });
});
