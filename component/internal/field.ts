/**
 * The template of one field: its `<label>`, native control, hint and error message, wired together
 * with `for`/`id`, `aria-describedby` and `aria-invalid`. Ids are unique inside the shadow root.
 *
 * @example
 *   html`${renderField('email', { value: 'a@b.ca', error: '', strings, locale: 'en' })}`;
 */
import { html, nothing, type TemplateResult } from 'lit';
import { COUNTRIES, PROVINCES, type ProfileField } from '../../contract/profile.js';
import { FIELDS, constraints } from './fields.js';
import type { Strings } from './i18n.js';

export interface FieldView {
  value: string | boolean;
  /** The message to show, already in the user's language; empty when the value is fine. */
  error: string;
  strings: Strings;
  locale: string;
  /** Shown but not editable: `readonly`, or `aria-readonly` where HTML has no such attribute. */
  readonly?: boolean;
}

/** The id of a field's control, for labels and the error summary's links. */
export const controlId = (field: string): string => `f-${field}`;

function options(field: ProfileField, value: string, view: FieldView): TemplateResult[] {
  const names = view.strings.places;
  const codes: readonly string[] = field === 'province' ? PROVINCES : COUNTRIES;
  // A read-only select offers its value alone, so it cannot be changed. The names are written
  // in the locale's order (see `Strings.places`).
  const sorted = view.readonly ? [] : Object.keys(names).filter((code) => codes.includes(code));
  // A value outside the list (or none) stays visible rather than silently becoming another one.
  if (!sorted.includes(value)) sorted.unshift(value);
  return sorted.map(
    (code) =>
      html`<option value=${code} ?selected=${code === value}>
        ${names[code] ?? (code || view.strings.choose)}
      </option>`,
  );
}

export function renderField(field: ProfileField, view: FieldView): TemplateResult {
  const spec = FIELDS[field];
  const { required, maxLength } = constraints(field);
  const id = controlId(field);
  const hint = view.strings.hints[field];
  const describedBy = [hint ? `h-${field}` : '', view.error ? `e-${field}` : '']
    .filter(Boolean)
    .join(' ');
  const a11y = {
    invalid: view.error ? 'true' : nothing,
    describedBy: describedBy || nothing,
    readonly: view.readonly ? 'true' : nothing,
  };
  const label = html`<label part="label" for=${id}>${view.strings.labels[field]}</label>`;
  const notes = html`${hint ? html`<p part="hint" class="hint" id="h-${field}">${hint}</p>` : ''}
  ${
    view.error
      ? html`<p part="error" class="error" id="e-${field}">
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path
              d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-.75 3.5h1.5v5h-1.5zm0 6.25h1.5v1.5h-1.5z"
            />
          </svg>
          <span>${view.error}</span>
        </p>`
      : ''
  }`;

  if (spec.type === 'checkbox') {
    return html`<div part="field" class="field check s6">
      <input
        part="input checkbox"
        type="checkbox"
        id=${id}
        name=${field}
        autocomplete="off"
        .checked=${view.value === true}
        aria-readonly=${a11y.readonly}
        @click=${view.readonly ? (event: Event) => event.preventDefault() : nothing}
        aria-invalid=${a11y.invalid}
        aria-describedby=${a11y.describedBy}
      />
      ${label} ${notes}
    </div>`;
  }

  const value = String(view.value);
  const control =
    spec.type === 'select'
      ? html`<select
          part="input select"
          id=${id}
          name=${field}
          autocomplete=${spec.autocomplete}
          ?required=${required}
          aria-readonly=${a11y.readonly}
          aria-invalid=${a11y.invalid}
          aria-describedby=${a11y.describedBy}
        >
          ${options(field, value, view)}
        </select>`
      : html`<input
          part="input"
          type=${spec.type ?? 'text'}
          id=${id}
          name=${field}
          autocomplete=${spec.autocomplete}
          .value=${value}
          ?required=${required}
          ?readonly=${view.readonly}
          maxlength=${maxLength ?? nothing}
          aria-invalid=${a11y.invalid}
          aria-describedby=${a11y.describedBy}
        />`;
  return html`<div part="field" class="field s${spec.span}">${label} ${control} ${notes}</div>`;
}
