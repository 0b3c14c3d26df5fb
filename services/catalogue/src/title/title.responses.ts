export interface TitleRow {
  id: string;
  region_id: string;
  title: string;
  authors: string[];
  year: number | null;
  isbn: string | null;
  subjects: string[];
  summary: string | null;
  language: string | null;
}

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
