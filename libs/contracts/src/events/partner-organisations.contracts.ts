import { z } from 'zod';
import { Empty, Id } from '../common';
import { defineRequest } from '../define';

/**
 * Partner organisations co-hosting an activity (ADR 0037): named by the host community's
 * organisers, shown as "In samenwerking met …" and as schema.org `contributor` Organizations.
 * Events knows organisations from communities' `organisation.profiled` events.
 */
export const ActivityPartner = z.object({ organisationId: Id, name: z.string() });
export const AddActivityPartner = defineRequest({
  pattern: 'events.activity.partner.add', service: 'events', command: true,
  // 403 NOT_ALLOWED_TO_MANAGE; 404 ORGANISATION_NOT_FOUND; 409 ORGANISATION_OF_OTHER_REGION, ALREADY_PARTNER.
  description: 'Name a partner organisation (of the activity’s region, or national) co-host of an activity (the host community’s organisers and the region’s community librarians).',
  request: z.object({ activityId: Id, organisationId: Id }).strict(),
  response: ActivityPartner,
});
export const RemoveActivityPartner = defineRequest({
  pattern: 'events.activity.partner.remove', service: 'events', command: true,
  description: 'End an organisation’s co-hosting of an activity (the host community’s organisers).',
  request: z.object({ activityId: Id, organisationId: Id }).strict(),
  response: Empty,
});
export const ListActivityPartners = defineRequest({
  pattern: 'events.activity.partner.list', service: 'events',
  description: 'The partner organisations co-hosting an activity the caller may see.',
  request: z.object({ activityId: Id }).strict(),
  response: z.object({ items: z.array(ActivityPartner) }),
});
