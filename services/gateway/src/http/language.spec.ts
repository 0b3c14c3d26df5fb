import { languageOf } from './language';

describe('languageOf', () => {
  it.each([
    [undefined, 'nl'],
    ['', 'nl'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,en;q=0.8,nl;q=0.9', 'nl'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0, nl', 'nl'],
    ['*', 'nl'],
    ['NL-be', 'nl'],
  ])('%s → %s', (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });
});
