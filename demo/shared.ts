/**
 * The JSON the demo portal's own endpoints (`/portal/*`) exchange with its page: shared by the
 * server and the browser script so the two cannot drift. Types only; nothing here runs.
 *
 * @example
 *   const config: PortalConfig = await (await fetch('/portal/config')).json();
 */

export type ScenarioName =
  'field-errors' | 'under-18' | 'rate-limit' | 'server-error' | 'timeout' | 'session-expired';

export interface ScenarioInfo {
  name: ScenarioName;
  label: string;
  /** The outcome in HTTP terms, e.g. `429 · Retry-After 8 s`. */
  code: string;
  /** What the next save will meet, in one sentence. */
  description: string;
  /** What the sandbox (or the page) will answer, in HTTP terms. */
  answer: string;
  /** Why it answers so: what the scenario stands for, so nobody takes it for a bug. */
  why: string;
  /** What the element will show the user. */
  expect: string;
}

export interface DemoUserInfo {
  externalId: string;
  name: string;
  /** One line for the salesperson: what is special about this user. */
  note: string;
}

/** `GET /portal/config`: what the page needs to draw the portal and its demo controls. */
export interface PortalConfig {
  brand: string;
  signedIn: DemoUserInfo & { status: string };
  users: DemoUserInfo[];
  /** False when the demo runs against a real Partner API: no fault injection then. */
  sandbox: boolean;
  /** Why the scenario buttons are disabled, when they are. */
  sandboxNote?: string;
  scenarios: ScenarioInfo[];
  /** The BFF's overall deadline for one save, retries included. */
  upstreamTimeoutMs: number;
  /** The scenario armed for the next save, if any. */
  armed: ScenarioName | null;
}

/** `POST /portal/scenario`. */
export interface ScenarioAnswer {
  armed: ScenarioName | null;
  message: string;
  /** For `session-expired`: a token that is already expired, for the page to set. */
  token?: string;
}

/** One HTTP message as the "what happened" panel shows it; secrets are already redacted. */
export interface ShownMessage {
  headers: Record<string, string>;
  body: string;
}

/** One signed call from the BFF to the Partner API. */
export interface UpstreamAttempt {
  attempt: number;
  /** Milliseconds after the browser's request reached the server. */
  startMs: number;
  durationMs: number | null;
  method: string;
  url: string;
  request: ShownMessage;
  /** The canonical request string that was signed. */
  canonical: string;
  /** Whether the server, holding the secret, finds the signature right. */
  signatureValid: boolean;
  status: number | null;
  response: ShownMessage | null;
  /** Why no answer came: aborted at the deadline, connection dropped… */
  failure: string | null;
}

/** One request from the browser to the BFF, with everything it caused upstream. */
export interface Exchange {
  id: number;
  /** ISO time the request arrived. */
  at: string;
  method: string;
  path: string;
  request: ShownMessage;
  status: number | null;
  response: ShownMessage | null;
  durationMs: number | null;
  /** The scenario this request met, if one was armed. */
  scenario: ScenarioName | null;
  upstream: UpstreamAttempt[];
}

/**
 * `GET /portal/exchanges?since=<version>`: the recent exchanges, newest last, or `null` when
 * nothing changed since that version.
 */
export interface ExchangesAnswer {
  version: number;
  /** The scenario still armed for the next save. */
  armed: ScenarioName | null;
  exchanges: Exchange[] | null;
}
