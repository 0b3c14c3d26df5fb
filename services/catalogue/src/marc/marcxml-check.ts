import sax, { type QualifiedTag, type SAXOptions, type SAXParser } from 'sax';

export const MARCXML_NAMESPACE = 'http://www.loc.gov/MARC21/slim';

/**
 * The one sax configuration for MARCXML, shared by the check and the reader so that both find
 * the same documents broken: strict XML (well-formedness errors with their position),
 * namespaces resolved (an unbound prefix is an error), and only the five XML entities (an
 * HTML entity such as `&eacute;` is undefined in XML).
 */
export const createMarcXmlParser = (): SAXParser =>
  // `strictEntities` exists in sax ≥ 1.3 but not in @types/sax.
  sax.parser(true, { xmlns: true, position: true, strictEntities: true } as SAXOptions);

/** Whether an element is MARCXML: the MARC 21 slim namespace or no namespace at all. */
export const isMarcElement = (tag: QualifiedTag) => tag.uri === MARCXML_NAMESPACE || tag.uri === '';

/** Where and why a document is not well-formed XML. */
export interface XmlProblem {
  /** 1-based line and column of the character at which the parser gave up. */
  line: number;
  column: number;
  /** The parser's reason, in English (e.g. "Unclosed root tag"), with the entity named where there is one. */
  reason: string;
  /** MARC records begun before the problem: the problem lies in record `records` (0: before the first). */
  records: number;
}

/**
 * The first well-formedness problem of a parser's error, at the parser's current position.
 * sax counts lines from 0 and has already counted the offending character in `column`.
 */
export function xmlProblemOf(parser: SAXParser, error: Error, records: number): XmlProblem {
  let reason = error.message.split('\n')[0];
  const entity = (parser as unknown as { entity?: string }).entity;
  if (entity && /character entity|entity name/.test(reason)) reason += `: &${entity.slice(0, 40)}`;
  return { line: parser.line + 1, column: Math.max(parser.column, 1), reason, records };
}

/**
 * Reads a whole XML document once, without keeping it: returns its first well-formedness
 * problem, or null when it is well-formed. Memory stays bounded by one chunk plus sax's own
 * buffers (sax refuses a single name, comment or attribute value above 64 KiB). Stops reading
 * at the first problem.
 */
export async function checkMarcXml(source: AsyncIterable<Uint8Array>): Promise<XmlProblem | null> {
  const parser = createMarcXmlParser();
  let problem = null as XmlProblem | null;
  let records = 0;
  let elements = 0;
  parser.onopentag = (node) => {
    elements++;
    const tag = node as QualifiedTag;
    if (tag.local === 'record' && isMarcElement(tag)) records++;
  };
  parser.onerror = (error) => {
    problem ??= xmlProblemOf(parser, error, records);
  };

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (problem) return problem;
  }
  parser.write(decoder.decode());
  if (problem) return problem;
  parser.close();
  if (problem) return problem;
  if (elements === 0) return { line: parser.line + 1, column: Math.max(parser.column, 1), reason: 'Document has no root element', records: 0 };
  return null;
}

/** Dutch for the reasons sax gives; anything else is passed on in English. */
const DUTCH_REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Unclosed root tag/, () => 'het bestand houdt op voordat alle elementen gesloten zijn (is het afgebroken?)'],
  [/^Unexpected end/, () => 'het bestand houdt midden in een tag op (is het afgebroken?)'],
  [/^Unexpected close tag/, () => 'een sluittag die niet bij het geopende element past (een tag is niet gesloten)'],
  [/^Unmatched closing tag: (.*)/, (m) => `de sluittag van <${m[1]}> past niet bij het geopende element`],
  [/^Invalid character entity: (.*)/, (m) => `onbekende entiteit ${m[1]}; (XML kent alleen &amp; &lt; &gt; &quot; &apos; en numerieke tekens)`],
  [/^Invalid character entity/, () => 'onbekende entiteit (XML kent alleen &amp; &lt; &gt; &quot; &apos; en numerieke tekens)'],
  [/^Invalid character in entity name/, () => 'een losse & in de tekst (schrijf &amp;)'],
  [/^Unencoded </, () => 'een losse < in de tekst (schrijf &lt;)'],
  [/^Invalid character in tag name/, () => 'ongeldig teken in een tagnaam (een losse < in de tekst moet &lt; zijn)'],
  [/^Invalid (tagname|characters) in closing tag/, () => 'ongeldige sluittag'],
  [/^Unbound namespace prefix: "?([^"]*)"?/, (m) => `het namespace-voorvoegsel in "${m[1]}" is niet gedeclareerd`],
  [/^Text data outside of root node/, () => 'tekst buiten het hoofdelement'],
  [/^Non-whitespace before first tag/, () => 'tekst vóór het eerste element'],
  [/^Attribute without value/, () => 'een attribuut zonder waarde'],
  [/^Unquoted attribute value/, () => 'een attribuutwaarde zonder aanhalingstekens'],
  [/^Invalid attribute name/, () => 'een ongeldige attribuutnaam'],
  [/^No whitespace between attributes/, () => 'geen spatie tussen twee attributen'],
  [/^Malformed comment/, () => 'ongeldig commentaar'],
  [/^Max buffer length exceeded/, () => 'een tag, attribuutwaarde of commentaar is langer dan 64 KiB'],
  [/^Document has no root element/, () => 'het bestand bevat geen XML-element'],
];

export function dutchXmlReason(reason: string): string {
  for (const [pattern, dutch] of DUTCH_REASONS) {
    const m = pattern.exec(reason);
    if (m) return dutch(m);
  }
  return reason;
}

/** The user-facing messages for a document that is not well-formed: nothing of it is imported. */
export function xmlProblemMessages(problem: XmlProblem): { nl: string; en: string } {
  const where = (word: [string, string]) => `${word[0]} ${problem.line}, ${word[1]} ${problem.column}`;
  return {
    nl: `Het bestand is geen geldige XML (${where(['regel', 'kolom'])}): ${dutchXmlReason(problem.reason)}; er is niets geïmporteerd.`,
    en: `The file is not well-formed XML (${where(['line', 'column'])}): ${problem.reason}; nothing was imported.`,
  };
}
