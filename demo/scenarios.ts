/**
 * The outcomes a salesperson can make the next save meet, each set up through the sandbox's own
 * fault injection (or, for an expired session, by handing the page an expired token): the real
 * element, the real BFF and the real sandbox then play it out.
 *
 * @example
 *   const scenarios = createScenarios(sandboxFaults, { retryAfterSeconds: 12, upstreamTimeoutMs });
 *   scenarios.arm('rate-limit'); // the next PATCH upstream answers 429 with Retry-After: 12
 */
import type { ScenarioInfo, ScenarioName } from './shared.js';

/** What the demo needs from the sandbox's fault injection. */
export interface FaultControl {
  /** The next upstream request answers this status and body (and headers) instead; the sandbox adds its requestId. */
  answerNext(status: number, body: unknown, headers?: Record<string, string>): void;
  /** The next `count` upstream requests get no answer for `ms`. */
  stallNext(ms: number, count: number): void;
  /** Forgets every injected fault that has not been used. */
  clearFaults(): void;
}

export interface ScenarioOptions {
  /**
   * The Retry-After of the rate-limit scenario; by default 2 s past the BFF's deadline, so the
   * BFF relays the 429 instead of waiting it out.
   */
  retryAfterSeconds?: number;
  /** The BFF's deadline for one save: the timeout scenario stalls beyond it. */
  upstreamTimeoutMs: number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const defaultRetryAfter = (upstreamTimeoutMs: number) => Math.ceil(upstreamTimeoutMs / 1000) + 2;

export function scenarioCatalogue(options: ScenarioOptions): ScenarioInfo[] {
  const { upstreamTimeoutMs } = options;
  const retryAfterSeconds = options.retryAfterSeconds ?? defaultRetryAfter(upstreamTimeoutMs);
  const deadline = seconds(upstreamTimeoutMs);
  return [
    {
      name: 'field-errors',
      label: 'Field errors',
      code: '400 fieldErrors',
      description:
        'The Partner API refuses the email and the postal code, and a field this form does not show: each message lands on its input, all of them in the summary.',
      answer:
        '400 bad_request with three fieldErrors: email, postalCode, and employerName, a field this form does not show.',
      why: 'The sandbox is told to refuse the next save whatever it holds: the values on screen are not wrong. This is how a Partner API refusal looks to the user, for rules only Boca Raton knows.',
      expect:
        'Email and Postal code turn invalid with their messages, the summary at the top lists all three and takes focus, and nothing is saved.',
    },
    {
      name: 'under-18',
      label: 'Under 18',
      code: '422 age rule',
      description: 'The Partner API answers that the user must be at least 18 years old.',
      answer: '422 unprocessable_entity: “User must be at least 18 years old”.',
      why: 'The sandbox answers as Boca Raton does for a minor’s date of birth, whatever you change: Jane’s own date of birth is fine. The element checks the age itself too, but the Partner API stays the authority.',
      expect:
        'The element shows the server’s message under the form and keeps the changes; nothing is saved.',
    },
    {
      name: 'rate-limit',
      label: 'Rate limited',
      code: `429 · wait ${retryAfterSeconds} s`,
      description: `The Partner API says to slow down for longer than the BFF’s deadline, so the BFF relays the 429: Save counts down ${retryAfterSeconds} s before it can be pressed again.`,
      answer: `429 too_many_requests with Retry-After: ${retryAfterSeconds}, longer than the BFF’s ${deadline} deadline, so the BFF relays it.`,
      why: 'Each API key has a budget of requests per minute; the sandbox plays one that is spent. A shorter wait the BFF would sit out itself.',
      expect: `Save counts down ${retryAfterSeconds} s, then works again with the same changes.`,
    },
    {
      name: 'server-error',
      label: 'Server hiccup',
      code: '503, then 200',
      description:
        'The first attempt fails; the BFF retries with the same Idempotency-Key and the change is applied once.',
      answer: '503 to the first signed attempt, then the usual 200.',
      why: 'A brief outage upstream: the BFF retries by itself, with the same Idempotency-Key, within its deadline.',
      expect: 'The user sees only “Changes saved”; the inspector shows two attempts, applied once.',
    },
    {
      name: 'timeout',
      label: 'Timeout',
      code: `504 at ${deadline}`,
      description: `The Partner API stalls past the BFF’s ${deadline} deadline; the BFF gives up and answers 504.`,
      answer: `No answer before the BFF’s ${deadline} deadline: the BFF answers 504 gateway_timeout.`,
      why: 'A Partner API that hangs must not hang the page: the BFF gives one save a deadline, retries included.',
      expect:
        'The element says the save took too long and keeps the changes; saving again reuses the key, so nothing is applied twice.',
    },
    {
      name: 'session-expired',
      label: 'Token expired',
      code: '401 → new token',
      description:
        'The page now holds an expired embed token: the save meets 401, the element asks the page for a new one and sends the save again.',
      answer:
        '401 unauthorized from the BFF: the page now holds an embed token that expired an hour ago.',
      why: 'Embed tokens live 10 minutes; a user who leaves the page open meets this on their next save.',
      expect:
        'The element asks the page’s token provider for a new token and sends the same save again, with the same Idempotency-Key: saved, with no second click.',
    },
  ];
}

export function createScenarios(faults: FaultControl, options: ScenarioOptions) {
  const { upstreamTimeoutMs } = options;
  const retryAfterSeconds = options.retryAfterSeconds ?? defaultRetryAfter(upstreamTimeoutMs);
  let armed: ScenarioName | null = null;

  function inject(name: ScenarioName) {
    switch (name) {
      case 'field-errors':
        return faults.answerNext(400, {
          error: 'bad_request',
          message: 'The request has invalid fields',
          fieldErrors: [
            { field: 'email', message: 'Must be a valid email address' },
            { field: 'postalCode', message: 'Must be a Canadian postal code, such as A1A 1A1' },
            {
              field: 'employerName',
              message: 'Employer name is required when the occupation changes',
            },
          ],
        });
      case 'under-18':
        return faults.answerNext(422, {
          error: 'unprocessable_entity',
          message: 'User must be at least 18 years old',
        });
      case 'rate-limit':
        return faults.answerNext(
          429,
          { error: 'too_many_requests', message: 'Too many requests' },
          { 'retry-after': String(retryAfterSeconds) },
        );
      case 'server-error':
        return faults.answerNext(503, {
          error: 'internal_error',
          message: 'The service is briefly unavailable',
        });
      case 'timeout':
        // Stall every attempt the BFF can make within its deadline, so none of them succeeds.
        // Each stall ends a little after the deadline: the request is then processed, late, as
        // a slow server would; saving again with the same Idempotency-Key replays it.
        return faults.stallNext(upstreamTimeoutMs + 500, 3);
      case 'session-expired':
        // Nothing upstream: the page is handed an expired token instead.
        return;
    }
  }

  return {
    catalogue: scenarioCatalogue(options),
    armed: () => armed,
    arm(name: ScenarioName) {
      faults.clearFaults();
      inject(name);
      armed = name;
    },
    disarm() {
      faults.clearFaults();
      armed = null;
    },
    /** A save has finished: the armed scenario is spent, and what it left unused is cleared. */
    spent() {
      if (armed === null) return;
      faults.clearFaults();
      armed = null;
    },
  };
}

export type Scenarios = ReturnType<typeof createScenarios>;
