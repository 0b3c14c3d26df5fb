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

  it('hashes the file at once and parses nothing: the bytes go to PostgreSQL as they are', () => {
    const text = '<http://data.bibliotheken.nl/id/thes/p1>\teenzaamheid\nno tab here\n';
    const broken = readVocabulary(file(text));
    expect(broken.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(broken.content.toString('utf8')).toBe(text);
    expect(broken.file).toMatch(/vocab\.tsv$/);
  });

  it('gives the same file the same SHA-256 and another file another', () => {
    const a = readVocabulary(file('<http://x.nl/1>\twonen\n'));
    expect(readVocabulary(file('<http://x.nl/1>\twonen\n')).sha256).toBe(a.sha256);
    expect(readVocabulary(file('<http://x.nl/1>\twonen \n')).sha256).not.toBe(a.sha256);
  });
});
