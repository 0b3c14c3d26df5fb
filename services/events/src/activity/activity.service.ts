import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ActivityCancelled, ActivityScheduled, type RequestContext, type RequestMeta } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { belongsTo, CommunityAccessClient, type CommunityAccessView } from '../community-access/community-access';
import { ActivityAccess } from '../community-access/activity-access';
import { Waitlist } from '../rsvp/waitlist';
import { EVENTS_CONFIG, type EventsConfig } from '../config';
import { Activity } from './activity.entity';
import { activityCancelled, activityEnded, activityNotFound, alreadyCancelled, capacityBelowGoing, communityNotFound, invalidCursor, notAllowedToSchedule } from './activity.errors';
import { toActivityResponse } from './activity.responses';
import { decodeActivityCursor, encodeActivityCursor, scheduleProblem, type ScheduleInput } from './activity.rules';
import { communityCalendar } from './calendar';
import { OccurrenceService } from '../occurrence/occurrence.service';
import { expandRecurrence } from '../occurrence/recurrence';
import { acceptedCohosts, hostedOrCohosted } from '../cohost/cohost.queries';

export interface ScheduleActivityInput extends ScheduleInput {
  communityId: string;
  title: string;
  description: string;
  capacity?: number;
  recurrence?: { rrule: string };
}

const CALENDAR_LIMIT = 1000;

