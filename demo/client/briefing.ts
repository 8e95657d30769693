/**
 * The panel's briefing under the scenario buttons: once a scenario is armed, what the sandbox
 * will answer, why, and what the element will show; once the save is done, what the element
 * shows now and the inspector entries that record it, highlighted.
 *
 * @example
 *   const briefing = createBriefing(byId('briefing'), { onShowEntries });
 *   briefing.armed(scenario);
 *   briefing.outcome({ scenario, status: 400, element: describeElement(el), entries: [12] });
 */
import type { ScenarioInfo } from '../shared.js';
import { h } from './dom.js';

export interface Outcome {
  /** The scenario the save met, or null for a plain save. */
  scenario: ScenarioInfo | null;
  /** The status the element got in the end. */
  status: number;
  /** What the element shows now. */
  element: string;
  /** The inspector entries the save made, oldest first. */
  entries: number[];
}

function card(kind: 'armed' | 'outcome', title: string, rows: [string, string][]) {
  return h(
    'div',
    { class: 'briefing__card', 'data-kind': kind },
    h('p', { class: 'briefing__title' }, title),
    h('dl', {}, ...rows.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)])),
  );
}

export function createBriefing(
  box: HTMLElement,
  handlers: {
    /** Highlights the entries; `reveal` brings them into view rather than the briefing. */
    onShowEntries(ids: number[], reveal: boolean): void;
  },
) {
  return {
    armed(scenario: ScenarioInfo) {
      box.replaceChildren(
        card('armed', `Armed: the next save meets “${scenario.label}”`, [
          ['Answer', scenario.answer],
          ['Why', scenario.why],
          ['The element', scenario.expect],
        ]),
      );
    },
    outcome({ scenario, status, element, entries }: Outcome) {
      const title = scenario ? `What came of “${scenario.label}”` : 'What came of the save';
      const shown = card('outcome', title, [
        ['Answer', status === 0 ? 'none: the network failed' : `HTTP ${status}`],
        ['The element', element || '—'],
        [
          'Inspector',
          entries.length === 0
            ? 'not recorded'
            : `entr${entries.length === 1 ? 'y' : 'ies'} ${entries.map((id) => `#${id}`).join(', ')}, highlighted`,
        ],
      ]);
      if (entries.length > 0) {
        const button = h(
          'button',
          { type: 'button', class: 'button button--quiet button--small briefing__link' },
          'Show in the inspector',
        );
        button.addEventListener('click', () => handlers.onShowEntries(entries, true));
        shown.append(button);
      }
      box.replaceChildren(shown);
      handlers.onShowEntries(entries, false);
    },
    clear() {
      box.replaceChildren();
    },
  };
}
