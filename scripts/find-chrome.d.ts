// Types for find-chrome.js, so that TypeScript (the end-to-end tests, the screenshot script) can use it.

/** The path of an installed Chrome or Chromium; throws one clear sentence when there is none. */
export function findChrome(): string;

/** Flags for a quiet headless browser that runs as root and never reaches the network. */
export const chromeArgs: string[];
