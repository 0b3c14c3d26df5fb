import type { CatalogueImport } from './import.entity';

export const toImportResponse = (row: CatalogueImport) => ({
  id: row.id,
  status: row.status,
  format: row.format,
  imported: row.imported,
  failed: row.failed,
  errors: row.errors,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
});
