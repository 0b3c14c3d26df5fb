import fc from 'fast-check';
import { findUnsafeText, isUnsafeText, withoutUnsafeText } from './text';

describe('unsafe text (NUL and lone surrogates)', () => {
  it('finds NUL and lone surrogates, and accepts paired surrogates (emoji) and ordinary text', () => {
    expect(isUnsafeText('Fu\u0000zz')).toBe(true);
    expect(isUnsafeText('noo\udc00it')).toBe(true);
    expect(isUnsafeText('einde\ud800')).toBe(true);
    expect(isUnsafeText('Energiecafé 🌱 עברית')).toBe(false);
  });

  it('strips them from imported text', () => {
    expect(withoutUnsafeText('Wo\u0000nen\ud800 in 🌱 Tilburg')).toBe('Wonen in 🌱 Tilburg');
  });

  it('reports the path of the first unsafe value or key, however deep', () => {
    expect(findUnsafeText({ name: 'ok', tags: ['a', 'b\u0000'] })).toBe('tags.1');
    expect(findUnsafeText({ ['sleutel\ud800']: 1 })).toBe('sleutel\ud800');
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toMatch(/^0(\.0)*$/);
    expect(findUnsafeText({ a: 1, b: null, c: [true, 'fine'] })).toBeUndefined();
  });

  it('never flags well-formed Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => !isUnsafeText(s.replace(/\u0000/g, ''))));
  });
});
