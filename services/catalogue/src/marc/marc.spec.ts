import { createReadStream, readFileSync } from 'node:fs';
import { fixturePath } from '@kc/testing';
import { readIso2709 } from './iso2709-reader';
import { mapMarcRecord, normaliseIsbn, type MappedTitle } from './marc-mapping';
import type { MarcReadResult } from './marc-record';
import { sniffMarc } from './marc-sniff';
import { readMarcXml } from './marcxml-reader';

const file = (name: string) => fixturePath('marc', name);

async function collect(results: AsyncIterable<MarcReadResult>) {
  const records: Extract<MarcReadResult, { kind: 'record' }>[] = [];
  const errors: Extract<MarcReadResult, { kind: 'error' }>[] = [];
  for await (const r of results) {
    if (r.kind === 'record') records.push(r);
    else errors.push(r);
  }
  return { records, errors };
}

/** Small chunks on purpose: records, tags and multi-byte characters straddle chunk boundaries. */
const stream = (name: string, highWaterMark = 997) => createReadStream(file(name), { highWaterMark });

describe('MARC readers', () => {
  it('reads MARCXML with a default namespace', async () => {
    const { records, errors } = await collect(readMarcXml(stream('nlnz-first100.marcxml')));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(100);
    expect(records.every((r) => typeof mapMarcRecord(r.record) === 'object')).toBe(true);
  });

  it('reads MARCXML with a marc: prefix', async () => {
    const { records, errors } = await collect(readMarcXml(stream('zebra-loc-prefixed-ns.marcxml')));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    const mapped = records.map((r) => mapMarcRecord(r.record));
    expect(mapped[0]).toMatchObject({ sourceId: '5637241' });
  });

  it('reads ISO 2709 and reports trailing bytes once, without empty records', async () => {
    const { records, errors } = await collect(readIso2709(stream('zebra-sample-24-plus-trailing-bytes.mrc')));
    expect(records).toHaveLength(24);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ n: 25, message: expect.stringMatching(/3 losse byte/) });
  });

  it('reads all 1001 records of the NLNZ ISO 2709 sample, same titles as the MARCXML', async () => {
    const { records, errors } = await collect(readIso2709(stream('nlnz-1000.mrc', 4096)));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1001);
    const xml = await collect(readMarcXml(stream('nlnz-first100.marcxml')));
    const iso = records.slice(0, 100).map((r) => mapMarcRecord(r.record));
    expect(xml.records.map((r) => mapMarcRecord(r.record))).toEqual(iso);
  });

  it('maps the MARC fields', async () => {
    const { records } = await collect(readIso2709(stream('nlnz-1000.mrc')));
    const mapped = records.map((r) => mapMarcRecord(r.record));
    expect(mapped.filter((m) => typeof m === 'string')).toEqual([]);
    const titles = mapped.filter((m): m is MappedTitle => typeof m === 'object');
    expect(titles.filter((t) => t.subjects.length > 0).length).toBeGreaterThan(900);
    expect(titles.filter((t) => t.isbn).length).toBe(275); // 361 have an 020, 86 of them only a price or binding ($c)
    expect(titles.filter((t) => t.summary).length).toBeGreaterThan(80);
    expect(titles.filter((t) => t.year).length).toBeGreaterThan(950);
    expect(new Set(titles.map((t) => t.sourceId)).size).toBe(1001);
    expect(titles[0].title).not.toMatch(/[/:]$/);
  });

  it('sniffs MARC and rejects everything else', () => {
    const head = (name: string) => readFileSync(file(name)).subarray(0, 4096);
    expect(sniffMarc(head('nlnz-1000.mrc'))).toBe('marc21');
    expect(sniffMarc(head('nlnz-first100.marcxml'))).toBe('marcxml');
    expect(sniffMarc(head('zebra-loc-prefixed-ns.marcxml'))).toBe('marcxml');
    expect(sniffMarc(head('zebra-caltech-oai_dc-ListRecords-100.xml'))).toBeNull();
    expect(sniffMarc(Buffer.from('titel;auteur\nDe ontdekking van de hemel;Mulisch\n'))).toBeNull();
    expect(sniffMarc(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffMarc(Buffer.from('<html><body>geen marc</body></html>'))).toBeNull();
    expect(sniffMarc(Buffer.from('<record xmlns="urn:x"><a/></record>'))).toBeNull();
  });

  it('normalises ISBNs', () => {
    expect(normaliseIsbn('978-90-234-5678-9 (pbk.)')).toBe('9789023456789');
    expect(normaliseIsbn('0853450730 :')).toBe('0853450730');
    expect(normaliseIsbn('geen')).toBeNull();
  });
});

describe('mapping dirty records', () => {
  it('drops NUL and broken surrogates from field values instead of failing the record', () => {
    const mapped = mapMarcRecord({
      leader: '00000nam a2200000 a 4500',
      controlFields: [{ tag: '001', value: 'vuil\u0000-1' }],
      dataFields: [{ tag: '245', ind1: '1', ind2: '0', subfields: [['a', 'Wo\u0000nen in de\ud800 stad']] }],
    });
    expect(typeof mapped).not.toBe('string');
    expect(mapped).toMatchObject({ sourceId: 'vuil-1', title: 'Wonen in de stad' });
  });
});
