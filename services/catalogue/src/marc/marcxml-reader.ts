import type { QualifiedTag } from 'sax';
import type { MarcDataField, MarcReadResult, MarcRecord } from './marc-record';
import { createMarcXmlParser, dutchXmlReason, isMarcElement, xmlProblemOf } from './marcxml-check';

export { MARCXML_NAMESPACE } from './marcxml-check';

/**
 * Streams MARCXML records out of a byte stream with a namespace-aware SAX parser: elements are
 * matched on their namespace URI and local name, so `<record>`, `<marc:record>` and any other
 * prefix bound to the MARC 21 slim namespace (or no namespace at all) read the same. Records
 * inside a wrapper (OAI-PMH, SRU) are found wherever they are. Pull-based: the next chunk is
 * read only when the consumer asks for more records.
 *
 * A document that breaks off or is not well-formed further on yields its records up to the
 * break and then one error: the import checks the whole document with `checkMarcXml` first,
 * so there this is only a safety net.
 */
export async function* readMarcXml(source: AsyncIterable<Uint8Array>): AsyncGenerator<MarcReadResult> {
  const parser = createMarcXmlParser();
  const out: MarcReadResult[] = [];
  let n = 0;
  let record: MarcRecord | undefined;
  let field: MarcDataField | undefined;
  let capture: { kind: 'leader' } | { kind: 'control'; tag: string } | { kind: 'subfield'; code: string } | undefined;
  let text = '';
  let fatal: string | undefined;

  const attr = (tag: QualifiedTag, name: string) => {
    const a = tag.attributes[name];
    return a ? a.value : undefined;
  };

  parser.onopentag = (node) => {
    const tag = node as QualifiedTag;
    if (!isMarcElement(tag)) return;
    switch (tag.local) {
      case 'record':
        n++;
        record = { leader: '', controlFields: [], dataFields: [] };
        return;
      case 'leader':
        if (record) { capture = { kind: 'leader' }; text = ''; }
        return;
      case 'controlfield':
        if (record) { capture = { kind: 'control', tag: attr(tag, 'tag') ?? '' }; text = ''; }
        return;
      case 'datafield':
        if (record) field = { tag: attr(tag, 'tag') ?? '', ind1: attr(tag, 'ind1') ?? ' ', ind2: attr(tag, 'ind2') ?? ' ', subfields: [] };
        return;
      case 'subfield':
        if (field) { capture = { kind: 'subfield', code: attr(tag, 'code') ?? '' }; text = ''; }
        return;
    }
  };
  parser.ontext = (t) => { if (capture) text += t; };
  parser.oncdata = (t) => { if (capture) text += t; };
  parser.onclosetag = () => {
    // sax reports the closing of the element it opened last: match on the open state.
    const tag = (parser as unknown as { tag?: QualifiedTag }).tag;
    if (!tag || !isMarcElement(tag)) return;
    switch (tag.local) {
      case 'leader':
        if (record && capture?.kind === 'leader') record.leader = text;
        capture = undefined;
        return;
      case 'controlfield':
        if (record && capture?.kind === 'control') record.controlFields.push({ tag: capture.tag, value: text });
        capture = undefined;
        return;
      case 'subfield':
        if (field && capture?.kind === 'subfield') field.subfields.push([capture.code, text]);
        capture = undefined;
        return;
      case 'datafield':
        if (record && field) record.dataFields.push(field);
        field = undefined;
        return;
      case 'record':
        if (record) out.push(validate(n, record));
        record = undefined;
        field = undefined;
        capture = undefined;
        return;
    }
  };
  parser.onerror = (error) => {
    if (fatal) return; // sax goes on after an error within the same chunk: the first one counts
    const problem = xmlProblemOf(parser, error, n);
    fatal = `Het XML-bestand is niet goed gevormd (regel ${problem.line}, kolom ${problem.column}): ${dutchXmlReason(problem.reason)}`;
  };

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield* out.splice(0);
    if (fatal) break;
  }
  if (!fatal) {
    parser.write(decoder.decode());
    parser.close();
    yield* out.splice(0);
  }
  if (fatal) {
    yield { kind: 'error', n: n || 1, message: record ? `Record ${n}: ${fatal}` : fatal };
  } else if (record) {
    yield { kind: 'error', n, message: 'Het bestand houdt midden in een record op; dat record is overgeslagen.' };
  }
}

function validate(n: number, record: MarcRecord): MarcReadResult {
  for (const f of record.controlFields) {
    if (!/^[0-9A-Za-z]{3}$/.test(f.tag)) return { kind: 'error', n, message: `Controleveld met ongeldige code "${f.tag}".` };
  }
  for (const f of record.dataFields) {
    if (!/^[0-9A-Za-z]{3}$/.test(f.tag)) return { kind: 'error', n, message: `Dataveld met ongeldige code "${f.tag}".` };
  }
  return { kind: 'record', n, record };
}
