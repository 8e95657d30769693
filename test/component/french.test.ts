// French comes in a file of its own, fetched only when a page asks for it.
import { expect, fixture } from '@open-wc/testing';
import type { BocaUserProfile } from '../../component/index.js';
import { $, $$, PROFILE, labelOf, mount, settle, status } from './helpers.js';

/** Whether this page has fetched the French strings' module. */
const fetchedFrench = () =>
  performance
    .getEntriesByType('resource')
    .some((entry) => /\/component\/internal\/fr\.(ts|js)\b/.test(entry.name));

describe('the French strings', () => {
  it('are not fetched for an English page', async () => {
    const el = await mount();
    expect(labelOf(el, 'email')).to.equal('Email');
    expect(fetchedFrench()).to.equal(false);
  });

  it('are fetched when first asked for, the loading panel speaking French meanwhile', async () => {
    const created = document.createElement('boca-user-profile');
    created.setAttribute('locale', 'fr');
    created.profile = PROFILE;
    const el = await fixture<BocaUserProfile>(created);
    expect($$(el, 'input')).to.have.length(0);
    expect(status(el)).to.equal('Chargement de votre profil…');
    expect($(el, '[part=form]')!.getAttribute('lang')).to.equal('fr');
    await settle(el);
    expect(fetchedFrench()).to.equal(true);
    expect(labelOf(el, 'email')).to.equal('Courriel');
  });
});
