/**
 * The end-to-end tests' shared set-up: the real demo (sandbox, BFF, portal) started in-process on
 * ephemeral ports, one headless Chromium for the whole suite, and helpers that speak of the page
 * in a user's terms. Playwright's CSS locators pierce the element's open shadow root.
 *
 * @example
 *   const stack = await startStack({ env: { BOCA_UPSTREAM_TIMEOUT_MS: '1500' } });
 *   const page = await stack.openPortal();
 *   await fill(page, 'city', 'Ottawa');
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.js';
import { startDemo, type Demo, type StartDemoOptions } from '../../demo/demo.js';

export const ELEMENT = 'boca-user-profile';

export interface Stack {
  demo: Demo;
  browser: Browser;
  /** A fresh browser context on the portal, its element loaded with the signed-in user's profile. */
  openPortal(options?: {
    bypassCSP?: boolean;
    query?: string;
    viewport?: { width: number; height: number };
  }): Promise<Page>;
  close(): Promise<void>;
}

export async function startStack(options: Partial<StartDemoOptions> = {}): Promise<Stack> {
  const demo = await startDemo({ port: 0, sandboxPort: 0, env: {}, ...options });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs });
  } catch (error) {
    await demo.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    demo,
    browser,
    async openPortal({
      bypassCSP = false,
      query = '',
      viewport = { width: 1400, height: 1000 },
    } = {}) {
      // Without transitions, what a test reads is the settled style, never a frame in between.
      const context = await browser.newContext({
        bypassCSP,
        reducedMotion: 'reduce',
        viewport,
      });
      contexts.push(context);
      context.setDefaultTimeout(8_000);
      const page = await context.newPage();
      await page.goto(`${demo.url}/${query}`);
      await loaded(page);
      return page;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close().catch(() => {})));
      await browser.close();
      await demo.close();
    },
  };
}

/** The element's input for an API field name. */
export const input = (page: Page, field: string) => page.locator(`${ELEMENT} [name="${field}"]`);

export const saveButton = (page: Page) => page.locator(`${ELEMENT} button[type="submit"]`);

/** Waits until Save is enabled again (after a 429 countdown, say). */
export async function saveEnabled(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (tag) =>
      !document
        .querySelector(tag)
        ?.shadowRoot?.querySelector('button[type=submit]')
        ?.hasAttribute('disabled'),
    ELEMENT,
    { timeout: timeoutMs },
  );
}

/** The screens the demo is shown on: a laptop, a tablet and a phone. */
export const SCREENS = {
  laptop: { width: 1280, height: 800 },
  tablet: { width: 768, height: 1024 },
  phone: { width: 375, height: 812 },
} as const;

/** Waits until the element shows the signed-in user's profile. */
export async function loaded(page: Page): Promise<void> {
  await page.waitForFunction((tag) => {
    const field = document.querySelector(tag)?.shadowRoot?.querySelector('[name="firstName"]');
    return field instanceof HTMLInputElement && field.value !== '';
  }, ELEMENT);
}

export async function fill(page: Page, field: string, value: string): Promise<void> {
  await input(page, field).fill(value);
}

/** Counts the page's requests to the BFF's profile endpoint, by method. */
export function countProfileRequests(page: Page) {
  const counts = { GET: 0, PATCH: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/api/profile') return;
    const method = request.method() as keyof typeof counts;
    if (method in counts) counts[method]++;
  });
  return counts;
}

/** Waits for the next answer of a PATCH /api/profile and returns its status. */
export async function nextSaveStatus(page: Page, save: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/profile' && r.request().method() === 'PATCH',
    ),
    save(),
  ]);
  return response.status();
}

/** Presses a demo control button by its visible label. */
export async function arm(page: Page, label: string): Promise<void> {
  const button = page.locator('#scenarios button', { hasText: label });
  await button.click();
  await page.locator('#scenarios button[aria-pressed="true"]', { hasText: label }).waitFor();
}
