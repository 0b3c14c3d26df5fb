import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { Activity } from '../activity/activity.entity';
import { calendarFeed } from '../activity/calendar';
import { EVENTS_CONFIG, type EventsConfig } from '../config';
import { OccurrenceService } from '../occurrence/occurrence.service';
import type { RsvpStatus } from '../rsvp/rsvp.entity';
import { feedNotFound } from './calendar.errors';

const DAY_MS = 86_400_000;
const FEED_LIMIT = 1000;
/** 256 random bits, URL-safe: the token is the only credential a calendar app sends. */
const newToken = () => randomBytes(32).toString('base64url');

/**
 * The personal calendar feed: the activities one signed up for, at a secret address a calendar
 * app can poll without signing in. One token per account; rotating replaces it, so the old
 * address answers 404 from the next request on.
 */
@Injectable()
export class PersonalFeedService {
  constructor(
    private readonly em: EntityManager,
    private readonly occurrences: OccurrenceService,
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
  ) {}

  /** The caller's token, made on first use. */
  async token(ctx: RequestContext): Promise<{ token: string }> {
    const caller = requireAccount(ctx);
    const em = this.em.fork();
    await sqlRows(em, 'INSERT INTO calendar_feeds (account_id, token) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING', [caller.accountId, newToken()]);
    const [row] = await sqlRows<{ token: string }>(em, 'SELECT token FROM calendar_feeds WHERE account_id = $1', [caller.accountId]);
    return { token: row!.token };
  }

  async rotate(ctx: RequestContext): Promise<{ token: string }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'calendar-feed.rotate', async (em) => {
      const token = newToken();
      await sqlRows(
        em,
        'INSERT INTO calendar_feeds (account_id, token) VALUES ($1, $2) ON CONFLICT (account_id) DO UPDATE SET token = EXCLUDED.token, rotated_at = now()',
        [caller.accountId, token],
      );
      return { token };
    });
  }

  /** The feed behind a token; 404 for a token that is not (or no longer) anyone's. */
  async feed(token: string): Promise<{ ics: string }> {
    const em = this.em.fork();
    const [owner] = await sqlRows<{ account_id: string }>(em, 'SELECT account_id FROM calendar_feeds WHERE token = $1', [token]);
    if (!owner) throw feedNotFound();
    const signs = await sqlRows<{ activity_id: string; occurrence_start: Date; status: RsvpStatus }>(
      em,
      `SELECT r.activity_id, r.occurrence_start, r.status FROM rsvps r JOIN activities a ON a.id = r.activity_id
         LEFT JOIN activity_occurrences o ON o.activity_id = r.activity_id AND o.original_start = r.occurrence_start
        WHERE r.account_id = $1 AND coalesce(o.ends_at, a.ends_at) >= $2 ORDER BY coalesce(o.starts_at, a.starts_at), a.id LIMIT $3`,
      [owner.account_id, new Date(Date.now() - 365 * DAY_MS), FEED_LIMIT],
    );
    // Per occurrence: a single activity's one occurrence starts at its start.
    const key = (activityId: string, start: Date) => `${activityId} ${new Date(start).getTime()}`;
    const statusOf = new Map(signs.map((s) => [key(s.activity_id, s.occurrence_start), s.status]));
    const activities = await em.find(Activity, { id: { $in: [...new Set(signs.map((s) => s.activity_id))] } }, { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
    const occurrences = await this.occurrences.ofSeries(em, activities);
    return {
      ics: calendarFeed({
        name: 'Mijn activiteiten (KennisCloud)', description: 'De activiteiten waarvoor je je op KennisCloud hebt aangemeld',
        domain: this.config.EVENTS_CALENDAR_DOMAIN, activities, occurrences,
        tentative: (a, o) => statusOf.get(key(a.id, o?.originalStart ?? a.startsAt)) === 'waitlisted',
        includes: (a, o) => statusOf.has(key(a.id, o.originalStart)),
      }),
    };
  }
}
