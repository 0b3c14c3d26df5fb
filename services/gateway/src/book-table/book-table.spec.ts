import type { CommunityTitle, Suggestion } from '@kc/contracts';
import { composeBookTable } from './book-table';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const added = (n: number, conversations: string[]): CommunityTitle => ({
  titleId: id(n), title: `Titel ${n}`, authors: ['Auteur'], year: 2020, isbn: null,
  conversations: conversations.map((title, i) => ({ id: id(100 + n * 10 + i), title })), lastAddedAt: new Date(0).toISOString(),
});
const match = (n: number, reason = 'Past bij je onderwerp: isolatie'): Suggestion => ({
  titleId: id(n), title: `Titel ${n}`, authors: [], year: null, isbn: null, subjects: [], reason, score: 1,
});

describe('composeBookTable', () => {
  it('puts what the community added first, then the catalogue’s matches, each title once', () => {
    const table = composeBookTable([added(1, ['Isoleren']), added(2, ['Warmtepomp'])], [match(2), match(3)]);
    expect(table.map((t) => [t.titleId, t.source])).toEqual([[id(1), 'community'], [id(2), 'community'], [id(3), 'catalogue']]);
  });

  it('names the conversations a title was added to, at most three, and how many more', () => {
    const [one] = composeBookTable([added(1, ['Isoleren'])], []);
    expect(one!.reason.nl).toBe('Toegevoegd aan het gesprek ‘Isoleren’');
    const [many] = composeBookTable([added(1, ['A', 'B', 'C', 'D', 'E'])], []);
    expect(many!.reason.nl).toBe('Toegevoegd aan 5 gesprekken ‘A’, ‘B’, ‘C’ en 2 meer');
    expect(many!.reason.en).toBe('Added to 5 conversations ‘A’, ‘B’, ‘C’ and 2 more');
    expect(many!.conversations).toHaveLength(5);
  });

  it('keeps the engine’s Dutch reason for a catalogue match', () => {
    const [only] = composeBookTable([], [match(3, 'Sluit aan bij: spouwmuur')]);
    expect(only).toMatchObject({ source: 'catalogue', conversations: [], reason: { nl: 'Sluit aan bij: spouwmuur' } });
  });

  it('is empty when nobody added a title and nothing matches', () => {
    expect(composeBookTable([], [])).toEqual([]);
  });
});
