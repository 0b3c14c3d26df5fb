import { z } from 'zod';
import { Created, Id, IsoDateTime } from '../common';
import { defineEvent, defineRequest } from '../define';

/** One service's part of a person's data export: its tables' rows about them, by section. */
export const PersonalDataPart = z.object({
  service: z.string(),
  /** What the service holds nothing about, said in words (an empty part is an answer too). */
  note: z.string().optional(),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonalDataPart = z.infer<typeof PersonalDataPart>;

const exportRequest = <const S extends 'identity' | 'communities' | 'events' | 'catalogue' | 'search'>(service: S) =>
  defineRequest({
    pattern: `${service}.personal-data.export`, service,
    description: `Everything the ${service} service holds about an account (for identity's data export; internal, no route at the gateway).`,
    request: z.object({ accountId: Id }).strict(), response: PersonalDataPart,
  });
export const IdentityPersonalData = exportRequest('identity');
export const CommunitiesPersonalData = exportRequest('communities');
export const EventsPersonalData = exportRequest('events');
export const CataloguePersonalData = exportRequest('catalogue');
export const SearchPersonalData = exportRequest('search');
/** The services an export asks, in the order of its document. */
export const PERSONAL_DATA_PARTS = [IdentityPersonalData, CommunitiesPersonalData, EventsPersonalData, CataloguePersonalData, SearchPersonalData] as const;

export const ExportStatus = z.enum(['pending', 'ready', 'failed']);
export const DataExport = z.object({
  id: Id, status: ExportStatus, requestedAt: IsoDateTime, readyAt: IsoDateTime.nullable(), expiresAt: IsoDateTime,
  /** When ready: one document with every service's part. */
  document: z.object({ accountId: Id, generatedAt: IsoDateTime, parts: z.array(PersonalDataPart) }).nullable(),
});

export const ExportRequested = defineEvent({
  service: 'identity', aggregate: 'export', event: 'requested', version: 1,
  description: 'A person asked for all their data (GDPR art. 15/20); identity gathers every service’s part (ids only).',
  schema: z.object({ exportId: Id, accountId: Id }),
});
export const RequestDataExport = defineRequest({
  pattern: 'identity.export.request', service: 'identity', command: true,
  description: 'Ask for a document with everything every service holds about me; ready within a minute.',
  request: z.object({}).strict(), response: Created,
});
export const GetDataExport = defineRequest({
  pattern: 'identity.export.get', service: 'identity',
  description: 'One of my data exports (404 for anyone else’s), with the document once it is ready.',
  request: z.object({ id: Id }).strict(), response: DataExport,
});
export const ListDataExports = defineRequest({
  pattern: 'identity.export.list', service: 'identity',
  description: 'My data exports, newest first (without their documents).',
  request: z.object({}).strict(), response: z.object({ items: z.array(DataExport.omit({ document: true })) }),
});
