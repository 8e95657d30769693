/**
 * The page's state in its URL: language, brand look, armed scenario and whether the demo panel is
 * open, so a salesperson can send a link that opens straight in it. Language, look and panel are
 * also remembered in this browser; a scenario is not (it is armed for one save only), so it comes
 * from the link alone. The link wins over what the browser remembers.
 *
 * @example
 *   const state = readPageState(['field-errors', 'under-18']);
 *   writePageState({ panel: 'closed' }); // ?lang=en&look=maple&panel=closed
 */
import type { ScenarioName } from '../shared.js';
import { isLook, type Look } from './controls.js';
import { isLocale, type Locale } from './i18n.js';

export type PanelState = 'open' | 'closed';

export interface PageState {
  lang: Locale;
  look: Look;
  panel: PanelState;
  scenario: ScenarioName | null;
}

const REMEMBERED = ['lang', 'look', 'panel'] as const;

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(`maple-${key}`);
  } catch {
    return null;
  }
}

export function readPageState(scenarios: readonly ScenarioName[]): PageState {
  const query = new URL(location.href).searchParams;
  const pick = (key: string) => query.get(key) ?? remembered(key);
  const lang = pick('lang');
  const look = pick('look');
  const panel = pick('panel');
  const scenario = query.get('scenario');
  return {
    lang: isLocale(lang) ? lang : 'en',
    look: isLook(look) ? look : 'maple',
    panel: panel === 'closed' ? 'closed' : 'open',
    scenario: scenarios.includes(scenario as ScenarioName) ? (scenario as ScenarioName) : null,
  };
}

export function writePageState(changes: Partial<PageState>): void {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
    if (!(REMEMBERED as readonly string[]).includes(key) || value == null) continue;
    try {
      localStorage.setItem(`maple-${key}`, value);
    } catch {
      // Private windows may refuse storage; the link still holds the state.
    }
  }
  history.replaceState(null, '', url);
}

/** A test or a trade-show screen can shorten the tour's pauses: `?tourDelay=100` (milliseconds). */
export function tourDelay(fallback: number): number {
  const raw = Number(new URL(location.href).searchParams.get('tourDelay'));
  return Number.isFinite(raw) && raw >= 0 && new URL(location.href).searchParams.has('tourDelay')
    ? Math.min(raw, 60_000)
    : fallback;
}
