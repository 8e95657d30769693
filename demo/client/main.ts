/**
 * The demo portal's page script: it embeds <boca-user-profile> exactly as a partner would. It
 * gives the element a token provider that asks its own server for an embed token, and reacts to
 * the element's events. The demo panel (controls, scenario briefing, tour, "what happened") and
 * the page's state in its URL are wired here too.
 */
import type { ExchangesAnswer, PortalConfig, ScenarioName } from '../shared.js';
import { createBriefing, type Outcome } from './briefing.js';
import { createControls, type Look } from './controls.js';
import { byId } from './dom.js';
import { describeElement } from './element-view.js';
import { applyPortalLocale, text, type Locale } from './i18n.js';
import { createInspector } from './inspector.js';
import { createNotice } from './notice.js';
import { createNavMenu, createPanelToggle, revealInPanel } from './layout.js';
import { readPageState, tourDelay, writePageState } from './page-state.js';
import { portal } from './portal-api.js';
import { createTour } from './tour.js';

const TAG = 'boca-user-profile';
let locale: Locale = 'en';
let config: PortalConfig;

const element = () => document.querySelector(TAG)!;
const panel = byId('demo-panel');
const { say, unsay } = createNotice(element);

function showSignedIn() {
  const user = config.signedIn;
  byId('signed-in-name').textContent = user.name;
  byId('signed-in-id').textContent = user.externalId;
  byId('avatar').textContent = user.name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const pill = byId('account-status');
  pill.dataset.status = user.status;
  pill.textContent = text(
    locale,
    user.status === 'pendingCompliance' ? 'statusPendingCompliance' : 'statusActive',
  );
}

/**
 * The element's token provider: the portal's own endpoint mints a token for whoever is signed in.
 * The element calls it before its first request and again after a 401.
 */
let tokens = 0;
let renewed = false;
async function provideToken(): Promise<string> {
  const { token } = await portal.session();
  // The first token is the page's start; any later one renews an expired session.
  if (tokens++ > 0) renewed = true;
  return token;
}

/** Embeds the element, as a partner's page does. */
function embed(target: HTMLElementTagNameMap[typeof TAG]) {
  target.setAttribute('api-base', '/api');
  target.setAttribute('locale', locale);
  target.tokenProvider = provideToken;
}

/** A fresh element for a newly signed-in user (or a reset sandbox), so it loads that profile. */
function replaceElement(): void {
  const fresh = document.createElement(TAG);
  fresh.id = 'profile';
  tokens = 0;
  embed(fresh);
  const old = element();
  // The portal's slotted heading moves over to the new element.
  fresh.append(...old.children);
  old.replaceWith(fresh);
}

function setLook(next: Look) {
  document.documentElement.dataset.look = next;
  writePageState({ look: next });
}

function setLocale(next: Locale) {
  locale = next;
  applyPortalLocale(next);
  element().setAttribute('locale', next);
  showSignedIn();
  writePageState({ lang: next });
}

// The "what happened" panel polls the server: quickly while a save is on its way.
let inspector: ReturnType<typeof createInspector>;
let controls: ReturnType<typeof createControls>;
let briefing: ReturnType<typeof createBriefing>;
let version = -1;
let timer: ReturnType<typeof setTimeout> | undefined;

async function poll() {
  clearTimeout(timer);
  let pending = false;
  try {
    const answer: ExchangesAnswer = await portal.exchanges(version);
    version = answer.version;
    if (controls && controls.armed() !== answer.armed) {
      controls.showArmed(answer.armed);
      if (answer.armed === null) writePageState({ scenario: null });
    }
    if (answer.exchanges) {
      inspector.render(answer.exchanges, config.upstreamTimeoutMs);
      pending = answer.exchanges.some((exchange) => exchange.status === null);
    }
  } catch {
    // The server may be restarting; keep trying at the slow pace.
  }
  timer = setTimeout(poll, save || pending ? 250 : 1500);
}

/** The save in flight: which scenario it meets and the last inspector entry before it. */
let save: { scenario: ScenarioName | null; after: number; done: Promise<void> } | null = null;
let saveDone = () => {};
const outcomeListeners: ((outcome: Outcome) => void)[] = [];

document.addEventListener('boca-save', () => {
  unsay();
  const done = new Promise<void>((resolve) => (saveDone = resolve));
  const after = Math.max(0, ...inspector.entries().map((exchange) => exchange.id));
  save = { scenario: controls.armed(), after, done };
  void poll();
});

