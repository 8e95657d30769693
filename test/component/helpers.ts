/**
 * Shared helpers for the element's tests: a scripted `fetch`, a sample profile, shadow-DOM
 * queries and user-like edits, so each test reads as what the user does and sees.
 *
 * @example
 *   const api = stubFetch().json(200, PROFILE);
 *   const el = await mount({ 'session-token': 't' });
 *   await type(el, 'city', 'Laval');
 *   await submit(el);
 *   expect(api.calls[1]!.body).to.deep.equal({ city: 'Laval' });
 */
import { fixture, nextFrame } from '@open-wc/testing';
import type { Profile } from '../../contract/profile.js';
import '../../component/index.js';
import type { BocaUserProfile } from '../../component/index.js';
import { loadLanguage } from '../../component/internal/i18n.js';
import { SEED_PROFILE } from '../../sandbox/seed.js';

export const PROFILE: Profile = { ...SEED_PROFILE };

export interface Call {
  url: string;
  method: string;
  headers: Headers;
  /** The parsed JSON body, if any. */
  body: unknown;
}

type Answer = () => Promise<Response>;

/** A scripted `window.fetch`: records every call, answers in the order the test scripted. */
export interface FetchStub {
  calls: Call[];
  /** Queues a JSON answer. */
  json(status: number, body: unknown, headers?: Record<string, string>): FetchStub;
  /** Queues a non-JSON answer, such as another server's HTML error page. */
  page(status: number, statusText: string): FetchStub;
  /** Queues a failure to connect (fetch rejects with a TypeError). */
  offline(): FetchStub;
  /** Queues an answer that waits until the returned function is called. */
  hold(status: number, body: unknown): () => void;
  restore(): void;
}

let restoreCurrent: (() => void) | undefined;

export function stubFetch(): FetchStub {
  restoreCurrent?.();
  const original = window.fetch;
  const answers: Answer[] = [];
  const stub: FetchStub = {
    calls: [],
    json(status, body, headers = {}) {
      answers.push(async () => jsonResponse(status, body, headers));
      return stub;
    },
    page(status, statusText) {
      answers.push(
        async () =>
          new Response(`<!doctype html><title>${statusText}</title>`, {
            status,
            statusText,
            headers: { 'Content-Type': 'text/html' },
          }),
      );
      return stub;
    },
    offline() {
      answers.push(async () => {
        throw new TypeError('Failed to fetch');
      });
      return stub;
    },
    hold(status, body) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      answers.push(async () => {
        await released;
        return jsonResponse(status, body);
      });
      return release;
    },
    restore() {
      window.fetch = original;
      restoreCurrent = undefined;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const text = typeof init.body === 'string' ? init.body : undefined;
    stub.calls.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: text === undefined ? undefined : JSON.parse(text),
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`Unscripted fetch: ${init.method ?? 'GET'} ${String(input)}`);
    return answer();
  };
  restoreCurrent = stub.restore;
  return stub;
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** A BFF error body. */
export const errorBody = (
  error: string,
  message: string,
  extra: { requestId?: string; fieldErrors?: { field: string; message: string }[] } = {},
) => ({ error, message, requestId: 'req-test-1', ...extra });

export const SAVED = {
  userId: '6f1c2f9e-2d0b-4c55-9a53-0c8a3b1f7a10',
  externalId: 'partner-user-42',
  status: 'active',
  updatedAt: '2026-03-13T12:00:00Z',
};

type Attributes = Record<string, string>;

/** Mounts the element with attributes and, unless `profile: null`, the sample profile. */
export async function mount(
  attributes: Attributes = {},
  profile: Profile | null = PROFILE,
): Promise<BocaUserProfile> {
  const created = document.createElement('boca-user-profile');
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  if (profile) created.profile = profile;
  const el = await fixture<BocaUserProfile>(created);
  await settle(el);
  return el;
}

/** Waits for pending requests and renders to finish, and for the French strings when asked. */
export async function settle(el: BocaUserProfile): Promise<void> {
  await loadLanguage(el.locale);
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
  }
  await nextFrame();
}

export const root = (el: HTMLElement): ShadowRoot => el.shadowRoot!;

export const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string): T | null =>
  root(el).querySelector<T>(selector as never);

export const $$ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string): T[] => [
  ...root(el).querySelectorAll<T>(selector as never),
];

/** Whether something matches inside the shadow root (a boolean keeps failure reports short). */
export const has = (el: HTMLElement, selector: string): boolean => $(el, selector) !== null;

/** What has focus inside the element: its id, else its name, else its part; '' for nothing. */
export function focused(el: HTMLElement): string {
  const active = root(el).activeElement as HTMLInputElement | null;
  return active?.id || active?.name || active?.getAttribute('part') || '';
}

/** The control of an API field. */
export function control<T extends HTMLElement = HTMLInputElement>(
  el: HTMLElement,
  name: string,
): T {
  const found = $<T>(el, `input[name="${name}"], select[name="${name}"]`);
  if (!found) throw new Error(`No control named ${name}`);
  return found;
}

/** The text of the label of an API field's control. */
export const labelOf = (el: HTMLElement, name: string): string =>
  $(el, `label[for="${control(el, name).id}"]`)?.textContent?.trim() ?? '';

/** The text of the elements an API field's control is described by (hint and error). */
export const descriptionOf = (el: HTMLElement, name: string): string =>
  (control(el, name).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => root(el).getElementById(id)?.textContent?.trim() ?? '')
    .join(' | ');

/** The error shown next to a field, or '' when there is none. */
export const errorOf = (el: HTMLElement, name: string): string =>
  $(el, `#e-${name}`)?.textContent?.trim() ?? '';

export const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const button = (el: HTMLElement, part: string): HTMLButtonElement =>
  $<HTMLButtonElement>(el, `[part~="${part}"]`)!;

/** Replaces a field's value as a user would: input events while typing, change on leaving it. */
export async function type(el: BocaUserProfile, name: string, value: string): Promise<void> {
  const input = control<HTMLInputElement | HTMLSelectElement>(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export async function toggle(el: BocaUserProfile, name: string): Promise<void> {
  control(el, name).click();
  await el.updateComplete;
}

/** Submits the form as the Save button would, then lets the request and render finish. */
export async function submit(el: BocaUserProfile): Promise<void> {
  $<HTMLFormElement>(el, 'form')!.requestSubmit();
  await settle(el);
}

/** The status (success) live region and the form-level message. */
export const status = (el: HTMLElement): string => text($(el, '[role="status"]'));
export const message = (el: HTMLElement): string => text($(el, '[part~="message"]'));

/** Collects the events of one type fired on the element. */
export function record<K extends keyof HTMLElementEventMap>(
  el: HTMLElement,
  type: K,
): HTMLElementEventMap[K][] {
  const seen: HTMLElementEventMap[K][] = [];
  el.addEventListener(type, (event) => seen.push(event));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
