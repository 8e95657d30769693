/**
 * The demo controls: brand look, language, signed-in user, the outcome of the next save, and the
 * sandbox reset. Each control calls back into the page; none of them touches the element's
 * insides: looks are stylesheet rules on `--boca-*` properties, language is its `locale`.
 *
 * @example
 *   const controls = createControls(config, { onLook, onLocale, onUser, onArm, onReset });
 */
import type { PortalConfig, ScenarioName } from '../shared.js';
import { byId, h } from './dom.js';
import { isLocale, type Locale } from './i18n.js';

export const LOOKS = ['maple', 'midnight', 'bold'] as const;
export type Look = (typeof LOOKS)[number];
export const isLook = (value: unknown): value is Look => LOOKS.includes(value as Look);

export interface ControlHandlers {
  onLook(look: Look): void;
  onLocale(locale: Locale): void;
  onUser(externalId: string): Promise<void>;
  /** Arms a scenario for the next save, or disarms with `null`. */
  onArm(name: ScenarioName | null): Promise<void>;
  onReset(): Promise<void>;
}

function radios(name: string) {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];
}

export function createControls(config: PortalConfig, handlers: ControlHandlers) {
  const userSelect = byId<HTMLSelectElement>('user-select');
  const userNote = byId('user-note');
  const briefing = byId('briefing');
  const note = (text: string) => briefing.replaceChildren(h('p', { class: 'control__hint' }, text));
  const scenarioBox = byId('scenarios');
  const buttons = new Map<ScenarioName, HTMLButtonElement>();
  let armed: ScenarioName | null = config.armed;

  for (const input of radios('look')) {
    input.addEventListener('change', () => isLook(input.value) && handlers.onLook(input.value));
  }
  for (const input of radios('locale')) {
    input.addEventListener('change', () => isLocale(input.value) && handlers.onLocale(input.value));
  }

  userSelect.replaceChildren(
    ...config.users.map((user) =>
      h('option', { value: user.externalId }, `${user.name} · ${user.externalId}`),
    ),
  );
  const describeUser = () => {
    const user = config.users.find((u) => u.externalId === userSelect.value);
    userNote.textContent = user?.note ?? '';
  };
  userSelect.addEventListener('change', async () => {
    userSelect.disabled = true;
    try {
      await handlers.onUser(userSelect.value);
      describeUser();
    } finally {
      userSelect.disabled = false;
    }
  });

  byId('scenario-note').textContent = config.sandbox
    ? 'Each button arms the sandbox for the next save only. Change a field, then press Save.'
    : (config.sandboxNote ?? 'Unavailable without the sandbox.');
  for (const scenario of config.scenarios) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'scenario',
        'aria-pressed': 'false',
        title: scenario.description,
        disabled: !config.sandbox,
      },
      h('span', { class: 'scenario__label' }, scenario.label),
      h('span', { class: 'scenario__code' }, scenario.code),
    );
    button.addEventListener(
      'click',
      () => void arm(armed === scenario.name ? null : scenario.name),
    );
    buttons.set(scenario.name, button);
    scenarioBox.append(button);
  }

  /** Arms (or with null disarms) a scenario, as its button does; false when that failed. */
  async function arm(name: ScenarioName | null): Promise<boolean> {
    try {
      await handlers.onArm(name);
      showArmed(name);
      return true;
    } catch (error) {
      note(`Could not arm the scenario: ${(error as Error).message}`);
      return false;
    }
  }

  const reset = byId<HTMLButtonElement>('reset');
  reset.disabled = !config.sandbox;
  reset.addEventListener('click', async () => {
    reset.disabled = true;
    try {
      await handlers.onReset();
      showArmed(null);
      note('Sandbox reset: every user is back to the seeded profile.');
    } finally {
      reset.disabled = false;
    }
  });

  /** Marks which scenario is armed (the server tells the page when a save has used it up). */
  function showArmed(name: ScenarioName | null) {
    armed = name;
    for (const [key, button] of buttons) {
      button.setAttribute('aria-pressed', String(key === name));
    }
  }

  return {
    arm,
    showArmed,
    armed: () => armed,
    /** While the tour plays, what would fight it (scenarios, user, reset) waits. */
    setBusy(busy: boolean) {
      for (const button of buttons.values()) button.disabled = busy || !config.sandbox;
      userSelect.disabled = busy;
      reset.disabled = busy || !config.sandbox;
    },
    setLook(look: Look) {
      for (const input of radios('look')) input.checked = input.value === look;
    },
    setLocale(locale: Locale) {
      for (const input of radios('locale')) input.checked = input.value === locale;
    },
    setUser(externalId: string) {
      userSelect.value = externalId;
      describeUser();
    },
  };
}
