/**
 * The page the element is timed on, and the little server that serves it: a partner page with the
 * element in its markup and its `profile` property set by the page. Once the page is parsed, an
 * inline script starts loading the element's module and records, with `performance.now()`, when
 * it started, when the script was fetched, when the element was defined, when its first render
 * was committed, and when the form was usable: every field present and enabled, with its value.
 * Starting the load from script (rather than a `<script type="module">` in the markup, which waits
 * for the parser) makes the start a known instant. Nothing is cached.
 *
 * @example
 *   const page = await servePage(readFileSync('dist/boca-user-profile.js'));
 *   // open page.url in a browser, read window.__bocaBench
 *   await page.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEED_PROFILE } from '../../sandbox/seed.js';

/** The seeded sandbox user, as the partner's own records would hold them. */
export const PROFILE = SEED_PROFILE;

const SCRIPT_PATH = '/boca-user-profile.js';

/** The marks the page leaves in `window.__bocaBench`, ms since navigation start. */
export interface PageMarks {
  start: number;
  scriptStart: number;
  scriptFetched: number;
  defined: number;
  rendered: number;
  usable: number;
  /** Why the form never became usable, when it did not. */
  failure?: string;
}

// Runs in the browser, as a classic script before the element's module: it only waits.
const probe = `
(() => {
  const marks = (window.__bocaBench = {});
  const profile = ${JSON.stringify(PROFILE)};
  const controls = (root) => {
    const found = [...root.querySelectorAll('input, select, textarea')];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...controls(el.shadowRoot));
    return found;
  };
  const usable = (el) => {
    if (!el.shadowRoot) return false;
    const all = controls(el.shadowRoot);
    return Object.entries(profile).every(([name, value]) => {
      const control = all.find((c) => c.name === name);
      if (!control || control.disabled || control.readOnly) return false;
      return control.type === 'checkbox' ? control.checked === value : control.value === String(value ?? '');
    });
  };
  const channel = new MessageChannel();
  const nextTask = () => new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
  customElements.whenDefined('boca-user-profile').then(async () => {
    marks.defined = performance.now();
    const el = document.querySelector('boca-user-profile');
    await el.updateComplete;
    marks.rendered = performance.now();
    const deadline = performance.now() + 5000;
    while (!usable(el)) {
      if (performance.now() > deadline) { marks.failure = 'the form was not usable within 5 s'; return; }
      await nextTask();
    }
    marks.usable = performance.now();
    const entry = performance.getEntriesByName(new URL('${SCRIPT_PATH}', location.href).href)[0];
    marks.scriptStart = entry.startTime;
    marks.scriptFetched = entry.responseEnd;
  });
  marks.load = () => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '${SCRIPT_PATH}';
    marks.start = performance.now();
    document.head.append(script);
  };
})();
`;

const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner portal</title><script>${probe}</script></head>
<body>
<main>
  <h1>Your profile</h1>
  <boca-user-profile api-base="/api" session-token="bench-token" locale="en"></boca-user-profile>
</main>
<script>
  document.querySelector('boca-user-profile').profile = ${JSON.stringify(PROFILE)};
  window.__bocaBench.load();
</script>
</body>
</html>`;

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

export function servePage(script: Buffer): Promise<ServedPage> {
  const server = createServer((req, res) => {
    const headers = { 'cache-control': 'no-store' };
    if (req.url === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else if (req.url === SCRIPT_PATH) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      // The profile is given; the element has no reason to call the BFF.
      res.writeHead(404, { ...headers, 'content-type': 'application/json' });
      res.end('{"error":"not_found","message":"Not here","requestId":"req-bench"}');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
