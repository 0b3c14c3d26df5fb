import { readFileSync } from 'node:fs';
import { fixturePath } from '@kc/testing';
import { checkIso2709 } from './iso2709-reader';
import { checkMarcXml, dutchXmlReason, xmlProblemMessages, type XmlProblem } from './marcxml-check';
import { readMarcXml } from './marcxml-reader';

const bytes = (name: string) => readFileSync(fixturePath('marc', name));

/** The bytes in chunks of `size`, counting how many were pulled. */
function chunks(data: Buffer | string, size = 997) {
  const buffer = Buffer.from(data);
  const source = {
    pulled: 0,
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < buffer.length; i += size) {
        source.pulled++;
        yield buffer.subarray(i, i + size);
      }
    },
  };
  return source;
}

/** The NLNZ sample cut off in the middle of its `record`-th record. */
function truncatedInRecord(record: number): string {
  const xml = bytes('nlnz-first100.marcxml').toString('utf8');
  let at = -1;
  for (let i = 0; i < record; i++) at = xml.indexOf('<record>', at + 1);
  const end = xml.indexOf('</record>', at);
  return xml.slice(0, Math.floor((at + end) / 2));
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

describe('checkMarcXml', () => {
  it('passes well-formed MARCXML, with a default namespace, a marc: prefix or a large file', async () => {
    for (const name of ['nlnz-first100.marcxml', 'zebra-loc-prefixed-ns.marcxml', 'zebra-loc-opera-43.marcxml']) {
      expect(await checkMarcXml(chunks(bytes(name)))).toBeNull();
    }
    expect(await checkMarcXml(chunks(bytes('nlnz-first100.marcxml'), 1))).toBeNull(); // every character its own chunk
  });

  it('finds a truncated document at its end, in the record that breaks off', async () => {
    const xml = truncatedInRecord(60);
    const problem = await checkMarcXml(chunks(xml));
    expect(problem).toMatchObject({ line: xml.split('\n').length, reason: 'Unclosed root tag', records: 60 });
    // Position and record do not depend on how the bytes arrive.
    expect(await checkMarcXml(chunks(xml, 64 * 1024))).toEqual(problem);
    expect(await checkMarcXml(chunks(xml, 3))).toEqual(problem);
  });

  it('finds an unclosed tag early and stops reading there', async () => {
    const xml = bytes('nlnz-first100.marcxml').toString('utf8').replace('<subfield code="z">4260</subfield>', '<subfield code="z">4260');
    const source = chunks(xml, 1024);
    const problem = await checkMarcXml(source);
    expect(problem).toMatchObject({ line: 10, column: 14, reason: 'Unexpected close tag', records: 1 }); // the > of `  </datafield>`
    expect(source.pulled).toBe(1);
  });

  it('finds a stray <, a stray &, an undefined entity and an unbound prefix, each where it is', async () => {
    const base = bytes('zebra-loc-prefixed-ns.marcxml').toString('utf8');
    const title = base.indexOf('The Great Ray Charles');
    expect(title).toBeGreaterThan(0);
    const withText = (text: string) => base.slice(0, title) + text + base.slice(title);
    const cases: [string, RegExp][] = [
      ['1 <= 2 ', /^(Invalid character in tag name|Unencoded <)/],
      ['Tom & Jerry ', /^Invalid character in entity name/],
      ['Caf&eacute; ', /^Invalid character entity: &eacute$/],
      ['&#0; ', /^Invalid character entity/],
    ];
    for (const [text, reason] of cases) {
      const problem = await checkMarcXml(chunks(withText(text)));
      expect(problem).toMatchObject({ line: lineOf(base, title), reason: expect.stringMatching(reason) });
    }
    const unbound = base.replace('<marc:record', '<mrc:record');
    expect(await checkMarcXml(chunks(unbound))).toMatchObject({ reason: expect.stringMatching(/^Unbound namespace prefix/) });
    // The five XML entities and numeric references are fine.
    expect(await checkMarcXml(chunks(withText('&amp;&lt;&gt;&quot;&apos;&#233;&#xE9; ')))).toBeNull();
  });

  it('finds text after the root element and a document without one', async () => {
    const xml = bytes('zebra-loc-prefixed-ns.marcxml').toString('utf8');
    expect(await checkMarcXml(chunks(`${xml}\nrommel`))).toMatchObject({ reason: 'Text data outside of root node.' });
    expect(await checkMarcXml(chunks('<?xml version="1.0"?>\n'))).toMatchObject({ reason: 'Document has no root element' });
  });

  it('agrees with the reader: a document the check passes reads without a document error', async () => {
    const xml = truncatedInRecord(3);
    const problem = (await checkMarcXml(chunks(xml)))!;
    const results = [];
    for await (const r of readMarcXml(chunks(xml))) results.push(r);
    expect(results.filter((r) => r.kind === 'record')).toHaveLength(2);
    expect(results.at(-1)).toMatchObject({ kind: 'error', n: 3, message: expect.stringContaining(`regel ${problem.line}, kolom ${problem.column}`) });
  });
});

describe('XML problem messages', () => {
  const problem: XmlProblem = { line: 4512, column: 7, reason: 'Unclosed root tag', records: 60 };

  it('says in Dutch and English where the document breaks and that nothing was imported', () => {
    expect(xmlProblemMessages(problem)).toEqual({
      nl: 'Het bestand is geen geldige XML (regel 4512, kolom 7): het bestand houdt op voordat alle elementen gesloten zijn (is het afgebroken?); er is niets geïmporteerd.',
      en: 'The file is not well-formed XML (line 4512, column 7): Unclosed root tag; nothing was imported.',
    });
  });

  it('translates the parser’s reasons, and passes an unknown one on', () => {
    expect(dutchXmlReason('Invalid character entity: &eacute')).toMatch(/^onbekende entiteit &eacute;/);
    expect(dutchXmlReason('Unbound namespace prefix: "mrc:record"')).toBe('het namespace-voorvoegsel in "mrc:record" is niet gedeclareerd');
    expect(dutchXmlReason('Unmatched closing tag: leader')).toBe('de sluittag van <leader> past niet bij het geopende element');
    expect(dutchXmlReason('Something new')).toBe('Something new');
  });
});

describe('checkIso2709', () => {
  it('passes a file as soon as one record reads, without reading the rest', async () => {
    const source = chunks(bytes('nlnz-1000.mrc'), 4096);
    expect(await checkIso2709(source)).toBeNull();
    expect(source.pulled).toBe(1);
    // Stray trailing bytes are a per-record matter: the 24 good records are imported.
    expect(await checkIso2709(chunks(bytes('zebra-sample-24-plus-trailing-bytes.mrc')))).toBeNull();
  });

  it('reports a file of which not a single record can be read', async () => {
    const first = bytes('nlnz-1000.mrc').subarray(0, 600); // the first record without its end
    expect(await checkIso2709(chunks(first))).toEqual({ errors: 1, first: expect.stringMatching(/600 losse byte/) });
    const broken = Buffer.from(bytes('nlnz-1000.mrc').subarray(0, bytes('nlnz-1000.mrc').indexOf(0x1d) + 1));
    broken.write('99999', 12, 'latin1'); // base address beyond the record
    expect(await checkIso2709(chunks(broken))).toEqual({ errors: 1, first: expect.stringMatching(/basisadres/) });
  });
});