/** Once the element has drawn its answer: what it shows, and the inspector entries of the save. */
async function finishSave(status: number, renewedToken: boolean) {
  const current = save;
  save = null;
  saveDone();
  if (!current) return;
  await element().updateComplete;
  let entries: number[] = [];
  for (let tries = 0; tries < 20 && entries.length === 0; tries++) {
    const answer = await portal.exchanges(-1).catch(() => null);
    if (answer?.exchanges) {
      version = answer.version;
      inspector.render(answer.exchanges, config.upstreamTimeoutMs);
      entries = answer.exchanges
        .filter((e) => e.method === 'PATCH' && e.id > current.after && e.status !== null)
        .map((e) => e.id);
    }
    if (entries.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const outcome: Outcome = {
    scenario: config.scenarios.find((s) => s.name === current.scenario) ?? null,
    status,
    element: [
      renewedToken &&
        'Asked the page’s token provider for a new token after the 401, and sent the same save again.',
      describeElement(element()),
    ]
      .filter(Boolean)
      .join(' '),
    entries,
  };
  briefing.outcome(outcome);
  for (const listener of outcomeListeners.splice(0)) listener(outcome);
  void poll();
}

document.addEventListener('boca-saved', (event) => {
  const { result, profile } = (event as CustomEvent).detail ?? {};
  if (profile?.firstName) {
    config.signedIn.name = `${profile.firstName} ${profile.lastName ?? ''}`.trim();
  }
  if (typeof result?.status === 'string') config.signedIn.status = result.status;
  showSignedIn();
  // The element confirms the save (and a review, when there is one) itself; the portal adds
  // what only it knows: that it minted a new token on the way.
  if (renewed) say(text(locale, 'renewed'), 'success');
  void finishSave(200, renewed);
  renewed = false;
});

document.addEventListener('boca-error', (event) => {
  void finishSave((event as CustomEvent).detail?.status ?? 0, renewed);
  renewed = false;
});

/** Every user back as seeded, nothing armed, and a fresh element showing the seeded profile. */
async function resetSandbox() {
  config = await portal.reset();
  unsay();
  writePageState({ scenario: null });
  controls.showArmed(null);
  showSignedIn();
  replaceElement();
  void poll();
}

byId('clear-log').addEventListener('click', async () => {
  await portal.clearExchanges();
  void poll();
});

async function start() {
  config = await portal.config();
  const state = readPageState(config.scenarios.map((scenario) => scenario.name));
  locale = state.lang;
  inspector = createInspector(
    byId<HTMLOListElement>('exchanges'),
    byId('exchanges-empty'),
    new Map(config.scenarios.map((scenario) => [scenario.name, scenario.label])),
  );
  briefing = createBriefing(byId('briefing'), {
    // The outcome first, with the entries' headlines under it; the button goes to the entries.
    onShowEntries: (ids, reveal) => {
      const entry = inspector.highlight(ids);
      revealInPanel(panel, reveal ? entry : byId('briefing'));
    },
  });
  const panelToggle = createPanelToggle((next) => writePageState({ panel: next }));
  panelToggle.set(state.panel);
  writePageState({ panel: state.panel });
  createNavMenu();
  setLook(state.look);
  setLocale(state.lang);
  controls = createControls(config, {
    onLook: setLook,
    onLocale: setLocale,
    async onUser(externalId) {
      config = await portal.signIn(externalId);
      unsay();
      briefing.clear();
      showSignedIn();
      replaceElement();
    },
    async onArm(name: ScenarioName | null) {
      const answer = await portal.arm(name);
      if (answer.token) element().setAttribute('session-token', answer.token);
      writePageState({ scenario: name });
      const scenario = config.scenarios.find((s) => s.name === name);
      if (scenario) briefing.armed(scenario);
      else briefing.clear();
    },
    async onReset() {
      await resetSandbox();
      briefing.clear();
    },
  });
  controls.setLook(state.look);
  controls.setLocale(state.lang);
  controls.setUser(config.signedIn.externalId);
  showSignedIn();
  embed(element());

  createTour(
    {
      element,
      arm: (name) => controls.arm(name),
      nextOutcome: () => new Promise((resolve) => outcomeListeners.push(resolve)),
      idle: async () => void (await save?.done),
      reset: resetSandbox,
      setBusy: (busy) => controls.setBusy(busy),
      openPanel() {
        panelToggle.set('open');
        writePageState({ panel: 'open' });
      },
    },
    { delayMs: tourDelay(3000) },
  );

  if (state.scenario) await controls.arm(state.scenario);
  else if (config.armed) await controls.arm(null);
  void poll();
}

start().catch((error: unknown) => {
  console.error(error);
  say(`The demo could not start: ${(error as Error).message}`);
});
