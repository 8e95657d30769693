/**
 * "Play the tour": a hands-free walk through five saves (a plain one, field errors, a rate limit,
 * a 503 the BFF retries once, an expired token renewed) on the real element, with a caption for
 * each and its inspector entries highlighted. It can be stopped at any point; either way it
 * waits for a save in flight to end, then resets the sandbox.
 *
 * @example
 *   const tour = createTour(host, { delayMs: 3000 });
 *   playButton.onclick = () => tour.play();
 */
import type { ScenarioName } from '../shared.js';
import type { Outcome } from './briefing.js';
import { byId, h } from './dom.js';
import { canSave, discard, pressSave, type } from './element-view.js';

export interface TourHost {
  element(): HTMLElement;
  /** Arms a scenario (or with null disarms) through the demo controls, briefing and URL included. */
  arm(name: ScenarioName | null): Promise<boolean>;
  /** The next save's outcome, once the element has shown it and the inspector has its entries. */
  nextOutcome(): Promise<Outcome>;
  /** Resolves once no save is in flight. */
  idle(): Promise<void>;
  /** Puts the sandbox and the element back as they started. */
  reset(): Promise<void>;
  /** The tour drives the element: the controls that would fight it wait meanwhile. */
  setBusy(busy: boolean): void;
  openPanel(): void;
}

interface Step {
  title: string;
  caption: string;
  scenario: ScenarioName | null;
  /** Keep the changes the last step left unsaved (a save retried), instead of discarding them. */
  keep?: boolean;
  edits: [field: string, value: string][];
  /** The answer this step waits for before it moves on. */
  until: 'saved' | 'error';
  /** After a 429: wait for Save to work again. */
  countdown?: boolean;
}

const STEPS: Step[] = [
  {
    title: 'A save',
    caption:
      'The element sends only the changed fields. The BFF checks the embed token, signs the change and forwards it to the Partner API once.',
    scenario: null,
    edits: [
      ['city', 'Ottawa'],
      ['postalCode', 'K1A 0B1'],
    ],
    until: 'saved',
  },
  {
    title: 'Field errors',
    caption:
      'The sandbox refuses this save whatever it holds, to show where the Partner API’s field errors land: on their inputs and in the summary.',
    scenario: 'field-errors',
    edits: [['occupation', 'Portfolio Manager']],
    until: 'error',
  },
  {
    title: 'Rate limited (429)',
    caption:
      'The Partner API says to slow down, with Retry-After. Save counts down, then works again with the same changes.',
    scenario: 'rate-limit',
    edits: [['city', 'Kingston']],
    until: 'error',
    countdown: true,
  },
  {
    title: 'A 503, retried once',
    caption:
      'The same changes again. The first signed attempt meets 503; the BFF retries with the same Idempotency-Key and the change is applied once.',
    scenario: 'server-error',
    keep: true,
    edits: [],
    until: 'saved',
  },
  {
    title: 'Token renewal',
    caption:
      'The page now holds an expired embed token. The BFF answers 401; the element asks the page for a new token and sends the same save again, with no second click.',
    scenario: 'session-expired',
    edits: [['city', 'Hamilton']],
    until: 'saved',
  },
];

class Stopped extends Error {}

export function createTour(host: TourHost, options: { delayMs: number }) {
  const play = byId<HTMLButtonElement>('tour-play');
  const stop = byId<HTMLButtonElement>('tour-stop');
  const caption = byId('tour-caption');
  let running: AbortController | null = null;

  const say = (step: string, text: string) =>
    caption.replaceChildren(h('span', { class: 'tour__step' }, step), text);

  /** Settles as the promise does, or rejects as soon as the tour is stopped. */
  function guard<T>(signal: AbortSignal, promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(new Stopped());
      const stopped = () => reject(new Stopped());
      signal.addEventListener('abort', stopped, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stopped));
    });
  }
  const pause = (signal: AbortSignal, ms: number) =>
    guard(signal, new Promise((resolve) => setTimeout(resolve, ms)));

  async function until(signal: AbortSignal, test: () => boolean, limitMs: number) {
    const end = Date.now() + limitMs;
    while (!test()) {
      if (Date.now() > end) throw new Error('the element did not get there in time');
      await pause(signal, 100);
    }
  }

  async function runStep(step: Step, index: number, signal: AbortSignal) {
    say(`Step ${index + 1} of ${STEPS.length} · ${step.title}`, step.caption);
    const element = host.element();
    if (!step.keep) discard(element);
    // A step without a scenario disarms whatever was armed before the tour began.
    if (!(await guard(signal, host.arm(step.scenario)))) {
      throw new Error(`could not arm ${step.scenario ?? 'nothing'}`);
    }
    await pause(signal, options.delayMs / 2);
    for (const [field, value] of step.edits) type(host.element(), field, value);
    await pause(signal, options.delayMs / 2);
    await until(signal, () => canSave(host.element()), 5_000);
    const outcome = host.nextOutcome();
    pressSave(host.element());
    const result = await guard(signal, outcome);
    const ok = result.status >= 200 && result.status < 300;
    if (ok !== (step.until === 'saved')) {
      throw new Error(`${step.title} ended with ${result.status}`);
    }
    if (step.countdown) await until(signal, () => canSave(host.element()), 65_000);
    await pause(signal, options.delayMs);
  }

  async function run() {
    if (running) return;
    const controller = new AbortController();
    running = controller;
    play.hidden = true;
    stop.hidden = false;
    stop.focus();
    host.setBusy(true);
    host.openPanel();
    document.documentElement.dataset.touring = '';
    let ending = 'Tour complete: five saves, each recorded in the inspector. The sandbox is reset.';
    try {
      for (const [index, step] of STEPS.entries()) await runStep(step, index, controller.signal);
    } catch (error) {
      ending =
        error instanceof Stopped
          ? 'Tour stopped. The sandbox is reset.'
          : `The tour could not go on (${(error as Error).message}). The sandbox is reset.`;
    }
    say('Tour', 'Putting the sandbox back…');
    try {
      await host.idle();
      await host.reset();
    } catch (error) {
      ending = `The sandbox could not be reset (${(error as Error).message}): press Reset sandbox.`;
    }
    host.setBusy(false);
    delete document.documentElement.dataset.touring;
    running = null;
    say('Tour', ending);
    stop.hidden = true;
    play.hidden = false;
    play.focus();
  }

  play.addEventListener('click', () => void run());
  stop.addEventListener('click', () => running?.abort());
  return { play: run, stop: () => running?.abort() };
}
