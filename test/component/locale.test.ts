// Both languages: every label, hint, button, message and announcement, and a live switch.
import { expect } from '@open-wc/testing';
import { en } from '../../component/internal/en.js';
import { fr } from '../../component/internal/fr.js';
import {
  $,
  $$,
  SAVED,
  settle,
  button,
  descriptionOf,
  errorBody,
  errorOf,
  labelOf,
  message,
  mount,
  status,
  stubFetch,
  submit,
  text,
  type,
} from './helpers.js';

const FRENCH = {
  firstName: 'Prénom',
  lastName: 'Nom de famille',
  email: 'Courriel',
  dateOfBirth: 'Date de naissance',
  addressLine1: 'Adresse ligne 1',
  addressLine2: 'Adresse ligne 2',
  city: 'Ville',
  province: 'Province',
  postalCode: 'Code postal',
  country: 'Pays',
  occupation: 'Profession',
};

describe('languages', () => {
  afterEach(() => stubFetch().restore());

  it('speaks Canadian French with locale="fr"', async () => {
    const el = await mount({ locale: 'fr' });
    for (const [name, label] of Object.entries(FRENCH)) expect(labelOf(el, name)).to.equal(label);
    expect(labelOf(el, 'isCiroAffiliate')).to.equal('Affilié à l’OCRI');
    expect(descriptionOf(el, 'isCiroAffiliate')).to.contain('Organisme canadien');
    expect(descriptionOf(el, 'postalCode')).to.equal('Par exemple, A1A 1A1');
    expect(text(button(el, 'submit'))).to.equal('Enregistrer les modifications');
    expect(text(button(el, 'discard'))).to.equal('Annuler les modifications');
    const provinces = $$(el, '[name=province] option').map(text);
    expect(provinces).to.include.members([
      'Colombie-Britannique',
      'Québec',
      'Île-du-Prince-Édouard',
    ]);
    expect($(el, 'form')!.getAttribute('lang')).to.equal('fr');
  });

  it('lists the provinces in alphabetical order in each language', async () => {
    for (const locale of ['en', 'fr'] as const) {
      const el = await mount({ locale });
      const names = $$(el, '[name=province] option').map(text);
      const sorted = [...names].sort((a, b) => a.localeCompare(b, locale));
      expect(names, locale).to.deep.equal(sorted);
      expect(names).to.have.length(13);
    }
  });

  it('takes fr-CA as French and anything unknown as English', async () => {
    const el = await mount({ locale: 'fr-CA' });
    expect(labelOf(el, 'email')).to.equal('Courriel');
    el.locale = 'de' as never;
    await el.updateComplete;
    expect(labelOf(el, 'email')).to.equal('Email');
  });

  it('switches language live, errors and summary included', async () => {
    const el = await mount();
    await type(el, 'email', 'nope');
    await submit(el);
    expect(errorOf(el, 'email')).to.equal('Must be a valid email address');
    el.setAttribute('locale', 'fr');
    await settle(el);
    expect(labelOf(el, 'email')).to.equal('Courriel');
    expect(errorOf(el, 'email')).to.equal('Doit être une adresse courriel valide');
    expect(text($(el, '#summary h2'))).to.equal('Veuillez corriger ce qui suit');
    expect(text($(el, '#summary a'))).to.equal('Courriel: Doit être une adresse courriel valide');
    el.setAttribute('locale', 'en');
    await el.updateComplete;
    expect(labelOf(el, 'email')).to.equal('Email');
  });

  it('announces a save in French', async () => {
    stubFetch().json(200, SAVED);
    const el = await mount({ locale: 'fr', 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(status(el)).to.equal('Modifications enregistrées');
  });

  it('shows the loading state in French', async () => {
    const el = await mount({ locale: 'fr' }, null);
    expect(status(el)).to.equal('Chargement de votre profil…');
  });

  describe('has its own words for every failure, in both languages', () => {
    const cases: [number | 'offline', string][] = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [413, 'payload_too_large'],
      [415, 'unsupported_media_type'],
      [500, 'internal_error'],
      [501, 'not_implemented'],
      [502, 'bad_gateway'],
      [503, 'service_unavailable'],
      [504, 'gateway_timeout'],
      ['offline', 'network_error'],
    ];
    for (const locale of ['en', 'fr'] as const) {
      for (const [answer, key] of cases) {
        it(`${locale}: ${answer}`, async () => {
          const api = stubFetch();
          if (answer === 'offline') api.offline();
          else api.json(answer, errorBody(key, 'English text from the server'));
          const el = await mount({ locale, 'session-token': 't' });
          await type(el, 'city', 'Laval');
          await submit(el);
          const expected = { en, fr }[locale].failures[key as 'forbidden'];
          expect(message(el).startsWith(expected), message(el)).to.equal(true);
          expect(message(el)).to.not.contain('English text from the server');
        });
      }
    }

    it('and never the same words for two different failures', () => {
      for (const locale of ['en', 'fr'] as const) {
        const all = Object.values({ en, fr }[locale].failures);
        expect(new Set(all).size).to.equal(all.length);
      }
    });
  });
});
