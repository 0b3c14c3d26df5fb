import { withoutUnsafeText } from '@kc/contracts';
import { createHash } from 'node:crypto';
import type { MarcDataField, MarcRecord } from './marc-record';

/** A title as the catalogue stores it, mapped from one MARC 21 bibliographic record. */
export interface MappedTitle {
  sourceId: string;
  title: string;
  authors: string[];
  year: number | null;
  isbn: string | null;
  subjects: string[];
  summary: string | null;
  language: string | null;
}

const LIMITS = { title: 1000, name: 300, subject: 300, summary: 10_000, list: 50 };
const SUBJECT_TAGS = new Set(['600', '610', '611', '630', '647', '648', '650', '651', '653', '654', '655', '656', '657', '658', '662', '690', '691', '692', '693', '694', '695', '696', '697', '698', '699']);
const AUTHOR_TAGS = ['100', '110', '111', '700', '710', '711'];

/**
 * MARC 21 → title: 245 $a $b (title), 100/110/111 and 700/710/711 $a (authors), 264/260 $c or
 * 008/07-10 (year), 020 $a (ISBN), 6XX (subjects, subdivisions joined with " -- "), 520 $a $b
 * (summary), 008/35-37 or 041 $a (language), 001 (source id; a content hash without one).
 * Returns a Dutch reason when the record has no title.
 */
export function mapMarcRecord(record: MarcRecord): MappedTitle | string {
  // Catalogue data is cleaned rather than refused: NUL and broken surrogates cannot be stored.
  const control = (tag: string) => {
    const value = record.controlFields.find((f) => f.tag === tag)?.value;
    return value === undefined ? undefined : withoutUnsafeText(value);
  };
  const fields = (tag: string) => record.dataFields.filter((f) => f.tag === tag);
  const first = (field: MarcDataField | undefined, ...codes: string[]) =>
    field?.subfields.filter(([c]) => codes.includes(c)).map(([, v]) => withoutUnsafeText(v)) ?? [];

  const f245 = fields('245')[0];
  const title = clip(cleanIsbd([...first(f245, 'a'), ...first(f245, 'b')].map(cleanIsbd).filter(Boolean).join(' : ')), LIMITS.title);
  if (!title) return 'Record zonder titel (veld 245 $a ontbreekt of is leeg).';

  const authors = unique(
    AUTHOR_TAGS.flatMap((tag) => fields(tag).map((f) => clip(cleanIsbd(first(f, 'a').join(' ')), LIMITS.name))),
  ).slice(0, LIMITS.list);

  const subjects = unique(
    record.dataFields
      .filter((f) => SUBJECT_TAGS.has(f.tag))
      .map((f) =>
        clip(
          f.subfields
            .filter(([c]) => /^[a-z]$/.test(c) && c !== 'e' && c !== '2' && c !== '0')
            .map(([, v]) => cleanIsbd(v))
            .filter(Boolean)
            .join(' -- '),
          LIMITS.subject,
        ),
      ),
  ).slice(0, LIMITS.list);

  const summary = clip(fields('520').map((f) => first(f, 'a', 'b').map((v) => v.trim()).join(' ')).filter(Boolean).join('\n\n'), LIMITS.summary) || null;

  const f008 = control('008') ?? '';
  const published = [...fields('264').filter((f) => f.ind2 === '1'), ...fields('260'), ...fields('264')].flatMap((f) => first(f, 'c'));
  let year: number | null = null;
  for (const value of published) {
    const m = /(1[0-9]|20)\d{2}/.exec(value);
    if (m) { year = Number(m[0]); break; }
  }
  if (year === null && /^\d{4}$/.test(f008.slice(7, 11))) year = Number(f008.slice(7, 11));
  if (year !== null && (year < 1000 || year > 2100)) year = null;

  const isbn = fields('020').flatMap((f) => first(f, 'a')).map(normaliseIsbn).find((v) => v !== null) ?? null;

  let language: string | null = f008.length >= 38 ? f008.slice(35, 38).trim().toLowerCase() : null;
  if (!language || !/^[a-z]{3}$/.test(language) || language === 'und' || language === 'zxx') {
    const l041 = fields('041').flatMap((f) => first(f, 'a'))[0]?.trim().toLowerCase().slice(0, 3);
    language = l041 && /^[a-z]{3}$/.test(l041) ? l041 : null;
  }

  const sourceId = control('001')?.trim() || `sha256:${contentHash(record)}`;
  return { sourceId: sourceId.slice(0, 200), title, authors, year, isbn, subjects, summary, language };
}

/** ISBN-10 or ISBN-13 without hyphens, or null. */
export function normaliseIsbn(value: string): string | null {
  const m = /(97[89][\d-]{10,14}|[\d-]{9,12}[\dXx])/.exec(value);
  if (!m) return null;
  const digits = m[1].replace(/-/g, '').toUpperCase();
  return digits.length === 10 || digits.length === 13 ? digits : null;
}

/** Strips ISBD punctuation that MARC leaves at the end of a subfield (" /", " :", ",", "."). */
export function cleanIsbd(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/[\s/:;,=.]+$/u, '').replace(/^[\s[]+|[\s\]]+$/gu, '').trim();
}

const clip = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);
const unique = (values: string[]) => [...new Set(values.filter((v) => v.length > 0))];

function contentHash(record: MarcRecord): string {
  // 005 is the record's last-change timestamp: the same title re-exported keeps its id.
  const stable = { c: record.controlFields.filter((f) => f.tag !== '005'), d: record.dataFields };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 40);
}
