import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVocabulary } from './brinkman.vocabulary';

describe('readVocabulary', () => {
  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'kc-vocabulary-')), 'vocab.tsv');
    writeFileSync(path, text);
    return path;
  };

  it('hashes at once and parses only when the terms are read', () => {
    const broken = readVocabulary(file('<http://data.bibliotheken.nl/id/thes/p1>\teenzaamheid\nno tab here\n'));
    expect(broken.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => broken.terms).toThrow(/vocab\.tsv:2: expected <uri> TAB label/);
  });

  it('composes labels, folds white space and keeps a repeated pair once', () => {
    const { terms } = readVocabulary(file('<http://x.nl/1>\tbe\u0308dumer   kunst\r\n<http://x.nl/1>\tbëdumer kunst\n\n<http://x.nl/2>\twonen\n'));
    expect(terms).toEqual([{ uri: 'http://x.nl/1', label: 'bëdumer kunst' }, { uri: 'http://x.nl/2', label: 'wonen' }]);
  });
});
