// The form itself: labels, names, autocomplete tokens, controls and the `fields` attribute.
import { expect } from '@open-wc/testing';
import { PROFILE_FIELDS, PROVINCES } from '../../contract/profile.js';
import { $, $$, button, control, descriptionOf, labelOf, mount, text } from './helpers.js';

const LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  dateOfBirth: 'Date of birth',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  city: 'City',
  province: 'Province',
  postalCode: 'Postal code',
  country: 'Country',
  occupation: 'Occupation',
};

const AUTOCOMPLETE = {
  firstName: 'given-name',
  lastName: 'family-name',
  email: 'email',
  dateOfBirth: 'bday',
  addressLine1: 'address-line1',
  addressLine2: 'address-line2',
  city: 'address-level2',
  province: 'address-level1',
  postalCode: 'postal-code',
  country: 'country',
  occupation: 'organization-title',
  isCiroAffiliate: 'off',
};

const names = (el: HTMLElement) =>
  $$<HTMLInputElement>(el, 'input, select').map((input) => input.name);

describe('the form', () => {
  it('gives every field its label and names it after the API field', async () => {
    const el = await mount();
    expect(names(el)).to.deep.equal([...PROFILE_FIELDS]);
    for (const [name, label] of Object.entries(LABELS)) expect(labelOf(el, name)).to.equal(label);
    expect(labelOf(el, 'isCiroAffiliate')).to.match(/CIRO/);
    expect(descriptionOf(el, 'isCiroAffiliate')).to.match(/Canadian Investment Regulatory/);
    expect(text(button(el, 'submit'))).to.equal('Save changes');
  });

  it('uses the right autocomplete token on every control', async () => {
    const el = await mount();
    for (const [name, token] of Object.entries(AUTOCOMPLETE)) {
      expect(control(el, name).getAttribute('autocomplete'), name).to.equal(token);
    }
  });

  it('uses native controls and constraint attributes, but lets the element speak', async () => {
    const el = await mount();
    expect($<HTMLFormElement>(el, 'form')!.noValidate).to.equal(true);
    expect(control(el, 'email').type).to.equal('email');
    expect(control(el, 'isCiroAffiliate').type).to.equal('checkbox');
    expect(control(el, 'firstName').required).to.equal(true);
    expect(control(el, 'firstName').maxLength).to.equal(100);
    expect(control(el, 'email').maxLength).to.equal(254);
    expect(control(el, 'addressLine2').required).to.equal(false);
    expect(control(el, 'addressLine1').maxLength).to.equal(200);
  });

  it('shows the current values', async () => {
    const el = await mount();
    expect(control(el, 'firstName').value).to.equal('Jane');
    expect(control(el, 'dateOfBirth').value).to.equal('1990-05-15');
    expect(control<HTMLSelectElement>(el, 'province').value).to.equal('ON');
    expect(control(el, 'isCiroAffiliate').checked).to.equal(false);
  });

  it('offers the Canadian provinces and territories by name, valued by code', async () => {
    const el = await mount();
    const options = $$<HTMLOptionElement>(el, '[name=province] option');
    expect(options.map((o) => o.value).sort()).to.deep.equal([...PROVINCES].sort());
    const names = options.map((o) => text(o));
    expect(names).to.include('British Columbia');
    expect(names).to.include('Prince Edward Island');
    expect([...names].sort((a, b) => a.localeCompare(b))).to.deep.equal(names);
  });

  it('offers Canada as the only country', async () => {
    const el = await mount();
    const options = $$<HTMLOptionElement>(el, '[name=country] option');
    expect(options.map((o) => [o.value, text(o)])).to.deep.equal([['CA', 'Canada']]);
  });

  describe('when `fields` is set', () => {
    it('shows only those fields, in that order, ignoring unknown names', async () => {
      const el = await mount({ fields: 'email, nickname,firstName, city' });
      expect(names(el)).to.deep.equal(['email', 'firstName', 'city']);
    });

    it('follows changes to the attribute', async () => {
      const el = await mount({ fields: 'email' });
      el.setAttribute('fields', 'postalCode,email');
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['postalCode', 'email']);
    });

    it('shows every field when none of the names is known', async () => {
      const el = await mount({ fields: 'nickname, shoeSize' });
      expect(names(el)).to.deep.equal([...PROFILE_FIELDS]);
    });
  });
});
