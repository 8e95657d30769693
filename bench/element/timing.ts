/**
 * Times scripts that define `<boca-user-profile>` (the element, and the baseline form beside it)
 * in a real headless Chromium, Debian's, driven by playwright-core. Each load runs in a fresh
 * browser context, so no cache or compiled code carries over; the scripts take turns load by
 * load, so that outside work on this shared machine falls on all of them alike. Figures are medians.
 *
 * @example
 *   const { browser, results } = await timeScripts({ element, baseline }, { loads: 7 });
 *   results.element.usableMs;
 */
import { chromium, type Browser } from 'playwright-core';
import { findChrome, chromeArgs } from './chrome.js';
import { median } from '../lib/stats.js';
import { servePage, type PageMarks } from './page.js';

/** Each figure from the instant the script starts to load, ms. */
export interface LoadMarks {
  fetchedMs: number;
  definedMs: number;
  renderedMs: number;
  usableMs: number;
  /** From the script's arrival to a usable form: the script's own cost, without the download. */
  ownMs: number;
}

export interface ScriptTiming extends LoadMarks {
  each: LoadMarks[];
}

export interface ElementTiming<Name extends string> {
  browser: string;
  loads: number;
  results: Record<Name, ScriptTiming>;
}

async function load(browser: Browser, url: string): Promise<LoadMarks> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.waitForFunction(
      () => {
        const marks = (window as { __bocaBench?: PageMarks }).__bocaBench;
        return marks?.usable !== undefined || marks?.failure !== undefined;
      },
      undefined,
      { timeout: 10_000 },
    );
    const marks = await tab.evaluate(() => (window as { __bocaBench?: PageMarks }).__bocaBench!);
    if (marks.failure) throw new Error(`on the bench page: ${marks.failure}`);
    return {
      fetchedMs: marks.scriptFetched - marks.start,
      definedMs: marks.defined - marks.start,
      renderedMs: marks.rendered - marks.start,
      usableMs: marks.usable - marks.start,
      ownMs: marks.usable - marks.scriptFetched,
    };
  } finally {
    await context.close();
  }
}

export async function timeScripts<Name extends string>(
  scripts: Record<Name, Buffer>,
  options: { loads: number },
): Promise<ElementTiming<Name>> {
  const names = Object.keys(scripts) as Name[];
  const pages = await Promise.all(names.map((name) => servePage(scripts[name])));
  const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs });
  try {
    const runs = names.map(() => [] as LoadMarks[]);
    // The first round warms the browser process itself and is not counted.
    for (let round = 0; round <= options.loads; round++) {
      for (let i = 0; i < names.length; i++) {
        const index = (i + round) % names.length;
        const marks = await load(browser, pages[index]!.url);
        if (round > 0) runs[index]!.push(marks);
      }
    }
    const results = {} as Record<Name, ScriptTiming>;
    names.forEach((name, index) => {
      const each = runs[index]!;
      const middle = (key: keyof LoadMarks) => median(each.map((run) => run[key]));
      results[name] = {
        fetchedMs: middle('fetchedMs'),
        definedMs: middle('definedMs'),
        renderedMs: middle('renderedMs'),
        usableMs: middle('usableMs'),
        ownMs: middle('ownMs'),
        each,
      };
    });
    return { browser: `Chromium ${browser.version()}`, loads: options.loads, results };
  } finally {
    await browser.close();
    await Promise.all(pages.map((page) => page.close()));
  }
}
