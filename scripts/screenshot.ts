/**
 * `npm run screenshot`: takes `docs/demo.png`, the picture at the top of the README. It starts the
 * demo on free ports, saves an address change through the "server hiccup" scenario (so the "what
 * happened" panel shows a retried, signed save), photographs the account page in headless Chromium
 * as a 1280 × 800 laptop screen shows it, and stops everything.
 *
 *   npm run screenshot                 the default look
 *   npm run screenshot -- midnight     another look (maple, midnight, bold), for comparison
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemo } from '../demo/demo.js';
import { chromeArgs, findChrome } from './find-chrome.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const look = process.argv[2] ?? 'maple';
const out = join(root, 'docs', look === 'maple' ? 'demo.png' : `demo-${look}.png`);

const demo = await startDemo({
  port: 0,
  sandboxPort: 0,
  env: {},
  log: (line) => console.log(line),
});
const browser = await chromium
  .launch({ executablePath: findChrome(), args: chromeArgs })
  .catch(async (error: unknown) => {
    await demo.close();
    throw error;
  });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
  await page.goto(`${demo.url}/?look=${encodeURIComponent(look)}&lang=en&panel=open`);
  const field = (name: string) => page.locator(`boca-user-profile [name="${name}"]`);
  await page.waitForFunction(() => {
    const input = document
      .querySelector('boca-user-profile')
      ?.shadowRoot?.querySelector<HTMLInputElement>('[name="firstName"]');
    return Boolean(input?.value);
  });

  await page.locator('#scenarios button', { hasText: 'Server hiccup' }).click();
  await field('addressLine1').fill('456 Queen St W');
  await field('postalCode').fill('M5V 1Z8');
  await page.locator('boca-user-profile button[type="submit"]').click();
  await page.locator('boca-user-profile [part~="status"]', { hasText: 'Changes saved' }).waitFor();
  await page.locator('#exchanges .exchange__sub', { hasText: '2 attempts' }).waitFor();
  await page.locator('#briefing [data-kind="outcome"]').waitFor();
  // The panel scrolls smoothly to the outcome; let it settle, then show the panel from its top.
  await page.waitForTimeout(1000);
  await page.locator('#demo-panel').evaluate((panel) => panel.scrollTo(0, 0));
  // No hover or focus ring in the picture.
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });

  mkdirSync(join(root, 'docs'), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
} finally {
  await browser.close();
  await demo.close();
}
