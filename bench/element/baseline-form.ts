/**
 * The floor for the element: Lit and a plain form with the same twelve fields (labels, native
 * inputs, a province list, a checkbox and a button), a little style, and nothing else: no
 * validation, no messages, no requests. Built like the element and timed on the same page in the
 * same run, it shows what any Lit form costs here before the element does anything of its own.
 */
import { LitElement, css, html } from 'lit';

const TEXT_FIELDS = [
  ['firstName', 'First name', 'text', 'given-name'],
  ['lastName', 'Last name', 'text', 'family-name'],
  ['email', 'Email', 'email', 'email'],
  ['dateOfBirth', 'Date of birth', 'date', 'bday'],
  ['addressLine1', 'Address line 1', 'text', 'address-line1'],
  ['addressLine2', 'Address line 2', 'text', 'address-line2'],
  ['city', 'City', 'text', 'address-level2'],
  ['postalCode', 'Postal code', 'text', 'postal-code'],
  ['country', 'Country', 'text', 'country'],
  ['occupation', 'Occupation', 'text', 'organization-title'],
] as const;
const PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' ');

export class BaselineForm extends LitElement {
  static override properties = { profile: { attribute: false } };
  static override styles = css`
    :host {
      display: block;
      font: inherit;
    }
    form {
      display: grid;
      gap: 0.75rem;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
    input,
    select {
      font: inherit;
      padding: 0.4rem;
    }
  `;

  declare profile: Record<string, unknown> | undefined;

  override render() {
    const profile = this.profile ?? {};
    const text = (name: string) => String(profile[name] ?? '');
    return html`<form>
      ${TEXT_FIELDS.map(
        ([name, label, type, autocomplete]) =>
          html`<label
            >${label}<input
              name=${name}
              type=${type}
              autocomplete=${autocomplete}
              .value=${text(name)}
          /></label>`,
      )}
      <label
        >Province<select name="province" autocomplete="address-level1" .value=${text('province')}>
          ${PROVINCES.map(
            (code) =>
              html`<option value=${code} ?selected=${code === text('province')}>${code}</option>`,
          )}
        </select></label
      >
      <label
        ><input
          type="checkbox"
          name="isCiroAffiliate"
          autocomplete="off"
          .checked=${profile.isCiroAffiliate === true}
        />CIRO affiliate</label
      >
      <button>Save changes</button>
    </form>`;
  }
}

customElements.define('boca-user-profile', BaselineForm);
