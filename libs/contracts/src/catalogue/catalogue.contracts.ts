import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Empty, Id, RegionSlug, listOf } from '../common';
import { Suggestion } from '../communities/communities.contracts';
import { defineEvent, defineRequest } from '../define';
import { HealthReport } from '../health/health.contracts';

export const CatalogueFormat = z.enum(['marcxml', 'marc21']);
export const CatalogueTitle = z.object({
  id: Id, regionId: Id, title: z.string(), authors: z.array(z.string()), year: z.number().int().nullable(),
  isbn: z.string().nullable(), subjects: z.array(z.string()), summary: z.string().nullable(), language: z.string().nullable(),
});
export const ImportStatus = z.object({
  id: Id, status: z.enum(['queued', 'running', 'completed', 'failed']), format: CatalogueFormat,
  imported: z.number().int(), failed: z.number().int(),
  /** How far the import has read its file (progress: `bytesRead / bytesTotal`; the total is null until it starts). */
  bytesRead: z.number().int(), bytesTotal: z.number().int().nullable(),
  errors: z.array(z.object({ record: z.number().int(), message: z.string() })),
  createdAt: z.string(), finishedAt: z.string().nullable(),
});

// ---- events ----
export const SuggestionsProposed = defineEvent({
  service: 'catalogue', aggregate: 'suggestions', event: 'proposed', version: 1,
  description: 'Library titles of the conversation’s region, ranked for a conversation, best first.',
  schema: z.object({ conversationId: Id, communityId: Id, revision: z.number().int(), suggestions: z.array(Suggestion).max(20) }),
});
export const ImportCompleted = defineEvent({
  service: 'catalogue', aggregate: 'import', event: 'completed', version: 1,
  description: 'A catalogue import finished (completed or failed).',
  schema: z.object({ importId: Id, status: z.enum(['completed', 'failed']), imported: z.number().int(), failed: z.number().int() }),
});

// ---- requests ----
/**
 * The gateway streams the uploaded file into the JetStream object store (bucket
 * `catalogue-uploads`, object name = import id) and then sends this command: the file itself
 * never travels as one NATS message.
 */
export const StartImport = defineRequest({
  pattern: 'catalogue.import.start', service: 'catalogue', command: true,
  description: 'Start importing an uploaded catalogue file into a region.',
  request: z.object({ importId: Id, objectName: z.string().min(1).max(200), format: CatalogueFormat, region: RegionSlug.optional() }).strict(),
  response: z.object({ id: Id }),
});
export const GetImport = defineRequest({
  pattern: 'catalogue.import.get', service: 'catalogue',
  description: 'Progress and errors of a catalogue import.',
  request: z.object({ id: Id }).strict(), response: ImportStatus,
});
export const SearchTitles = defineRequest({
  pattern: 'catalogue.title.search', service: 'catalogue',
  description: 'Search the caller’s region’s catalogue.',
  request: z.object({ q: z.string().trim().min(1).max(200), region: RegionSlug.optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict(),
  response: listOf(CatalogueTitle),
});
export const GetTitle = defineRequest({
  pattern: 'catalogue.title.get', service: 'catalogue',
  description: 'One title of a region’s catalogue, by id (communities checks a title a member adds to a conversation); 404 TITLE_NOT_FOUND when that region has no such title.',
  request: z.object({ id: Id, regionId: Id }).strict(),
  response: CatalogueTitle,
});

/**
 * The suggestion engine asked directly, for a text that is not a conversation (the meetup book
 * table of an activity). A region's collection is public metadata: no caller is needed.
 */
export const MatchTitles = defineRequest({
  pattern: 'catalogue.title.match', service: 'catalogue',
  description: 'The region’s titles that best fit a title and a text (the suggestion engine), best first, each with its reason; `exclude` are left out.',
  request: z.object({
    regionId: Id,
    title: z.string().max(300),
    body: z.string().max(20000).default(''),
    limit: z.number().int().min(1).max(20).default(8),
    exclude: z.array(Id).max(200).default([]),
  }).strict(),
  response: z.object({ items: z.array(Suggestion) }),
});

/** Attribution the Brinkman thesaurus's licence (ODC-By 1.0) asks for wherever its terms are shown. */
export const BRINKMAN_ATTRIBUTION = 'Contains OCLC information made available under the ODC Attribution license.';
export const MAX_THESAURUS_QUERY = 100;
export const MAX_THESAURUS_SUGGESTIONS = 20;

export const ThesaurusTerm = z.object({ uri: z.string(), label: z.string() });
export type ThesaurusTerm = z.infer<typeof ThesaurusTerm>;

const QUERY_LENGTH = bilingual({
  nl: `geef 1 tot ${MAX_THESAURUS_QUERY} tekens op (wat je tot nu toe typte)`, en: `give 1 to ${MAX_THESAURUS_QUERY} characters (what you typed so far)`,
});
const SUGGESTION_COUNT = bilingual({ nl: `een heel getal van 1 tot ${MAX_THESAURUS_SUGGESTIONS}`, en: `a whole number from 1 to ${MAX_THESAURUS_SUGGESTIONS}` });
/** What is typed so far: 1 to 100 characters once trimmed; how many suggestions: 1 to 20 (default 10). */
export const ThesaurusQuery = z.object({
  q: z.string(QUERY_LENGTH).trim().min(1, QUERY_LENGTH).max(MAX_THESAURUS_QUERY, QUERY_LENGTH),
  limit: z.coerce.number(SUGGESTION_COUNT).int(SUGGESTION_COUNT).min(1, SUGGESTION_COUNT).max(MAX_THESAURUS_SUGGESTIONS, SUGGESTION_COUNT).default(10),
}).strict();

/**
 * Subject headings of the Brinkman thesaurus offered as someone types (expertise keywords on a
 * profile, the people directory). Public vocabulary: no caller is needed.
 */
export const SuggestBrinkmanTerms = defineRequest({
  pattern: 'catalogue.thesaurus.brinkman.suggest', service: 'catalogue',
  description: 'Brinkman subject headings (KB) for what is typed: whole-label prefix first, then a word of the label starting with it, then (from 3 characters) anywhere inside a word; case and diacritics ignored; shorter labels first within each; at most `limit` (1–20, default 10).',
  request: ThesaurusQuery,
  response: z.object({ items: z.array(ThesaurusTerm), attribution: z.string() }),
});

/**
 * The catalogue worker (BullMQ, its own process) has no request handlers of the catalogue's
 * own; it answers this health request so the gateway's `/health` sees it too.
 */
export const CatalogueWorkerHealth = defineRequest({
  pattern: 'catalogue-worker.health', service: 'catalogue',
  description: 'Health of the catalogue worker (database, NATS, Redis).',
  request: Empty, response: HealthReport,
});

/**
 * Where the gateway streams catalogue uploads (JetStream object store) for the catalogue to
 * read. Objects are deleted after their import; the age limit removes what no import claimed
 * (a retried upload, a gateway that stopped between upload and StartImport).
 */
export const CatalogueUploadBucket = { name: 'catalogue-uploads', maxAgeHours: 72 } as const;
