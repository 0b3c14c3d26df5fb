import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRINKMAN_ATTRIBUTION, SuggestBrinkmanTerms } from '@kc/contracts';
import { failure, InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { readVocabulary } from '../src/thesaurus/brinkman.vocabulary';
import { ThesaurusLoader } from '../src/thesaurus/thesaurus.loader';
import { CatalogueTestKit } from './catalogue-test-kit';

/** What the matching ignores, as the service folds it: case, diacritics, punctuation. */
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Another version of the vocabulary file, with these lines. */
const vocabularyFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'kc-vocabulary-')), 'vocab.tsv');
  writeFileSync(path, text);
  return readVocabulary(path);
};

describe('catalogue: the Brinkman thesaurus offered as someone types (real PostgreSQL, NATS)', () => {
  const scope = new TestScope('catalogue-thesaurus');
  const kit = new CatalogueTestKit(scope);
  const shipped = readVocabulary();
  let tokens: TestIdentity;
  let catalogue: InProcessService;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await kit.start();
    catalogue = await kit.startCatalogue();
  });
  afterAll(async () => {
    await catalogue?.close();
    await tokens?.stop();
    await kit.stop();
    await scope.dispose();
  });

  const suggest = async (q: string, limit?: number) => (await catalogue.send(SuggestBrinkmanTerms, { q, ...(limit === undefined ? {} : { limit }) })).items;
  const labels = async (q: string, limit?: number) => (await suggest(q, limit)).map((t) => t.label);
  const rows = async () => kit.query<{ uri: string; label: string }>("SELECT uri, label FROM thesaurus_terms WHERE vocabulary = 'brinkman' ORDER BY uri, label");
  const stored = async () => (await kit.query<{ terms: number; sha256: string; loaded_at: Date; rows: string }>(
    "SELECT v.terms, v.sha256, v.loaded_at, (SELECT count(*) FROM thesaurus_terms WHERE vocabulary = 'brinkman') AS rows FROM thesaurus_vocabularies v WHERE v.vocabulary = 'brinkman'",
  ))[0]!;

  it('has the shipped vocabulary in its database after the start, with the attribution its licence asks for', async () => {
    const row = await stored();
    expect({ terms: row.terms, rows: Number(row.rows), sha256: row.sha256 }).toEqual({ terms: 14_737, rows: 14_737, sha256: shipped.sha256 });
    const reply = await catalogue.send(SuggestBrinkmanTerms, { q: 'eenzaam' });
    expect(reply.attribution).toBe(BRINKMAN_ATTRIBUTION);
    expect(reply.items[0]).toEqual({ uri: 'http://data.bibliotheken.nl/id/thes/p075652617', label: 'eenzaamheid' });
  });

  it('puts the label’s start first, then a word’s start, then (from 3 characters) inside a word; shorter labels first', async () => {
    expect(await labels('eenzaam')).toEqual(['eenzaamheid', 'Stille Eenzaamheid']);
    const duurz = await labels('duurz', 20);
    expect(duurz.slice(0, 2)).toEqual(['duurzaam bouwen', 'duurzame energie']);
    const firstWordMatch = duurz.findIndex((l) => !folded(l).startsWith('duurz'));
    expect(firstWordMatch).toBeGreaterThan(0);
    expect(duurz.slice(firstWordMatch).every((l) => folded(l).split(' ').some((w) => w.startsWith('duurz')))).toBe(true);
    expect(duurz).toContain('digitale duurzaamheid');
    const prefixed = duurz.slice(0, firstWordMatch);
    expect(prefixed.map((l) => l.length)).toEqual([...prefixed.map((l) => l.length)].sort((a, b) => a - b));
    // The exact label, then labels that start with it, then a compound that has it inside.
    const armoede = await labels('armoede', 20);
    expect(armoede[0]).toBe('armoede');
    expect(armoede).toContain('baarmoederhalskanker');
    expect(armoede.indexOf('baarmoederhalskanker')).toBeGreaterThan(armoede.findLastIndex((l) => folded(l).split(' ').some((w) => w.startsWith('armoede'))));
    // Two characters: word starts only, nothing from inside a word.
    const ee = await labels('ee', 20);
    expect(ee).toHaveLength(20);
    expect(ee.every((l) => folded(l).split(' ').some((w) => w.startsWith('ee')))).toBe(true);
  });

  it('ignores case, diacritics and punctuation, in what is typed and in the labels', async () => {
    expect(await labels('EENZAAM')).toEqual(await labels('eenzaam'));
    expect(await labels('atheisme')).toContain('atheïsme');
    expect(await labels('Atheïsme')).toContain('atheïsme');
    expect(await labels('coop')).toContain('coöperaties');
    expect((await labels('boerderijen mon'))[0]).toBe('boerderijen ; monumenten');
    expect((await labels('Boerderijen ; MON'))[0]).toBe('boerderijen ; monumenten');
    expect(await labels('dammen bord')).toEqual(['dammen (bordspel)']);
    // Nothing left to match once punctuation is ignored, or nothing like it: an empty list, not an error.
    expect(await suggest('%_\\')).toEqual([]);
    expect(await suggest('qqqqzzzz')).toEqual([]);
  });

  it('answers at most `limit` (default 10, 1–20) and refuses bad input with a Dutch 400', async () => {
    expect(await suggest('a')).toHaveLength(10);
    expect(await suggest('a', 20)).toHaveLength(20);
    expect(await suggest('a', 1)).toHaveLength(1);
    for (const data of [{ q: '' }, { q: '   ' }, { q: 'x'.repeat(101) }, { q: 'a', limit: 21 }, { q: 'a', limit: 0 }, { q: 'a', limit: 2.5 }, {}, { q: 'a', region: 'x' }, { q: 'ee\u0000n' }, { q: 'ee\udc00n' }]) {
      const error = await failure(catalogue.send(SuggestBrinkmanTerms, data));
      expect({ data, status: error.statusCode, code: error.code }).toEqual({ data, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await failure(catalogue.send(SuggestBrinkmanTerms, { q: '' }))).messages.nl).toContain('geef 1 tot 100 tekens op');
    expect((await failure(catalogue.send(SuggestBrinkmanTerms, { q: 'a', limit: 50 }))).messages.nl).toContain('een heel getal van 1 tot 20');
    expect(await suggest(`  ${'x'.repeat(100)}  `)).toEqual([]);
  });

  it('loads the vocabulary once: a restart (or a replica) with the same file changes nothing; a changed file replaces it whole', async () => {
    const loader = catalogue.get<ThesaurusLoader>(ThesaurusLoader);
    const before = await stored();
    // Two replicas starting at once: one waits on the advisory lock and finds the file loaded.
    await expect(Promise.all([loader.load(shipped), loader.load(shipped)])).resolves.toEqual(['unchanged', 'unchanged']);
    expect(await stored()).toEqual(before);

    // A new version of the file (here: two terms of it) replaces the old terms in one go.
    const smaller = vocabularyFile(shipped.content.toString('utf8').split('\n').filter((line) => /\t(eenzaamheid|armoede)$/.test(line)).join('\n'));
    const outcomes = await Promise.all([loader.load(smaller), loader.load(smaller)]);
    expect(outcomes.sort()).toEqual(['loaded', 'unchanged']);
    expect(await stored()).toMatchObject({ terms: 2, rows: '2', sha256: smaller.sha256 });
    expect(await labels('duurz')).toEqual([]);

    await expect(loader.load(shipped)).resolves.toBe('loaded');
    expect(await stored()).toMatchObject({ terms: 14_737, rows: '14737', sha256: shipped.sha256 });
    expect(await labels('eenzaam')).toEqual(['eenzaamheid', 'Stille Eenzaamheid']);
  });

  it('reads the file as written down in ADR 0041: labels composed, white space folded, a repeated pair once; a malformed line fails the load and changes nothing', async () => {
    const loader = catalogue.get<ThesaurusLoader>(ThesaurusLoader);
    try {
      const written = vocabularyFile('<http://x.nl/1>\tbe\u0308dumer   kunst\r\n<http://x.nl/1>\tbëdumer kunst\n\n  \r\n<https://x.nl/2>\t wonen\u00a0\n');
      await expect(loader.load(written)).resolves.toBe('loaded');
      expect(await rows()).toEqual([{ uri: 'http://x.nl/1', label: 'bëdumer kunst' }, { uri: 'https://x.nl/2', label: 'wonen' }]);
      expect(await stored()).toMatchObject({ terms: 2, rows: '2', sha256: written.sha256 });

      for (const [text, line] of [['<http://x.nl/1>\teenzaamheid\nno tab here\n', 2], ['<http://x.nl/1>\t \u00a0 \n', 1], ['\n<ftp://x.nl/1>\twonen\n', 2]] as const) {
        await expect(loader.load(vocabularyFile(text))).rejects.toThrow(new RegExp(`vocab\\.tsv:${line}: expected <uri> TAB label`));
      }
      expect(await stored()).toMatchObject({ terms: 2, rows: '2', sha256: written.sha256 });
    } finally {
      await loader.load(shipped);
    }
    expect(await stored()).toMatchObject({ terms: 14_737, rows: '14737', sha256: shipped.sha256 });
  });
});
