/**
 * Times the element in a real headless Chromium (Debian's, driven by playwright-core): each load
 * in a fresh browser context, so no cache or compiled code carries over; the figures are medians.
 *
 * @example
 *   const timing = await timeElement(readFileSync('dist/boca-user-profile.js'), { loads: 7 });
 */
import { chromium } from 'playwright-core';
import { findChrome, chromeArgs } from './chrome.js';
import { median } from '../lib/stats.js';
import { servePage, type PageMarks } from './page.js';

/** Each figure from the instant the script starts to load, ms. */
export interface LoadMarks {
  fetchedMs: number;
  definedMs: number;
  renderedMs: number;
  usableMs: number;
}

export interface ElementTiming extends LoadMarks {
  browser: string;
  loads: number;
  each: LoadMarks[];
}

export async function timeElement(
  script: Buffer,
  options: { loads: number },
): Promise<ElementTiming> {
  const page = await servePage(script);
  const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs });
  try {
    const runs: PageMarks[] = [];
    // The first load warms the browser process itself and is not counted.
    for (let i = 0; i <= options.loads; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(page.url);
      await tab.waitForFunction(
        () => {
          const marks = (window as { __bocaBench?: PageMarks }).__bocaBench;
          return marks?.usable !== undefined || marks?.failure !== undefined;
        },
        undefined,
        { timeout: 10_000 },
      );
      const marks = await tab.evaluate(() => (window as { __bocaBench?: PageMarks }).__bocaBench!);
      await context.close();
      if (marks.failure) throw new Error(`The element on the bench page: ${marks.failure}`);
      if (i > 0) runs.push(marks);
    }
    const each = runs.map((marks): LoadMarks => ({
      fetchedMs: marks.scriptFetched - marks.start,
      definedMs: marks.defined - marks.start,
      renderedMs: marks.rendered - marks.start,
      usableMs: marks.usable - marks.start,
    }));
    const middle = (key: keyof LoadMarks) => median(each.map((run) => run[key]));
    return {
      browser: `Chromium ${browser.version()}`,
      loads: runs.length,
      fetchedMs: middle('fetchedMs'),
      definedMs: middle('definedMs'),
      renderedMs: middle('renderedMs'),
      usableMs: middle('usableMs'),
      each,
    };
  } finally {
    await browser.close();
    await page.close();
  }
}
