/**
 * The "what happened" panel: every request the browser made to the BFF, each signed attempt the
 * BFF made to the Partner API (canonical string, signature, answer, timing), and the answer the
 * browser got. It only draws what `/portal/exchanges` sends, which the server has redacted.
 *
 * @example
 *   const inspector = createInspector(byId('exchanges'), byId('exchanges-empty'));
 *   inspector.render(answer.exchanges, deadlineMs);
 */
import type { Exchange, ShownMessage, UpstreamAttempt } from '../shared.js';
import { h } from './dom.js';

const statusClass = (status: number | null) => (status === null ? 'x' : String(status)[0]);

const ms = (value: number | null) =>
  value === null
    ? '…'
    : value < 1000
      ? `${Math.round(value)} ms`
      : `${(value / 1000).toFixed(2)} s`;

function pretty(body: string): string {
  if (body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headerBlock(headers: Record<string, string>, secretHeaders: string[] = []) {
  const block = h('pre', { class: 'code' });
  for (const [name, value] of Object.entries(headers)) {
    const secret = secretHeaders.includes(name.toLowerCase());
    block.append(
      h('span', { class: 'code__key' }, `${name}: `),
      h('span', { class: secret ? 'code__secret' : undefined }, value),
      '\n',
    );
  }
  if (block.childNodes.length === 0) block.append('(none)');
  return block;
}

function message(label: string, shown: ShownMessage, secretHeaders?: string[]) {
  return [
    h('span', { class: 'code__label' }, `${label} headers`),
    headerBlock(shown.headers, secretHeaders),
    h('span', { class: 'code__label' }, `${label} body`),
    h('pre', { class: 'code' }, pretty(shown.body)),
  ];
}

function attemptView(attempt: UpstreamAttempt) {
  const outcome =
    attempt.status === null
      ? h('span', { class: 'status', 'data-class': 'x' }, 'none')
      : h('span', { class: 'status', 'data-class': statusClass(attempt.status) }, attempt.status);
  return h(
    'div',
    { class: 'hop hop--upstream' },
    h(
      'p',
      { class: 'hop__title' },
      h('span', {}, `BFF → Partner API · attempt ${attempt.attempt}`),
      h('span', { class: 'timing' }, `at +${ms(attempt.startMs)} · took ${ms(attempt.durationMs)}`),
    ),
    h('pre', { class: 'code' }, `${attempt.method} ${attempt.url}`),
    ...message('Signed request', attempt.request, ['x-request-signature', 'x-api-key']),
    h('span', { class: 'code__label' }, 'Canonical string (what was signed)'),
    h('pre', { class: 'code' }, attempt.canonical),
    h(
      'p',
      { class: attempt.signatureValid ? 'hop__note signature-ok' : 'hop__note signature-bad' },
      attempt.signatureValid
        ? '✓ HMAC-SHA256 of the canonical string with the signing secret (checked on the server)'
        : '✗ the signature does not match the canonical string',
    ),
    h(
      'p',
      { class: 'hop__note' },
      'Answer: ',
      outcome,
      attempt.failure ? ` ${attempt.failure}` : '',
    ),
    ...(attempt.response ? message('Answer', attempt.response) : []),
  );
}

function exchangeView(
  exchange: Exchange,
  open: boolean,
  highlighted: boolean,
  deadlineMs: number,
  labels: ReadonlyMap<string, string>,
) {
  const pending = exchange.status === null;
  const time = new Date(exchange.at).toLocaleTimeString();
  const retries =
    exchange.upstream.length > 1 ? `${exchange.upstream.length} attempts upstream` : '';
  const scenario = exchange.scenario ? (labels.get(exchange.scenario) ?? exchange.scenario) : null;
  const details = h(
    'details',
    {
      class: highlighted ? 'exchange is-highlighted' : 'exchange',
      'data-id': String(exchange.id),
      open,
    },
    h(
      'summary',
      {},
      h(
        'span',
        { class: 'status', 'data-class': pending ? '1' : statusClass(exchange.status) },
        pending ? '…' : exchange.status,
      ),
      h('span', { class: 'exchange__what' }, `${exchange.method} ${exchange.path}`),
      h(
        'span',
        { class: 'exchange__meta' },
        pending
          ? h('span', { class: 'elapsed', 'data-at': exchange.at }, '…')
          : ms(exchange.durationMs),
      ),
      h(
        'span',
        { class: 'exchange__sub' },
        [time, scenario && `scenario: ${scenario}`, retries].filter(Boolean).join(' · '),
      ),
    ),
  );
  const body = h('div', { class: 'exchange__body' });
  body.append(
    h(
      'div',
      { class: 'hop' },
      h('p', { class: 'hop__title' }, h('span', {}, 'Browser → BFF')),
      ...message('Request', exchange.request, ['authorization']),
    ),
  );
  if (exchange.method === 'GET' && exchange.upstream.length === 0 && !pending) {
    body.append(
      h(
        'p',
        { class: 'hop__note' },
        'Answered from the portal’s own records through the loadProfile hook: the Partner API’s Get User has no profile fields.',
      ),
    );
  }
  for (const attempt of exchange.upstream) body.append(attemptView(attempt));
  if (pending) {
    body.append(
      h(
        'p',
        { class: 'hop__note' },
        `Waiting… the BFF gives one save ${ms(deadlineMs)} in all, retries included.`,
      ),
    );
  } else if (exchange.response) {
    body.append(
      h(
        'div',
        { class: 'hop' },
        h(
          'p',
          { class: 'hop__title' },
          h('span', {}, 'BFF → Browser'),
          h('span', { class: 'timing' }, `total ${ms(exchange.durationMs)}`),
        ),
        ...message('Answer', exchange.response),
      ),
    );
  }
  details.append(body);
  return h('li', {}, details);
}

export function createInspector(
  list: HTMLOListElement,
  empty: HTMLElement,
  /** Scenario names and the labels the demo controls show for them. */
  labels: ReadonlyMap<string, string> = new Map(),
) {
  const opened = new Set<number>();
  const closed = new Set<number>();
  let highlighted = new Set<number>();
  let last: Exchange[] = [];
  let deadline = 0;
  list.addEventListener(
    'toggle',
    (event) => {
      const details = event.target as HTMLDetailsElement;
      const id = Number(details.dataset.id);
      (details.open ? opened : closed).add(id);
      (details.open ? closed : opened).delete(id);
    },
    true,
  );

  // Pending requests show how long they have waited, against the BFF's deadline.
  setInterval(() => {
    for (const span of list.querySelectorAll<HTMLElement>('.elapsed')) {
      const waited = Date.now() - Date.parse(span.dataset.at ?? '');
      span.textContent = `waiting ${(waited / 1000).toFixed(1)} s`;
    }
  }, 100);

  function render(exchanges: Exchange[], deadlineMs: number) {
    last = exchanges;
    deadline = deadlineMs;
    empty.hidden = exchanges.length > 0;
    const newest = exchanges.at(-1)?.id;
    const items = [...exchanges]
      .reverse()
      .map((exchange) =>
        exchangeView(
          exchange,
          opened.has(exchange.id) ||
            highlighted.has(exchange.id) ||
            (exchange.id === newest && !closed.has(exchange.id)),
          highlighted.has(exchange.id),
          deadlineMs,
          labels,
        ),
      );
    list.replaceChildren(...items);
  }

  return {
    render,
    /** The entries drawn last, oldest first. */
    entries: () => last,
    /** Marks these entries (and only these) and opens them; returns the newest of them. */
    highlight(ids: number[]): HTMLElement | null {
      highlighted = new Set(ids);
      render(last, deadline);
      return list.querySelector<HTMLElement>('.is-highlighted');
    },
  };
}
