/**
 * `<boca-user-profile>`: the profile editor a partner embeds in its portal.
 *
 * @example
 *   <script type="module" src="/boca-user-profile.js"></script>
 *   <boca-user-profile api-base="/api" session-token="eyJ…" locale="fr"></boca-user-profile>
 */
import {
  LitElement,
  html,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type { FieldError, UpdateUserResponse } from '../contract/api.js';
import type { Locale } from '../contract/messages.js';
import { isoDate, type Profile, type UpdateUserRequest } from '../contract/profile.js';
import { styles } from './boca-user-profile.styles.js';
import { asBffError, getProfile, patchProfile, type BffError } from './internal/bff.js';
import { afterSave, formValues, pendingChanges, type FormValues } from './internal/changes.js';
import { Countdown } from './internal/countdown.js';
import {
  BocaSaveEvent,
  BocaSavedEvent,
  BocaSessionExpiredEvent,
  errorEvent,
} from './internal/events.js';
import { controlId, renderField } from './internal/field.js';
import { listedFields, shownFields } from './internal/fields.js';
import { FRENCH_LOADING, language, loadLanguage, say, type Language } from './internal/i18n.js';
import { Focus } from './internal/focus.js';
import {
  renderFooter,
  renderLoading,
  renderSummary,
  renderWaiting,
  type Said,
} from './internal/notices.js';
import { IdempotencyKeys, keepsKey } from './internal/idempotency.js';
import { Press } from './internal/press.js';
import { Request } from './internal/request.js';
import { Session, type TokenProvider } from './internal/session.js';

type Saved = { changes: UpdateUserRequest; result: UpdateUserResponse };

/**
 * Lets a signed-in user see and edit their Boca Raton profile. It loads the values from the BFF
 * (or takes them from `profile`), checks edits with the same rules as the server, sends only the
 * changed fields, and shows every answer in the user's language.
 *
 * @summary An accessible, bilingual profile editor for Boca Raton partners' portals.
 *
 * @fires {BocaSaveEvent} boca-save - Before a save request; cancelable. `detail.changes` holds only the changed fields.
 * @fires {BocaSavedEvent} boca-saved - The update succeeded. `detail`: `{ result, profile }`.
 * @fires {BocaErrorEvent} boca-error - A load or save request failed (non-2xx or network). `detail`: `{ status, error, message, requestId, fieldErrors }`.
 * @fires {BocaSessionExpiredEvent} boca-session-expired - The BFF answered 401 (after a renewal through `tokenProvider`, when there is one): set a new `session-token`.
 *
 * @slot heading - Optional content above the fields, such as a title.
 *
 * @csspart form - The form (and the loading or load-failure panel in its place).
 * @csspart summary - The error summary at the top, focused when a save is refused.
 * @csspart summary-title - The error summary's heading.
 * @csspart field - The wrapper of one field: label, control, hint and error.
 * @csspart label - A field's label.
 * @csspart input - Every control: text inputs, selects and the checkbox.
 * @csspart select - The province and country selects (also `input`).
 * @csspart checkbox - The CIRO affiliation checkbox (also `input`).
 * @csspart hint - A field's help text.
 * @csspart error - A field's error message.
 * @csspart message - A form-level message: a refused or failed save, a failed load, or a missing session.
 * @csspart actions - The row of buttons.
 * @csspart submit - The "Save changes" button.
 * @csspart discard - The "Discard changes" button.
 * @csspart retry - The "Try again" button after a failed load.
 * @csspart status - The polite live region: "Saving…", "Changes saved" (or under review), and that Save works again after a wait.
 *
 * @cssprop [--boca-font=system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif] - Font family.
 * @cssprop [--boca-font-size=1rem] - Base font size.
 * @cssprop [--boca-text=#1f2937] - Text colour.
 * @cssprop [--boca-muted=#5f6673] - Hints and secondary text.
 * @cssprop [--boca-background=#ffffff] - The card's background.
 * @cssprop [--boca-surface=#ffffff] - Background of inputs, selects and the checkbox panel.
 * @cssprop [--boca-border=#d3d7de] - Borders of the card and the inputs.
 * @cssprop [--boca-accent=#2563eb] - The accent: Save, the checkbox, the focus ring.
 * @cssprop [--boca-accent-text=#ffffff] - Text on the accent colour.
 * @cssprop [--boca-error=#b42318] - Error messages, invalid borders and the summary.
 * @cssprop [--boca-success=#157347] - The "Changes saved" confirmation.
 * @cssprop [--boca-radius=0.5rem] - Corner radius of inputs and buttons (the card's is twice it).
 * @cssprop [--boca-spacing=1rem] - The base gap; the other spaces are multiples of it.
 * @cssprop [--boca-focus-ring=0 0 0 3px color-mix(in srgb, var(--boca-accent) 35%, transparent)] - The focus indicator's box shadow.
 * @cssprop [--boca-shadow=0 1px 2px rgb(16 24 40 / 0.05), 0 8px 24px rgb(16 24 40 / 0.06)] - The card's shadow.
 * @cssprop [--boca-color-scheme=light] - `light` or `dark`, for native controls such as select menus.
 */
export class BocaUserProfile extends LitElement {
  static override styles = styles;

  // Declared here rather than with decorators: the decorator helpers cost about 0.6 KB gzip in
  // the self-contained bundle. Each field below says what it holds; state is never an attribute.
  static override properties: PropertyDeclarations = {
    _baseline: { state: true },
    _values: { state: true },
    _errors: { state: true },
    _summary: { state: true },
    _failure: { state: true },
    _said: { state: true },
    apiBase: { attribute: 'api-base' },
    sessionToken: { attribute: 'session-token' },
    locale: {},
    profile: { attribute: false },
    fields: {},
    readonlyFields: { attribute: 'readonly-fields' },
    tokenProvider: { attribute: false },
  };

  private readonly _countdown = new Countdown(this, window, () => this._waitOver());
  private readonly _keys = new IdempotencyKeys();
  private readonly _session = new Session(
    this,
    () => !this.sessionToken && !this.tokenProvider && !this.profile,
  );
  private readonly _focus = new Focus(this);
  private readonly _press = new Press();

  private readonly _load = new Request(
    this,
    (signal) => this._session.send((token) => getProfile(this.apiBase, token, signal)),
    (profile: Profile) => {
      if (!this.profile) this._adopt(profile);
    },
    (error) => this._failed(error),
  );

  private readonly _save = new Request(
    this,
    async (signal, changes: UpdateUserRequest, key: string): Promise<Saved> => ({
      changes,
      result: await this._session.send((token) =>
        patchProfile(this.apiBase, token, changes, key, signal),
      ),
    }),
    (saved) => this._succeeded(saved),
    (error) => this._failed(error, true),
  );

  /** The last loaded or saved profile: what edits are compared with. */
  private _baseline?: Profile;
  private _values?: FormValues;
  /** Field → English message, localised when shown. */
  private _errors: Record<string, string> = {};
  private _summary: FieldError[] = [];
  private _failure?: BffError;
  /** What the status region says when no save is in flight. */
  private _said: Said = '';
  /** The language of the last render: kept while another one is on its way. */
  private _spoken?: Language;

  /** Where the BFF is mounted. */
  apiBase = '/api';

  /**
   * The embed token sent as `Authorization: Bearer …`; set a new one after
   * `boca-session-expired`, or give a `tokenProvider` instead.
   */
  sessionToken?: string;

  /** `en` (default) or `fr` (also `fr-CA`): the language of every label and message. */
  locale: Locale = 'en';

  /** Initial values; when not set, they are loaded from `GET {api-base}/profile`. */
  profile?: Profile;

  /** Comma-separated list and order of the fields to show; unknown names are ignored. */
  fields?: string;

  /**
   * Comma-separated fields shown read-only (`readonly`, or `aria-readonly` on a select or the
   * checkbox) and never sent, for identity fields a partner locks after verification.
   */
  readonlyFields?: string;

  /**
   * Resolves with a fresh embed token: asked before the first request when there is no
   * `session-token`, and after a 401, when the same request is sent again (same
   * `Idempotency-Key`), once.
   */
  tokenProvider?: TokenProvider;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') && !language(this.locale)) {
      void loadLanguage(this.locale).then(() => this.requestUpdate());
    }
    if (changed.has('profile') && this.profile) this._adopt(this.profile);
    if (changed.has('sessionToken')) this._session.token = this.sessionToken;
    this._session.provider = this.tokenProvider;
    // Without `profile`, load once a token (or a way to get one) is there; a new one retries a
    // failed load. A failed save's message stays until the user acts on it.
    const loadInputsChanged = (
      ['sessionToken', 'tokenProvider', 'apiBase', 'profile'] as const
    ).some((key) => changed.has(key));
    if (!this._baseline && loadInputsChanged) {
      if ((this.sessionToken || this.tokenProvider) && !this.profile) void this._load.run();
      else this._load.reset();
    }
  }

  private _adopt(profile: Profile): void {
    this._baseline = { ...profile };
    this._reset();
  }

  private _reset(): void {
    this._values = formValues(this._baseline!);
    this._errors = {};
    this._summary = [];
    // A running 429 wait stays explained even when the edits are discarded.
    if (this._countdown.remaining === 0) this._failure = undefined;
    this._said = '';
  }

  /** The changes to send: a read-only field counts as its baseline, whatever its control says. */
  private _pending() {
    const locked = formValues(this._baseline!);
    const values = { ...this._values! };
    for (const field of listedFields(this.readonlyFields)) values[field] = locked[field];
    return pendingChanges(values, this._baseline!, isoDate(Date.now()));
  }

  private _onInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    const field = control.name;
    if (!field || !this._values) return;
    this._values = {
      ...this._values,
      [field]: control.type === 'checkbox' ? control.checked : control.value,
    };
    this._said = '';
    // Validate on change (blur after an edit); while an error shows, re-check as the user types.
    // A blur by a press on Save shows its error after the click, which then checks everything.
    if (event.type === 'change' || this._errors[field]) this._press.later(() => this._check(field));
  }

  private _check(field: string): void {
    const error = this._pending().errors.find((entry) => entry.field === field);
    this._errors = { ...this._errors, [field]: error?.message ?? '' };
  }

  private async _showErrors(errors: FieldError[]): Promise<void> {
    const shown = shownFields(this.fields) as string[];
    this._errors = Object.fromEntries(
      errors.filter((entry) => shown.includes(entry.field)).map((e) => [e.field, e.message]),
    );
    this._summary = errors;
    void this._focus.reveal('#summary');
  }

  private _onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this._save.status === 'pending' || this._countdown.remaining > 0) return;
    const { changes, errors } = this._pending();
    this._failure = undefined;
    this._said = '';
    if (errors.length > 0) {
      void this._showErrors(errors);
      return;
    }
    if (Object.keys(changes).length === 0) return;
    if (!this.dispatchEvent(new BocaSaveEvent({ changes }))) return;
    this._errors = {};
    this._summary = [];
    void this._save.run(changes, this._keys.keyFor(changes));
  }

  private _succeeded({ changes, result }: Saved): void {
    this._keys.retire();
    this._baseline = { ...this._baseline!, ...changes };
    this._values = afterSave(this._values!, this._baseline, changes, isoDate(Date.now()));
    // A changed legal name, date of birth or CIRO affiliation may wait for a compliance review.
    this._said = result.status === 'pendingCompliance' ? 'review' : 'saved';
    this.dispatchEvent(new BocaSavedEvent({ result, profile: { ...this._baseline } }));
    void this._focus.keep();
  }

  private _failed(caught: unknown, saving = false): void {
    const error = asBffError(caught);
    this.dispatchEvent(errorEvent(error));
    if (error.status === 401) this.dispatchEvent(new BocaSessionExpiredEvent());
    if (!saving) return;
    if (!keepsKey(error.status)) this._keys.retire();
    if (error.status === 429) this._countdown.start(error.retryAfter);
    if (error.status === 400 && error.fieldErrors.length > 0) {
      void this._showErrors(error.fieldErrors);
      return;
    }
    this._failure = error;
    // An expired session needs the user to act: bring its message to them.
    void (error.status === 401 ? this._focus.reveal('[part~=message]') : this._focus.keep());
  }

  /** The 429 wait is over: say that Save works again, and give it focus if focus was lost. */
  private _waitOver(): void {
    this._said = 'again';
    void this._focus.keep('[part~=submit]:enabled');
  }

  override render(): TemplateResult {
    // While French is on its way the element keeps speaking what it spoke; at first, it shows its
    // loading panel, in French already.
    this._spoken = language(this.locale) ?? this._spoken;
    const context = this._spoken;
    if (!context) return renderLoading(FRENCH_LOADING, shownFields(this.fields).length);
    const { locale, strings: s } = context;
    if (!this._baseline || !this._values) {
      return renderWaiting(context, {
        failure: this._load.status === 'error' ? asBffError(this._load.error) : undefined,
        missing: this._session.missing && this._load.status === 'idle',
        rows: shownFields(this.fields).length,
        retry: () => void this._load.run(),
      });
    }
    const shown = shownFields(this.fields);
    const locked = listedFields(this.readonlyFields);
    return html`<form
      part="form"
      class="card"
      novalidate
      lang=${locale}
      aria-busy=${String(this._save.status === 'pending')}
      @submit=${this._onSubmit}
      @input=${this._onInput}
      @change=${this._onInput}
      @pointerdown=${this._press.down}
    >
      <slot name="heading"></slot>
      ${renderSummary(this._summary, {
        ...context,
        shown,
        focus: (field) => this._focus.find(`#${controlId(field)}`)?.focus(),
      })}
      <div class="grid">
        ${shown.map((field) =>
          renderField(field, {
            value: this._values![field],
            error: this._errors[field] ? say(this._errors[field], s) : '',
            strings: s,
            locale,
            readonly: locked.includes(field),
          }),
        )}
      </div>
      ${renderFooter(context, {
        failure: this._failure,
        wait: this._countdown.remaining,
        renewed: !!this.tokenProvider,
        dirty: Object.keys(this._pending().changes).length > 0,
        saving: this._save.status === 'pending',
        said: this._said,
        discard: () => this._reset(),
      })}
    </form>`;
  }
}

customElements.define('boca-user-profile', BocaUserProfile);

declare global {
  interface HTMLElementTagNameMap {
    'boca-user-profile': BocaUserProfile;
  }
}