@Injectable()
export class ActivityService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityAccessClient,
    private readonly waitlist: Waitlist,
    private readonly activities: ActivityAccess,
    private readonly occurrences: OccurrenceService,
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
  ) {}

  /** Organiser of the community or a community librarian of its region. */
  async schedule(ctx: RequestContext, meta: RequestMeta, input: ScheduleActivityInput): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    const problem = scheduleProblem(input);
    if (problem) throw problem;
    const series = input.recurrence ? expandRecurrence(input.recurrence.rrule, new Date(input.startsAt), input.timeZone) : null;
    if (series && !('starts' in series)) throw series;
    const durationMs = new Date(input.endsAt).getTime() - new Date(input.startsAt).getTime();
    const access = await this.readable(input.communityId, meta);
    if (access.role !== 'organiser' && !access.isRegionStaff) throw notAllowedToSchedule();
    return idempotent(this.em, ctx, 'activity.schedule', async (em) => {
      const activity = new Activity({
        communityId: access.communityId, regionId: access.regionId, visibility: access.visibility,
        title: input.title, description: input.description, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt),
        timeZone: input.timeZone, mode: input.mode, location: input.location ?? null, onlineUrl: input.onlineUrl ?? null,
        capacity: input.capacity ?? null, createdBy: caller.accountId, rrule: series?.rrule ?? null,
        seriesEndsAt: series ? new Date(series.starts.at(-1)!.getTime() + durationMs) : null,
      });
      em.persist(activity);
      if (series) {
        await em.flush();
        await sqlRows(
          em,
          `INSERT INTO activity_occurrences (activity_id, original_start, starts_at, ends_at, capacity)
           SELECT $1, s, s, s + $2 * interval '1 millisecond', $3 FROM unnest($4::timestamptz[]) s`,
          [activity.id, durationMs, activity.capacity, series.starts],
        );
      }
      await this.outbox.record(em, ActivityScheduled, {
        activityId: activity.id, communityId: activity.communityId, title: activity.title, description: activity.description,
        startsAt: activity.startsAt.toISOString(), endsAt: activity.endsAt.toISOString(), timeZone: activity.timeZone,
        mode: activity.mode, location: activity.location, visibility: activity.visibility, ...(activity.rrule ? { rrule: activity.rrule } : {}),
      }, originOf(ctx, activity.regionId));
      return { id: activity.id };
    });
  }

  /** Upcoming (not yet ended) soonest first, or past ones most recent first; keyset-paginated. */
  async list(meta: RequestMeta, query: { communityId: string; when: 'upcoming' | 'past'; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeActivityCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const access = await this.readable(query.communityId, meta);
    const upcoming = query.when === 'upcoming';
    const now = new Date();
    const keyset = after
      ? upcoming
        ? { $or: [{ startsAt: { $gt: after.startsAt } }, { startsAt: after.startsAt, id: { $gt: after.id } }] }
        : { $or: [{ startsAt: { $lt: after.startsAt } }, { startsAt: after.startsAt, id: { $lt: after.id } }] }
      : {};
    const order = upcoming ? 'asc' : 'desc';
    const em = this.em.fork();
    const rows = await em.find(
      Activity,
      {
        $and: [
          await hostedOrCohosted(em, query.communityId, belongsTo(access)), keyset,
          // A series is upcoming until its last occurrence ended.
          upcoming
            ? { $or: [{ seriesEndsAt: null, endsAt: { $gt: now } }, { seriesEndsAt: { $gt: now } }] }
            : { $or: [{ seriesEndsAt: null, endsAt: { $lte: now } }, { seriesEndsAt: { $lte: now } }] },
        ],
      },
      { orderBy: [{ startsAt: order }, { id: order }], limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toActivityResponse), nextCursor: rows.length > query.limit ? encodeActivityCursor(last.startsAt, last.id) : null };
  }

  /** One activity for those who may see its community (404 for anyone else), with the caller's own sign-up. */
  async get(ctx: RequestContext, meta: RequestMeta, id: string) {
    const em = this.em.fork();
    const activity = await em.findOne(Activity, { id });
    if (!activity || !(await this.activities.mayRead(em, activity, meta))) throw activityNotFound();
    // A series' sign-ups are per occurrence (ListOccurrences).
    const sign = ctx.accountId && !activity.rrule ? await this.waitlist.signOf(em, id, ctx.accountId, activity.startsAt) : undefined;
    const cohosts = (await acceptedCohosts(em, [activity.id])).get(activity.id) ?? [];
    return { ...toActivityResponse(activity), cohostCommunityIds: cohosts, myRsvp: sign?.status ?? null, myWaitlistPosition: sign?.position ?? null };
  }

  /** The organiser or a community librarian changes the capacity; a higher one promotes from the waitlist at once. */
  async update(ctx: RequestContext, meta: RequestMeta, input: { id: string; capacity?: number | null }) {
    await this.activities.manageable(ctx, input.id, meta);
    await idempotent(this.em, ctx, 'activity.update', async (em) => {
      const locked = await this.waitlist.lockActivity(em, input.id);
      if (locked.cancelledAt) throw activityCancelled();
      if (input.capacity === undefined) return;
      const capacity = input.capacity;
      if (!locked.rrule) {
        if (capacity !== null && capacity < locked.attendeeCount) throw capacityBelowGoing(locked.attendeeCount);
        await this.waitlist.setCapacity(em, locked, capacity, originOf(ctx, locked.regionId));
        return;
      }
      // A series: every occurrence that has not ended takes the new capacity (ended ones keep the figures they had).
      const now = Date.now();
      const open = (await this.waitlist.lockOccurrences(em, input.id)).filter((o) => o.endsAt.getTime() > now);
      const most = Math.max(0, ...open.map((o) => o.attendeeCount));
      if (capacity !== null && capacity < most) throw capacityBelowGoing(most);
      await sqlRows(em, 'UPDATE activities SET capacity = $2 WHERE id = $1', [input.id, capacity]);
      for (const occurrence of open) await this.waitlist.setCapacity(em, occurrence, capacity, originOf(ctx, locked.regionId));
    });
    return toActivityResponse((await this.em.fork().findOne(Activity, { id: input.id }))!);
  }

  /** Cancels an activity: it stays on calendars and feeds as cancelled; everyone signed up gets ActivityCancelled. */
  async cancel(ctx: RequestContext, meta: RequestMeta, input: { id: string; reason: string }) {
    const activity = await this.activities.manageable(ctx, input.id, meta);
    await idempotent(this.em, ctx, 'activity.cancel', async (em) => {
      const locked = await this.waitlist.lockActivity(em, input.id);
      if (locked.cancelledAt) throw alreadyCancelled();
      if ((locked.rrule ? activity.seriesEndsAt! : locked.endsAt).getTime() <= Date.now()) throw activityEnded();
      await sqlRows(em, 'UPDATE activities SET cancelled_at = now(), cancel_reason = $2 WHERE id = $1', [input.id, input.reason]);
      const attendees = await sqlRows<{ account_id: string }>(em, 'SELECT account_id FROM rsvps WHERE activity_id = $1 ORDER BY status, queue_number', [input.id]);
      // A series' attendees once each, though many signed up for several occurrences.
      const ids = [...new Set(attendees.map((a) => a.account_id))];
      await this.outbox.record(em, ActivityCancelled, { activityId: input.id, communityId: locked.communityId, attendees: ids }, originOf(ctx, locked.regionId));
    });
    return toActivityResponse((await this.em.fork().findOne(Activity, { id: input.id }))!);
  }

  async calendar(meta: RequestMeta, communityId: string): Promise<{ ics: string }> {
    const access = await this.readable(communityId, meta);
    const since = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    const em = this.em.fork();
    const activities = await em.find(
      Activity,
      { $and: [await hostedOrCohosted(em, communityId, belongsTo(access)), { $or: [{ endsAt: { $gte: since } }, { seriesEndsAt: { $gte: since } }] }] },
      { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: CALENDAR_LIMIT },
    );
    const occurrences = await this.occurrences.ofSeries(this.em.fork(), activities);
    return { ics: communityCalendar({ communityName: access.name, domain: this.config.EVENTS_CALENDAR_DOMAIN, activities, occurrences }) };
  }


  /** What the caller may do in the community; 404 when they may not see it. */
  async readable(communityId: string, meta: RequestMeta): Promise<CommunityAccessView> {
    const access = await this.communities.of(communityId, meta);
    if (!access.canRead) throw communityNotFound();
    return access;
  }
}
