import { Iso2709Parser } from 'marcjs';
import type { MarcDataField, MarcReadResult, MarcRecord } from './marc-record';

const RECORD_TERMINATOR = 0x1d;
/** ISO 2709 record length has five digits. */
const MAX_RECORD_BYTES = 99_999;

/**
 * Streams ISO 2709 (MARC 21 "binary") records out of a byte stream: splits on the record
 * terminator 0x1D itself and lets marcjs parse each complete record. Bytes that do not form a
 * record (stray terminators, a truncated tail) become one reported error instead of empty
 * records or a crash; a record that cannot be parsed is reported and skipped.
 */
export async function* readIso2709(source: AsyncIterable<Uint8Array>): AsyncGenerator<MarcReadResult> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let n = 0;
  let stray = 0;
  let oversized = false;

  const strayError = (atEnd: boolean): MarcReadResult => {
    const message = atEnd
      ? `Het bestand eindigt met ${stray} losse byte(s) die geen volledig MARC-record vormen; die zijn overgeslagen.`
      : `${stray} losse byte(s) tussen twee records vormen geen MARC-record; die zijn overgeslagen.`;
    stray = 0;
    return { kind: 'error', n: n + 1, message };
  };

  function* segment(raw: Buffer): Generator<MarcReadResult> {
    const body = trimLeadingNoise(raw);
    if (body.length === 0) {
      stray += raw.length + 1; // the bytes and their terminator
      return;
    }
    if (stray) yield strayError(false);
    n++;
    const parsed = parseRecord(body);
    yield typeof parsed === 'string' ? { kind: 'error', n, message: parsed } : { kind: 'record', n, record: parsed };
  }

  for await (const chunk of source) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = buffer.indexOf(RECORD_TERMINATOR, start); end !== -1; end = buffer.indexOf(RECORD_TERMINATOR, start)) {
      const piece = buffer.subarray(start, end);
      start = end + 1;
      if (oversized) {
        oversized = false; // the terminator of the oversized record: resynchronised
        continue;
      }
      const raw = pendingBytes ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      yield* segment(raw);
    }
    if (start < buffer.length && !oversized) {
      // Copy: the chunk's memory may be reused by the stream.
      const rest = Buffer.from(buffer.subarray(start));
      pending.push(rest);
      pendingBytes += rest.length;
      if (pendingBytes > MAX_RECORD_BYTES) {
        n++;
        yield { kind: 'error', n, message: `Record ${n} is langer dan ${MAX_RECORD_BYTES} bytes zonder recordeinde (0x1D); dit is geen geldig ISO 2709-record.` };
        pending = [];
        pendingBytes = 0;
        oversized = true;
      }
    }
  }
  if (oversized) return;
  const tail = pendingBytes ? Buffer.concat(pending) : Buffer.alloc(0);
  stray += tail.length;
  if (stray) yield strayError(true);
}

function trimLeadingNoise(raw: Buffer): Buffer {
  let i = 0;
  while (i < raw.length && (raw[i] === 0x00 || raw[i] === 0x0a || raw[i] === 0x0d || raw[i] === 0x20 || raw[i] === 0x1e)) i++;
  return i ? raw.subarray(i) : raw;
}

/** A complete record (without its terminator) → record, or a Dutch reason why not. */
export function parseRecord(raw: Buffer): MarcRecord | string {
  if (raw.length < 25) return `Record van ${raw.length} bytes is te kort voor een MARC-record (leider van 24 tekens ontbreekt).`;
  const leader = raw.toString('latin1', 0, 24);
  if (!/^\d{5}$/.test(leader.slice(0, 5)) || !/^\d{5}$/.test(leader.slice(12, 17))) {
    return 'De leider van dit record is ongeldig (recordlengte en basisadres moeten cijfers zijn).';
  }
  const base = Number(leader.slice(12, 17));
  if (base < 25 || base > raw.length || (base - 25) % 12 !== 0) {
    return `Het basisadres (${base}) van dit record past niet bij de directory; het record is beschadigd.`;
  }
  let parsed: { leader: string; fields: string[][] };
  try {
    parsed = Iso2709Parser.parse(raw);
  } catch (error) {
    return `Het record kon niet worden gelezen: ${(error as Error).message}`;
  }
  const record: MarcRecord = { leader: parsed.leader, controlFields: [], dataFields: [] };
  for (const field of parsed.fields) {
    const [tag, ...rest] = field;
    if (!/^[0-9A-Za-z]{3}$/.test(tag ?? '')) return `Het record heeft een ongeldige veldcode "${tag}"; de directory is beschadigd.`;
    if (tag < '010' && /^\d+$/.test(tag)) {
      record.controlFields.push({ tag, value: stripControl(rest[0] ?? '') });
      continue;
    }
    const indicators = rest[0] ?? '  ';
    const data: MarcDataField = { tag, ind1: indicators[0] ?? ' ', ind2: indicators[1] ?? ' ', subfields: [] };
    for (let i = 1; i + 1 < rest.length; i += 2) data.subfields.push([rest[i], stripControl(rest[i + 1])]);
    record.dataFields.push(data);
  }
  return record;
}

/** Field terminators (0x1E) and other C0 controls never belong in a value. */
const stripControl = (value: string) => value.replace(/[\x00-\x08\x0b-\x1f]/g, '');

/** Why not a single record of an ISO 2709 file could be read. */
export interface Iso2709FileProblem {
  /** Errors the reader reported (all of them: no record came between). */
  errors: number;
  /** The first of them, in Dutch. */
  first: string;
}

/**
 * A file-level check: reads until the first record that parses (then null: whatever else is
 * wrong is per record, reported and skipped by the import) or to the end, when not a single
 * record could be read. Stops reading at the first good record.
 */
export async function checkIso2709(source: AsyncIterable<Uint8Array>): Promise<Iso2709FileProblem | null> {
  let errors = 0;
  let first: string | undefined;
  for await (const result of readIso2709(source)) {
    if (result.kind === 'record') return null;
    errors++;
    first ??= result.message;
  }
  return { errors, first: first ?? 'Het bestand bevat geen MARC-records.' };
}
