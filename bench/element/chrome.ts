/**
 * The repository's way of finding an installed Chrome or Chromium (`scripts/find-chrome.js`, plain
 * JavaScript shared with the test runner's configuration), with types.
 */
interface FindChrome {
  /** The executable's path; throws one clear sentence when there is none. */
  findChrome(): string;
  /** Flags for a quiet headless browser that never reaches the network. */
  chromeArgs: string[];
}

// A specifier in a variable keeps the compiler from asking for a declaration file.
const shared = '../../scripts/find-chrome.js';
export const { findChrome, chromeArgs } = (await import(shared)) as FindChrome;
