/**
 * The templates that tell the user what happened: the error summary, a form-level failure in the
 * user's language, and the loading and load-failure panels shown before there is a form.
 *
 * @example
 *   html`${renderSummary(errors, { strings, locale, shown, focus })}`;
 *   html`<div role="alert">${failureText(error, { strings, locale, wait: 0 })}</div>`;
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldError } from '../../contract/api.js';
import { keyForStatus, type BffError } from './bff.js';
import { controlId } from './field.js';
import { labelOf, say, type FailureKey, type Language, type Strings } from './i18n.js';

type Context = Language;

/**
 * A failure in the user's language. The server's own words (translated when we know them) for a
 * refusal about the data (400, 404, 409, 422); ours for everything else, with the request id for
 * support when the fault is not the user's.
 */
export function failureText(
  error: BffError,
  {
    strings,
    wait = 0,
    reference: always = false,
    renewed = false,
  }: Context & {
    /** Seconds left after a 429. */
    wait?: number;
    reference?: boolean;
    /** Whether a 401 came after the token provider was asked for a new token. */
    renewed?: boolean;
  },
): TemplateResult {
  if (error.status === 429 && wait > 0) {
    const [before, after] = strings.retryIn.split('{s}');
    // Only the first announcement is read out, not every tick.
    return html`${before}<span aria-live="off">${wait}</span>${after}`;
  }
  if (error.status === 401 && renewed) return html`${strings.renewFailed}`;
  const key = (
    error.key in strings.failures ? error.key : keyForStatus(error.status)
  ) as FailureKey;
  const ours = error.status === 0 || error.status >= 500;
  // An answer that is not the BFF's own JSON (a wrong `api-base`) has no words for the user.
  if (!error.fromBff && [404, 405].includes(error.status)) return html`${strings.noService}`;
  const theirs =
    error.fromBff && !ours && error.message !== '' && [400, 404, 409, 422].includes(error.status);
  const reference =
    (ours || always) && error.requestId ? strings.reference.replace('{id}', error.requestId) : '';
  return html`${theirs ? say(error.message, strings) : strings.failures[key]}
  ${reference ? html`<span class="reference">${reference}</span>` : nothing}`;
}

/** What the status region says when no save is in flight. */
export type Said = '' | 'saved' | 'review' | 'again';

/**
 * The end of the form: a form-level failure, Save and Discard, and the polite status region
 * ("Saving…", "Changes saved", …). Save stays focusable while in flight (`aria-disabled`), so
 * focus does not fall to `<body>`.
 */
export function renderFooter(
  context: Context,
  view: {
    failure?: BffError;
    /** Seconds left of a 429 wait. */
    wait: number;
    renewed: boolean;
    dirty: boolean;
    saving: boolean;
    said: Said;
    discard(): void;
  },
): TemplateResult {
  const { strings } = context;
  const { failure, wait, dirty, saving, said } = view;
  return html`${
      failure && (failure.status !== 429 || wait > 0)
        ? html`<div part="message" class="message" role="alert" tabindex="-1">
            ${failureText(failure, { ...context, wait, renewed: view.renewed })}
          </div>`
        : nothing
    }
    <div part="actions" class="actions">
      <button
        part="submit"
        class="primary"
        type="submit"
        ?disabled=${!dirty || wait > 0}
        aria-disabled=${saving ? 'true' : nothing}
      >
        ${strings.save}
      </button>
      <button part="discard" type="button" ?disabled=${!dirty || saving} @click=${view.discard}>
        ${strings.discard}
      </button>
      <p
        part="status"
        class="status ${!saving && (said === 'saved' || said === 'review') ? 'shown' : ''}"
        role="status"
        tabindex="-1"
      >
        ${saving ? strings.saving : said ? strings[said] : ''}
      </p>
    </div>`;
}

/** The error summary: every entry, linked to its input when that input is shown. */
export function renderSummary(
  entries: FieldError[],
  { strings, shown, focus }: Context & { shown: string[]; focus(field: string): void },
): TemplateResult | typeof nothing {
  if (entries.length === 0) return nothing;
  return html`<div id="summary" part="summary" class="summary" tabindex="-1" role="alert">
    <h2 part="summary-title">${strings.summary}</h2>
    <ul>
      ${entries.map(({ field, message }) => {
        const label = labelOf(field, strings);
        const text = `${label ? `${label}: ` : ''}${say(message, strings)}`;
        const go = (event: Event) => {
          event.preventDefault();
          focus(field);
        };
        return html`<li>
          ${shown.includes(field) ? html`<a href="#${controlId(field)}" @click=${go}>${text}</a>` : text}
        </li>`;
      })}
    </ul>
  </div>`;
}

/** Placeholder rows while the profile loads (or while the element waits for a token). */
export function renderLoading(
  { strings, locale }: Omit<Context, 'strings'> & { strings: Pick<Strings, 'loading'> },
  rows: number,
): TemplateResult {
  return html`<div part="form" class="card" aria-busy="true" lang=${locale}>
    <slot name="heading"></slot>
    <p class="loading" role="status">${strings.loading}</p>
    <div class="grid" aria-hidden="true">
      ${Array.from(
        { length: rows },
        () => html`<div class="field skeleton s3"><span></span><span></span></div>`,
      )}
    </div>
  </div>`;
}

/** The load failed: say so, in the user's language, and offer to try again. */
export function renderLoadFailure(
  error: BffError,
  context: Context,
  retry: () => void,
): TemplateResult {
  const { strings, locale } = context;
  return html`<div part="form" class="card" lang=${locale}>
    <slot name="heading"></slot>
    <div part="message" class="message" role="alert">
      <strong>${strings.loadFailed}</strong>
      ${error.status === 401 ? strings.signIn : failureText(error, { ...context, reference: true })}
    </div>
    <div part="actions" class="actions">
      <button part="retry" class="primary" type="button" @click=${retry}>${strings.retry}</button>
    </div>
  </div>`;
}

/** What shows before there is a form: the load's failure, a missing session, or loading. */
export function renderWaiting(
  context: Context,
  view: { failure?: BffError; missing: boolean; rows: number; retry(): void },
): TemplateResult {
  if (view.failure) return renderLoadFailure(view.failure, context, view.retry);
  return view.missing ? renderNoSession(context) : renderLoading(context, view.rows);
}

/** Neither a token nor a way to get one came: say so rather than load forever. */
export function renderNoSession({ strings, locale }: Context): TemplateResult {
  return html`<div part="form" class="card" lang=${locale}>
    <slot name="heading"></slot>
    <div part="message" class="message" role="alert">${strings.noSession}</div>
  </div>`;
}
