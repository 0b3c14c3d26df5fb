import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

export const EventsConfigSchema = BaseConfigSchema.extend({
  EVENTS_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3103),
  /** Domain part of iCalendar UIDs (`<activity id>@<domain>`): stable, so calendar apps update instead of duplicating. */
  EVENTS_CALENDAR_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/).default('kenniscloud.nl'),
  /** How often the events service looks for occurrences to remind their attendees of (24 h before). */
  EVENTS_REMINDER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Sign-up lists and attendance of occurrences that ended longer ago than this are reduced to counts. */
  EVENTS_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** How often the events service reduces old sign-ups to counts. */
  EVENTS_RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
});
export type EventsConfig = z.infer<typeof EventsConfigSchema>;
export const EVENTS_CONFIG = Symbol('EVENTS_CONFIG');

export const loadEventsConfig = (env = process.env) => loadConfig('events', EventsConfigSchema, env);
