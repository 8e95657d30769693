// The date of birth reads in the order of the user's locale, and its error names the format the
// control shows.
import { expect } from '@open-wc/testing';
import { PROFILE, control, descriptionOf, errorOf, mount, type } from './helpers.js';

const FORMATS = { en: 'YYYY-MM-DD', fr: 'AAAA-MM-JJ' } as const;

/** The date as the locale writes it, year, month and day in the locale's order. */
const inLocaleOrder = (iso: string, locale: string) => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale).format(new Date(year, month - 1, day));
};

describe('date of birth', () => {
  for (const [locale, format] of Object.entries(FORMATS)) {
    describe(`in ${locale}`, () => {
      it('shows the date in the locale’s order, with that format in its description', async () => {
        const el = await mount({ locale });
        const input = control(el, 'dateOfBirth');
        // A native date input shows the browser's order, whatever the page's language.
        expect(input.type).to.equal('text');
        expect(input.value).to.equal(inLocaleOrder(PROFILE.dateOfBirth, `${locale}-CA`));
        expect(input.autocomplete).to.equal('bday');
        expect(descriptionOf(el, 'dateOfBirth')).to.contain(format);
      });

      it('names in its error only the format the control shows', async () => {
        const el = await mount({ locale });
        await type(el, 'dateOfBirth', '15/05/1990');
        const error = errorOf(el, 'dateOfBirth');
        expect(error).to.contain(format);
        const named = error.match(/[A-Z]{4}-[A-Z]{2}-[A-Z]{2}/g) ?? [];
        expect(named).to.deep.equal([format]);
        expect(descriptionOf(el, 'dateOfBirth')).to.contain(error);
      });
    });
  }
});
