import type { Suggestion } from '@kc/contracts';
import { rankSuggestions } from './suggestions';

const s = (titleId: string, score?: number): Suggestion => ({ titleId, title: titleId, authors: [], year: null, isbn: null, subjects: [], reason: '', score });

describe('rankSuggestions', () => {
  it('orders by score, keeps the given order without scores, and drops duplicate titles', () => {
    expect(rankSuggestions([s('a', 0.1), s('b', 0.9), s('a', 0.95)]).map((x) => x.titleId)).toEqual(['b', 'a']);
    expect(rankSuggestions([s('x'), s('y'), s('z')]).map((x) => x.titleId)).toEqual(['x', 'y', 'z']);
  });
});
