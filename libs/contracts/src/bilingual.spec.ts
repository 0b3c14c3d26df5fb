import { z } from 'zod';
import { bilingual, inParseLanguage, issuesInBothLanguages, safeParseIn, ThesaurusQuery, AddCollectionItemBody } from './index';

const messages = (result: { success: boolean; error?: z.ZodError }) => result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('bilingual validation messages', () => {
  const Schema = z.object({
    name: z.string().min(1, bilingual({ nl: 'is verplicht', en: 'is required' })),
    size: z.number().int(),
  }).superRefine((v, ctx) => {
    if (v.name === 'x') ctx.addIssue({ code: 'custom', path: ['name'], message: inParseLanguage({ nl: 'niet x', en: 'not x' }) });
  });

  it('words a schema’s own message in the language of the parse, and zod’s own in that locale', () => {
    const input = { name: '', size: 1.5 };
    expect(messages(Schema.safeParse(input))).toEqual(['name: is verplicht', 'size: Ongeldige invoer: verwacht int, ontving getal']);
    expect(messages(safeParseIn('en', Schema, input))).toEqual(['name: is required', 'size: Invalid input: expected int, received number']);
    expect(messages(safeParseIn('en', Schema, { name: 'x', size: 1 }))).toEqual(['name: not x']);
    expect(messages(safeParseIn('nl', Schema, { name: 'x', size: 1 }))).toEqual(['name: niet x']);
  });

  it('is Dutch again after an English parse, also when that parse threw', () => {
    safeParseIn('en', Schema, { name: '' });
    const Throwing = z.string().transform(() => { throw new Error('boom'); });
    expect(() => safeParseIn('en', Throwing, 'a')).toThrow('boom');
    expect(messages(Schema.safeParse({ name: '', size: 1 }))).toEqual(['name: is verplicht']);
  });

  it('gives both languages for a failed value; the Dutch are the issues given', () => {
    const dutch = ThesaurusQuery.safeParse({ q: '' }).error!.issues;
    const both = issuesInBothLanguages(ThesaurusQuery, { q: '' }, dutch);
    expect(both.nl).toBe(dutch);
    expect(both.nl.map((i) => i.message)).toEqual(['geef 1 tot 100 tekens op (wat je tot nu toe typte)']);
    expect(both.en.map((i) => i.message)).toEqual(['give 1 to 100 characters (what you typed so far)']);
    const link = issuesInBothLanguages(AddCollectionItemBody, { type: 'link' }, AddCollectionItemBody.safeParse({ type: 'link' }).error!.issues);
    expect(link.en.map((i) => i.message)).toContain('a link needs an address (url)');
    expect(link.nl.map((i) => i.message)).toContain('een link heeft een adres (url) nodig');
  });
});
