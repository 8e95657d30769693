// Compliance: fields a partner locks after verification, and saves that wait for a review.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  $,
  $$,
  SAVED,
  button,
  control,
  errorBody,
  mount,
  settle,
  status,
  stubFetch,
  submit,
  text,
  type,
} from './helpers.js';

const LOCKED = 'lastName, dateOfBirth, province, isCiroAffiliate';

describe('compliance', () => {
  afterEach(() => stubFetch().restore());

  describe('readonly-fields', () => {
    it('shows the listed fields read-only and the others editable', async () => {
      const el = await mount({ 'readonly-fields': LOCKED });
      expect(control(el, 'lastName').readOnly).to.equal(true);
      expect(control(el, 'dateOfBirth').readOnly).to.equal(true);
      expect(control(el, 'province').getAttribute('aria-readonly')).to.equal('true');
      expect(control(el, 'isCiroAffiliate').getAttribute('aria-readonly')).to.equal('true');
      expect(control(el, 'firstName').readOnly).to.equal(false);
      expect(control(el, 'country').hasAttribute('aria-readonly')).to.equal(false);
    });

    it('lets the user change none of them, by keyboard or mouse', async () => {
      const el = await mount({ 'readonly-fields': LOCKED });
      control(el, 'lastName').focus();
      await sendKeys({ type: 'Smith' });
      control(el, 'isCiroAffiliate').click();
      await el.updateComplete;
      expect(control(el, 'lastName').value).to.equal('Doe');
      expect(control(el, 'isCiroAffiliate').checked).to.equal(false);
      expect(
        $$(el, 'select[name="province"] option').map((o) => o.getAttribute('value')),
      ).to.deep.equal(['ON']);
      expect(button(el, 'submit').disabled, 'nothing changed').to.equal(true);
    });

    it('never sends them, even when their controls are altered', async () => {
      const api = stubFetch().json(200, SAVED);
      const el = await mount({ 'session-token': 't' });
      el.readonlyFields = LOCKED;
      await settle(el);
      await type(el, 'lastName', 'Smith');
      await type(el, 'province', 'QC');
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(api.calls.map((call) => call.body)).to.deep.equal([{ city: 'Laval' }]);
    });

    it('shows the server’s refusal of a locked field in the summary, in French', async () => {
      stubFetch().json(
        400,
        errorBody('bad_request', 'Invalid fields', {
          fieldErrors: [{ field: 'lastName', message: 'Cannot be changed' }],
        }),
      );
      const el = await mount({ 'session-token': 't', locale: 'fr' });
      await type(el, 'lastName', 'Smith');
      await submit(el);
      expect(text($(el, '#summary li'))).to.equal('Nom de famille: Ne peut pas être modifié');
    });
  });

  describe('a save answered pendingCompliance', () => {
    for (const [locale, words] of [
      ['en', 'Changes saved. They are under review and take effect once approved.'],
      [
        'fr',
        'Modifications enregistrées. Elles sont en cours d’examen et prendront effet une fois approuvées.',
      ],
    ] as const) {
      it(`says in place that the change is under review (${locale})`, async () => {
        stubFetch().json(200, { ...SAVED, status: 'pendingCompliance' });
        const el = await mount({ 'session-token': 't', locale });
        await type(el, 'dateOfBirth', '1991-05-15');
        await submit(el);
        expect(status(el)).to.equal(words);
        expect($(el, '[role="status"]')!.closest('form')).to.not.equal(null);
      });
    }

    it('says only "Changes saved" when the answer is active', async () => {
      stubFetch().json(200, SAVED);
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(status(el)).to.equal('Changes saved');
    });
  });
});
