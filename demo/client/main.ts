/**
 * The demo portal's page script: it embeds <boca-user-profile> exactly as a partner would. It asks
 * its own server for an embed token, sets `session-token`, renews the token when the element says
 * the session expired, and reacts to the element's events. The demo controls and the "what
 * happened" panel are wired here too.
 */
import type { ExchangesAnswer, PortalConfig, ScenarioName } from '../shared.js';
import { createControls, isLook, type Look } from './controls.js';
import { byId } from './dom.js';
import { applyPortalLocale, isLocale, text, type Locale } from './i18n.js';
import { createInspector } from './inspector.js';
import { portal } from './portal-api.js';

const TAG = 'boca-user-profile';
const stored = (key: string) => {
  try {
    return new URL(location.href).searchParams.get(key) ?? localStorage.getItem(`maple-${key}`);
  } catch {
    return null;
  }
};
const remember = (key: string, value: string) => {
  try {
    localStorage.setItem(`maple-${key}`, value);
  } catch {
    // Private windows may refuse storage; the choice then lasts until the next reload.
  }
  const url = new URL(location.href);
  url.searchParams.set(key, value);
  history.replaceState(null, '', url);
};

let locale: Locale = isLocale(stored('lang')) ? (stored('lang') as Locale) : 'en';
let look: Look = isLook(stored('look')) ? (stored('look') as Look) : 'maple';
let config: PortalConfig;

const element = () => document.querySelector<HTMLElement>(TAG)!;
const notice = byId('notice');

function say(message: string, kind: 'info' | 'success' = 'info') {
  notice.dataset.kind = kind;
  notice.textContent = message;
  notice.hidden = false;
}

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

/** Mints a new embed token on the portal's server and hands it to the element. */
async function renewToken(): Promise<void> {
  const { token } = await portal.session();
  element().setAttribute('session-token', token);
}

/** A fresh element for a newly signed-in user, so it loads that user's profile. */
async function replaceElement(): Promise<void> {
  const fresh = document.createElement(TAG);
  fresh.id = 'profile';
  fresh.setAttribute('api-base', '/api');
  fresh.setAttribute('locale', locale);
  const { token } = await portal.session();
  fresh.setAttribute('session-token', token);
  const old = element();
  // The portal's slotted heading moves over to the new element.
  fresh.append(...old.children);
  old.replaceWith(fresh);
}

function setLook(next: Look) {
  look = next;
  document.documentElement.dataset.look = next;
  remember('look', next);
}

function setLocale(next: Locale) {
  locale = next;
  applyPortalLocale(next);
  element().setAttribute('locale', next);
  showSignedIn();
  remember('lang', next);
}

// The "what happened" panel polls the server: quickly while a save is on its way.
let inspector: ReturnType<typeof createInspector> | undefined;
let version = -1;
let saving = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let controls: ReturnType<typeof createControls>;

async function poll() {
  clearTimeout(timer);
  let pending = false;
  try {
    const answer: ExchangesAnswer = await portal.exchanges(version);
    version = answer.version;
    controls?.showArmed(answer.armed);
    if (answer.exchanges) {
      inspector?.render(answer.exchanges, config.upstreamTimeoutMs);
      pending = answer.exchanges.some((exchange) => exchange.status === null);
    }
  } catch {
    // The server may be restarting; keep trying at the slow pace.
  }
  timer = setTimeout(poll, saving || pending ? 250 : 1500);
}

document.addEventListener('boca-save', () => {
  saving = true;
  notice.hidden = true;
  void poll();
});

document.addEventListener('boca-saved', (event) => {
  saving = false;
  const { result, profile } = (event as CustomEvent).detail ?? {};
  if (profile?.firstName) {
    config.signedIn.name = `${profile.firstName} ${profile.lastName ?? ''}`.trim();
  }
  if (typeof result?.status === 'string') config.signedIn.status = result.status;
  showSignedIn();
  // The element confirms the save itself; the portal adds what only it knows.
  if (result?.status === 'pendingCompliance') say(text(locale, 'savedPending'), 'success');
  void poll();
});

document.addEventListener('boca-error', () => {
  saving = false;
  void poll();
});

document.addEventListener('boca-session-expired', async () => {
  saving = false;
  try {
    await renewToken();
    say(text(locale, 'renewed'));
  } catch {
    say(text(locale, 'renewFailed'));
  }
  void poll();
});

byId('clear-log').addEventListener('click', async () => {
  await portal.clearExchanges();
  void poll();
});

async function start() {
  config = await portal.config();
  inspector = createInspector(
    byId<HTMLOListElement>('exchanges'),
    byId('exchanges-empty'),
    new Map(config.scenarios.map((scenario) => [scenario.name, scenario.label])),
  );
  setLook(look);
  setLocale(locale);
  controls = createControls(config, {
    onLook: setLook,
    onLocale: setLocale,
    async onUser(externalId) {
      config = await portal.signIn(externalId);
      notice.hidden = true;
      showSignedIn();
      await replaceElement();
    },
    async onArm(name: ScenarioName | null) {
      const answer = await portal.arm(name);
      if (answer.token) element().setAttribute('session-token', answer.token);
      return answer.message;
    },
    async onReset() {
      config = await portal.reset();
      notice.hidden = true;
      showSignedIn();
      await replaceElement();
      void poll();
    },
  });
  controls.setLook(look);
  controls.setLocale(locale);
  controls.setUser(config.signedIn.externalId);
  showSignedIn();
  await renewToken();
  void poll();
}

start().catch((error: unknown) => {
  console.error(error);
  say(`The demo could not start: ${(error as Error).message}`);
});
