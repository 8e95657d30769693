// When the French file cannot be fetched (not served beside the element, offline), the element
// speaks English rather than wait forever, and says why once in the console.
import { expect } from '@open-wc/testing';
import { chunks } from '../../component/internal/i18n.js';
import { $, labelOf, mount } from './helpers.js';

describe('when the French strings cannot be fetched', () => {
  const { french } = chunks;
  const warn = console.warn;
  let warnings: unknown[][] = [];

  before(() => {
    chunks.french = () =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  after(() => {
    chunks.french = french;
    console.warn = warn;
  });

  it('speaks English, marked as English, and warns once', async () => {
    warnings = [];
    const el = await mount({ locale: 'fr' });
    expect(labelOf(el, 'email')).to.equal('Email');
    expect($(el, 'form')!.getAttribute('lang')).to.equal('en');
    const again = await mount({ locale: 'fr-CA' });
    expect(labelOf(again, 'email')).to.equal('Email');
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('boca-user-profile.fr.js');
  });
});
