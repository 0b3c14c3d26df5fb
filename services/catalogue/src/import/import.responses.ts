import type { CatalogueImport } from './import.entity';

export const toImportResponse = (row: CatalogueImport) => ({
  id: row.id,
  status: row.status,
  format: row.format,
  imported: row.imported,
  failed: row.failed,
  bytesRead: row.bytesRead,
  bytesTotal: row.bytesTotal,
  errors: row.errors,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
});
