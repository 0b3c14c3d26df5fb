import type { MappedTitle } from '../marc/marc-mapping';

/** A `titles` row as the search queries select it: the mapped title with its id and region. */
export type TitleRow = Omit<MappedTitle, 'sourceId'> & { id: string; region_id: string };

export const toTitleResponse = (row: TitleRow) => ({
  id: row.id,
  regionId: row.region_id,
  title: row.title,
  authors: row.authors ?? [],
  year: row.year,
  isbn: row.isbn,
  subjects: row.subjects ?? [],
  summary: row.summary,
  language: row.language,
});
