/** A MARC 21 record as the readers hand it over, whatever the file format was. */
export interface MarcControlField {
  tag: string;
  value: string;
}
export interface MarcDataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: [code: string, value: string][];
}
export interface MarcRecord {
  leader: string;
  controlFields: MarcControlField[];
  dataFields: MarcDataField[];
}

/** What a reader yields: a record, or why the n-th record (1-based, in file order) could not be read. */
export type MarcReadResult = { kind: 'record'; n: number; record: MarcRecord } | { kind: 'error'; n: number; message: string };
