// marcjs 3 ships no type declarations; only the part the catalogue uses.
declare module 'marcjs' {
  export class Record {
    leader: string;
    /** `[tag, value]` for control fields, `[tag, indicators, code, value, code, value, …]` for data fields. */
    fields: string[][];
  }
  export const Iso2709Parser: { parse(raw: Buffer): Record };
}
