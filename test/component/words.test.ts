// The right words for what happened, in English and French: never a raw key or a raw status text.
import { expect } from '@open-wc/testing';
import {
  $$,
  SAVED,
  PROFILE,
  errorBody,
  errorOf,
  message,
  mount,
  settle,
  sleep,
  stubFetch,
  submit,
  text,
  type,
} from './helpers.js';

/** Replaces console.warn for one test; returns what it was given. */
function captureWarnings(): { seen: unknown[][]; restore(): void } {
  const original = console.warn;
  const seen: unknown[][] = [];
  console.warn = (...args: unknown[]) => void seen.push(args);
  return { seen, restore: () => (console.warn = original) };
}

describe('the right words', () => {
  let warnings: ReturnType<typeof captureWarnings> | undefined;
  afterEach(() => {
    warnings?.restore();
    warnings = undefined;
    stubFetch().restore();
  });

  describe('a load refused with 401', () => {
    for (const [locale, words] of [
      ['en', 'Your session has expired. Reload the page to sign in again.'],
      ['fr', 'Votre session a expiré. Rechargez la page pour vous reconnecter.'],
    ] as const) {
      it(`says the session expired, not that changes are kept (${locale})`, async () => {
        stubFetch().json(401, errorBody('unauthorized', 'Token expired'));
        const el = await mount({ 'session-token': 'old', locale }, null);
        expect(message(el)).to.contain(words);
        expect(message(el)).to.not.match(/changes are kept|modifications sont conservées/);
      });
    }
  });

  describe('no session-token and no tokenProvider', () => {
    for (const [locale, words] of [
      ['en', 'We could not sign you in to your profile. Please reload the page.'],
      ['fr', 'Nous n’avons pas pu vous connecter à votre profil. Veuillez recharger la page.'],
    ] as const) {
      it(`says so after a short wait, with one console warning (${locale})`, async () => {
        warnings = captureWarnings();
        const api = stubFetch();
        const el = await mount({ locale }, null);
        await sleep(2100);
        await settle(el);
        expect(message(el)).to.equal(words);
        expect(text(el.shadowRoot!.querySelector('.loading'))).to.equal('');
        expect(warnings.seen).to.have.length(1);
        expect(String(warnings.seen[0]![0])).to.contain('tokenProvider');
        expect(api.calls).to.have.length(0);
      });
    }

    it('loads without a warning when the token comes within the wait', async () => {
      warnings = captureWarnings();
      stubFetch().json(200, PROFILE);
      const el = await mount({}, null);
      await sleep(300);
      el.sessionToken = 'late';
      await sleep(2000);
      await settle(el);
      expect(warnings.seen).to.have.length(0);
      expect(message(el)).to.equal('');
    });
  });

  describe('an api-base that is not the BFF', () => {
    for (const [locale, words] of [
      ['en', 'The profile service could not be found. Please try again later.'],
      ['fr', 'Le service des profils est introuvable. Réessayez plus tard.'],
    ] as const) {
      it(`says the service was not found, not "Not Found" (${locale})`, async () => {
        stubFetch().page(404, 'Not Found').page(405, 'Method Not Allowed');
        const loading = await mount({ 'session-token': 't', locale }, null);
        expect(message(loading)).to.contain(words);
        expect(message(loading)).to.not.contain('Not Found');

        const saving = await mount({ 'session-token': 't', locale });
        await type(saving, 'city', 'Laval');
        await submit(saving);
        expect(message(saving)).to.equal(words);
      });
    }
  });

  describe('server field errors for fields the form does not show', () => {
    const answer = errorBody('bad_request', 'Invalid fields', {
      fieldErrors: [
        { field: 'email', message: 'Must be a valid email address' },
        { field: 'employerName', message: 'Unknown field' },
      ],
    });

    for (const [locale, items] of [
      ['en', ['Email: Must be a valid email address', 'Employer name: Unknown field']],
      ['fr', ['Courriel: Doit être une adresse courriel valide', 'Employer name: Champ inconnu']],
    ] as const) {
      it(`lists them with a readable label (${locale})`, async () => {
        stubFetch().json(400, answer);
        const el = await mount({ 'session-token': 't', fields: 'city', locale });
        await type(el, 'city', 'Laval');
        await submit(el);
        const listed = $$(el, '#summary li').map(text);
        expect(listed).to.deep.equal(items);
        expect(listed.join(' ')).to.not.contain('employerName');
      });
    }
  });

  describe('the age rule the element checks itself', () => {
    const year = new Date().getFullYear() - 10;
    for (const [locale, words] of [
      ['en', 'You must be at least 18 years old.'],
      ['fr', 'Vous devez avoir au moins 18 ans.'],
    ] as const) {
      it(`speaks to the user (${locale})`, async () => {
        const api = stubFetch().json(200, SAVED);
        const el = await mount({ 'session-token': 't', locale });
        await type(el, 'dateOfBirth', `${year}-01-01`);
        expect(errorOf(el, 'dateOfBirth')).to.equal(words);
        await submit(el);
        expect(text(el.shadowRoot!.querySelector('#summary'))).to.contain(words);
        expect(api.calls).to.have.length(0);
      });
    }
  });
});
