import { z } from 'zod';
import { Id, IsoDateTime } from '../common';
import { defineEvent, defineRequest } from '../define';

/**
 * What happens to what someone wrote when their account is erased (GDPR art. 17):
 * `anonymise` keeps their conversations and contributions, signed "Oud-deelnemer";
 * `delete` removes them (a thread keeps "Deze bijdrage is verwijderd").
 */
export const ErasureContent = z.enum(['anonymise', 'delete']);
export type ErasureContent = z.infer<typeof ErasureContent>;

/** The services that hold personal data and confirm their part of an erasure, in ledger order. */
export const ERASING_SERVICES = ['identity', 'communities', 'events', 'catalogue', 'search'] as const;
export type ErasingService = (typeof ERASING_SERVICES)[number];

/** The name an erased person's remaining words are signed with. */
export const FORMER_PARTICIPANT = { nl: 'Oud-deelnemer', en: 'Former participant' } as const;

export const Erasure = z.object({
  id: Id,
  accountId: Id,
  content: ErasureContent,
  requestedAt: IsoDateTime,
  /** Who asked: the person themselves, the national operator, or the region's retention of inactive accounts. */
  requestedBy: z.enum(['self', 'operator', 'retention']),
  status: z.enum(['pending', 'complete']),
  completedAt: IsoDateTime.nullable(),
  /** Per service: when it confirmed that it holds nothing of the person any more (null: not yet). */
  services: z.array(z.object({ service: z.enum(ERASING_SERVICES), confirmedAt: IsoDateTime.nullable() })),
});

export const ErasureStarted = z.object({ id: Id, status: z.enum(['pending', 'complete']) });

export const EraseMe = defineRequest({
  pattern: 'identity.erasure.self', service: 'identity', command: true,
  description: 'Erase my account and everything every service holds about me; the password confirms it. Every service confirms within a minute.',
  request: z.object({ password: z.string().min(1).max(200), content: ErasureContent }).strict(),
  response: ErasureStarted,
});
export const EraseAccount = defineRequest({
  pattern: 'identity.erasure.operator', service: 'identity', command: true,
  description: 'Erase an account and everything every service holds about it (national operator only, for example at the person’s written request).',
  request: z.object({ accountId: Id, content: ErasureContent, reason: z.string().trim().min(1).max(500) }).strict(),
  response: ErasureStarted,
});
export const GetErasure = defineRequest({
  pattern: 'identity.erasure.get', service: 'identity',
  description: 'The erasure ledger entry: which service confirmed when (national operator only).',
  request: z.object({ id: Id }).strict(),
  response: Erasure,
});

export const ErasureRequested = defineEvent({
  service: 'identity', aggregate: 'account', event: 'erasure-requested', version: 1,
  description: 'An account is being erased: every service deletes what it holds about it (ids only) and confirms.',
  schema: z.object({ erasureId: Id, accountId: Id, content: ErasureContent }),
});

/** What communities removed or kept of an erased person's content, for the services that hold copies of it (search, catalogue). */
export const AccountContentErased = defineEvent({
  service: 'communities', aggregate: 'account', event: 'content-erased', version: 1,
  description: 'Communities erased a person’s part: with `delete`, the ids of their conversations, contributions, media links and theme collections that are gone (ids only).',
  schema: z.object({
    erasureId: Id, accountId: Id, content: ErasureContent,
    conversationIds: z.array(Id), contributionIds: z.array(Id), mediaIds: z.array(Id), collectionIds: z.array(Id),
  }),
});

const erasureConfirmed = <const S extends Exclude<ErasingService, 'identity'>>(service: S) =>
  defineEvent({
    service, aggregate: 'erasure', event: 'confirmed', version: 1,
    description: `The ${service} service holds nothing of the erased account any more (its database, and its messages in its stream).`,
    schema: z.object({ erasureId: Id, accountId: Id }),
  });
export const CommunitiesErasureConfirmed = erasureConfirmed('communities');
export const EventsErasureConfirmed = erasureConfirmed('events');
export const CatalogueErasureConfirmed = erasureConfirmed('catalogue');
export const SearchErasureConfirmed = erasureConfirmed('search');
export const ERASURE_CONFIRMATIONS = [CommunitiesErasureConfirmed, EventsErasureConfirmed, CatalogueErasureConfirmed, SearchErasureConfirmed] as const;

/** Event types that are part of the erasure itself: they carry ids only and must reach every service, so erasure never deletes them. */
export const ERASURE_PROTOCOL_TYPES: readonly string[] = [ErasureRequested, AccountContentErased, ...ERASURE_CONFIRMATIONS].map((c) => c.type);

/** What a conversation started by a person erased with `delete` is called from then on (its replies by others stay). */
export const ERASED_CONVERSATION_TITLE = 'Verwijderd gesprek';
