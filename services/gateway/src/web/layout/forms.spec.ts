import { z } from 'zod';
import { bilingual, CreateBranch, DomainError, RegisterAccount, TERMS_VERSION } from '@kc/contracts';
import { errorsFromService, formValues, orderedErrors, validateForm } from './forms';

const labels = { displayName: 'Naam', email: 'E-mailadres', password: 'Wachtwoord', region: 'Regio', acceptedTermsVersion: 'Akkoord' };

describe('web forms', () => {
  it('takes text fields from a form body and leaves the control fields out', () => {
    expect(formValues({ email: 'a@b.nl', _csrf: 't', _idem: 'k', tags: ['x', 'y'], n: 3 })).toEqual({ email: 'a@b.nl', tags: 'x' });
    expect(formValues(undefined)).toEqual({});
  });

  it('words every wrong field for a person, in Dutch and in English', () => {
    const input = { displayName: '', email: 'geen-adres', password: 'kort', region: 'Midden Brabant', acceptedTermsVersion: TERMS_VERSION };
    const nl = validateForm(RegisterAccount.request, input, labels, 'nl');
    expect(nl).toEqual({
      ok: false,
      errors: {
        displayName: 'Vul ‘Naam’ in.',
        email: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
        password: '‘Wachtwoord’ moet minstens 10 tekens hebben.',
        region: '‘Regio’ mag alleen kleine letters, cijfers en koppeltekens bevatten.',
      },
    });
    const en = validateForm(RegisterAccount.request, { ...input, password: undefined }, labels, 'en');
    expect(en.ok || en.errors).toEqual(expect.objectContaining({ displayName: 'Enter ‘Naam’.', password: 'Enter ‘Wachtwoord’.', email: expect.stringContaining('valid e-mail') }));
  });

  it('passes valid input through the contract schema (trimmed, lower-cased)', () => {
    const result = validateForm(RegisterAccount.request, { displayName: ' Anna ', email: 'Anna@Voorbeeld.NL', password: 'lang-genoeg-1', region: 'midden-brabant', acceptedTermsVersion: TERMS_VERSION }, labels, 'nl');
    expect(result).toEqual({ ok: true, data: { displayName: 'Anna', email: 'anna@voorbeeld.nl', password: 'lang-genoeg-1', region: 'midden-brabant', acceptedTermsVersion: TERMS_VERSION } });
  });

  it('explains limits, choices and refused characters', () => {
    const schema = z.object({ name: z.string().max(3), n: z.number().int().min(1).max(9), mode: z.enum(['a', 'b']) }).strict();
    const result = validateForm(schema, { name: 'lang', n: 10, mode: 'c' }, { name: 'Naam', n: 'Aantal', mode: 'Vorm' }, 'nl');
    expect(result.ok ? {} : result.errors).toEqual({ name: '‘Naam’ mag hoogstens 3 tekens hebben.', n: '‘Aantal’ mag hoogstens 9 zijn.', mode: 'Kies een van de mogelijkheden bij ‘Vorm’.' });
  });

  it('puts a service’s refusal beside its field, or in the summary', () => {
    const taken = new DomainError(409, 'EMAIL_TAKEN', { nl: 'Dit e-mailadres is al in gebruik.', en: 'This e-mail address is already in use.' });
    expect(errorsFromService(taken, 'nl', { EMAIL_TAKEN: 'email' })).toEqual({ email: 'Dit e-mailadres is al in gebruik.' });
    expect(errorsFromService(taken, 'en')).toEqual({ '': 'This e-mail address is already in use.' });
    const invalid = new DomainError(400, 'VALIDATION_FAILED', { nl: 'Ongeldig', en: 'Invalid' }, { issues: [{ path: 'body.title' }, { path: 'body.onbekend' }] });
    expect(errorsFromService(invalid, 'nl', {}, ['title'])).toEqual({ title: 'Ongeldig' });
  });

  it('orders the summary as the form: general first, then field by field', () => {
    expect(orderedErrors({ b: '2', '': '0', a: '1', z: '9' }, ['a', 'b'])).toEqual([
      { field: '', message: '0' }, { field: 'a', message: '1' }, { field: 'b', message: '2' }, { field: 'z', message: '9' },
    ]);
  });

  it('explains a postcode that is not Dutch as a postcode, not as a slug', () => {
    const input = { region: 'zuid', name: 'Bibliotheek Noord', address: 'Noordplein 7', postcode: '5041', city: 'Tilburg' };
    expect(validateForm(CreateBranch.request, input, { postcode: 'Postcode' }, 'nl')).toEqual({ ok: false, errors: { postcode: 'Vul bij ‘Postcode’ een Nederlandse postcode in, zoals 5038 AB.' } });
    expect(validateForm(CreateBranch.request, { ...input, postcode: '5041kl' }, {}, 'nl')).toMatchObject({ ok: true, data: { postcode: '5041 KL' } });
  });
  it('words a refinement with its own message, in the person’s language, beside its field or as a sentence of its own', () => {
    const input = { region: 'zuid', name: 'Bibliotheek Noord', address: 'Noordplein 7', postcode: '5041 SS', city: 'Tilburg' };
    expect(validateForm(CreateBranch.request, input, { postcode: 'Postcode' }, 'nl')).toEqual({ ok: false, errors: { postcode: '‘Postcode’ is geen Nederlandse postcode: SA, SD en SS komen niet voor.' } });
    expect(validateForm(CreateBranch.request, input, { postcode: 'Postcode' }, 'en')).toEqual({ ok: false, errors: { postcode: '‘Postcode’ is not a Dutch postcode: SA, SD and SS do not occur.' } });
    expect(validateForm(CreateBranch.request, { ...input, postcode: '5041 AB', name: 'Noord\u0007' }, { name: 'Naam' }, 'nl'))
      .toEqual({ ok: false, errors: { name: '‘Naam’ bevat ongeldige (stuur)tekens.' } });
    const either = z.object({ title: z.string().optional(), note: z.string().optional() })
      .refine((v) => v.title !== undefined || v.note !== undefined, bilingual({ nl: 'geef een titel of een notitie', en: 'give a title or a note' }));
    expect(validateForm(either, {}, { title: 'Titel' }, 'nl')).toEqual({ ok: false, errors: { '': 'Geef een titel of een notitie.' } });
    expect(validateForm(z.object({ n: z.string().refine((s) => s === 'x') }), { n: 'y' }, { n: 'Nummer' }, 'nl')).toEqual({ ok: false, errors: { n: '‘Nummer’ is ongeldig.' } });
  });
});
