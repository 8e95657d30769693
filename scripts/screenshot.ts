/**
 * `npm run screenshot`: takes `docs/demo.png`, the picture at the top of the README. It starts the
 * demo on free ports, saves an address change through the "server hiccup" scenario (so the "what
 * happened" panel shows a retried, signed save), photographs the whole account page in headless
 * Chromium, 1400 pixels wide, and stops everything.
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
  const page = await browser.newPage({ viewport: { width: 1400, height: 1340 } });
  page.setDefaultTimeout(15_000);
  await page.goto(`${demo.url}/?look=${encodeURIComponent(look)}&lang=en`);
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
