import { AddCollectionItemBody, ThesaurusQuery } from '@kc/contracts';
import { validationError } from './validation';

describe('request/reply validation messages', () => {
  it('words a field’s own message in Dutch and in English; the details keep the Dutch', () => {
    const input = { q: '', limit: 30 };
    const error = validationError(ThesaurusQuery, input, ThesaurusQuery.safeParse(input).error!);
    expect(error.messages).toEqual({
      nl: 'Ongeldige invoer: q: geef 1 tot 100 tekens op (wat je tot nu toe typte); limit: een heel getal van 1 tot 20',
      en: 'Invalid input: q: give 1 to 100 characters (what you typed so far); limit: a whole number from 1 to 20',
    });
    expect(error.details).toEqual({ issues: [
      { path: 'q', code: 'too_small', message: 'geef 1 tot 100 tekens op (wat je tot nu toe typte)' },
      { path: 'limit', code: 'too_big', message: 'een heel getal van 1 tot 20' },
    ] });
  });

  it('words an issue a refinement adds itself in both languages', () => {
    const input = { type: 'link', refId: '0190f5d0-0000-7000-8000-000000000001' };
    const error = validationError(AddCollectionItemBody, input, AddCollectionItemBody.safeParse(input).error!);
    expect(error.messages.nl).toContain('url: een link heeft een adres (url) nodig');
    expect(error.messages.en).toContain('url: a link needs an address (url); refId: a link has no refId');
  });
});
