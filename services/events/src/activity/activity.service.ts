import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ActivityCancelled, ActivityPlaceChanged, ActivityScheduled, type RequestContext, type RequestMeta } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { belongsTo, CommunityAccessClient, type CommunityAccessView } from '../community-access/community-access';
import { ActivityAccess } from '../community-access/activity-access';
import { Waitlist } from '../rsvp/waitlist';
import { EVENTS_CONFIG, type EventsConfig } from '../config';
import { Activity } from './activity.entity';
import { activityCancelled, activityEnded, activityNotFound, alreadyCancelled, capacityBelowGoing, communityNotFound, invalidCursor, notAllowedToSchedule } from './activity.errors';
import { toActivityResponse } from './activity.responses';
import { decodeActivityCursor, encodeActivityCursor, scheduleProblem, upcomingOnly, type ScheduleInput } from './activity.rules';
import { communityCalendar } from './calendar';
import { OccurrenceService } from '../occurrence/occurrence.service';
import { expandRecurrence } from '../occurrence/recurrence';
import { acceptedCohosts, hostedOrCohosted } from '../cohost/cohost.queries';
import { locationOf } from '../room-booking/place';
import { roomAndLocation } from '../room-booking/room-booking.errors';
import { RoomBookings, type BookableRoom } from '../room-booking/room-bookings';

export interface ScheduleActivityInput extends ScheduleInput {
  communityId: string;
  title: string;
  description: string;
  capacity?: number;
  recurrence?: { rrule: string };
  roomId?: string;
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
    private readonly rooms: RoomBookings,
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
  ) {}

  /** Organiser of the community or a community librarian of its region. */
  async schedule(ctx: RequestContext, meta: RequestMeta, input: ScheduleActivityInput): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    if (input.roomId && input.location !== undefined) throw roomAndLocation();
    const chosenRoom = input.roomId ? await this.rooms.find(this.em.fork(), input.roomId) : null;
    const location = chosenRoom ? locationOf(chosenRoom.place) : input.location;
    const problem = scheduleProblem({ ...input, location });
    if (problem) throw problem;
    const series = input.recurrence ? expandRecurrence(input.recurrence.rrule, new Date(input.startsAt), input.timeZone) : null;
    if (series && !('starts' in series)) throw series;
    const durationMs = new Date(input.endsAt).getTime() - new Date(input.startsAt).getTime();
    const access = await this.readable(input.communityId, meta);
    if (access.role !== 'organiser' && !access.isRegionStaff) throw notAllowedToSchedule();
    if (chosenRoom) this.rooms.checkFit(chosenRoom, { mode: input.mode, regionId: access.regionId });
    return idempotent(this.em, ctx, 'activity.schedule', async (em) => {
      // Held until the bookings commit: the room cannot be removed or made smaller meanwhile.
      const room = chosenRoom ? await this.rooms.hold(em, chosenRoom.id) : null;
      const capacity = room ? this.rooms.capacityIn(room, input.capacity, null) : input.capacity;
      const activity = new Activity({
        communityId: access.communityId, regionId: access.regionId, national: access.scope === 'national', visibility: access.visibility,
        title: input.title, description: input.description, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt),
        timeZone: input.timeZone, mode: input.mode, location: room ? locationOf(room.place) : (input.location ?? null), onlineUrl: input.onlineUrl ?? null,
        capacity: capacity ?? null, createdBy: caller.accountId, rrule: series?.rrule ?? null, roomId: room?.id ?? null,
        seriesEndsAt: series ? new Date(series.starts.at(-1)!.getTime() + durationMs) : null,
      });
      em.persist(activity);
      if (series || room) await em.flush();
      if (series) {
        await sqlRows(
          em,
          `INSERT INTO activity_occurrences (activity_id, original_start, starts_at, ends_at, capacity)
           SELECT $1, s, s, s + $2 * interval '1 millisecond', $3 FROM unnest($4::timestamptz[]) s`,
          [activity.id, durationMs, activity.capacity, series.starts],
        );
      }
      if (room) {
        const slots = (series ? series.starts : [activity.startsAt]).map((s) => ({ occurrenceStart: s, startsAt: s, endsAt: new Date(s.getTime() + durationMs) }));
        await this.rooms.book(em, room, activity, slots);
      }
      await this.outbox.record(em, ActivityScheduled, {
        activityId: activity.id, communityId: activity.communityId, title: activity.title, description: activity.description,
        startsAt: activity.startsAt.toISOString(), endsAt: activity.endsAt.toISOString(), timeZone: activity.timeZone,
        mode: activity.mode, location: activity.location, visibility: activity.visibility, ...(activity.rrule ? { rrule: activity.rrule } : {}),
        ...(room ? { place: room.place } : {}),
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
            ? upcomingOnly(now)
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
  async update(ctx: RequestContext, meta: RequestMeta, input: { id: string; capacity?: number | null; roomId?: string | null }) {
    const activity = await this.activities.manageable(ctx, input.id, meta);
    const chosenRoom = input.roomId ? await this.rooms.find(this.em.fork(), input.roomId) : null;
    if (chosenRoom) this.rooms.checkFit(chosenRoom, activity);
    await idempotent(this.em, ctx, 'activity.update', async (em) => {
      const locked = await this.waitlist.lockActivity(em, input.id);
      if (locked.cancelledAt) throw activityCancelled();
      // Read again under the lock: the room and capacity as they are now.
      const current = (await em.findOne(Activity, { id: input.id }))!;
      const capacity = await this.placeChange(em, ctx, current, input);
      if (capacity === undefined) return;
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
      await this.rooms.free(em, input.id);
      const attendees = await sqlRows<{ account_id: string }>(em, 'SELECT account_id FROM rsvps WHERE activity_id = $1 ORDER BY status, queue_number', [input.id]);
      // A series' attendees once each, though many signed up for several occurrences.
      const ids = [...new Set(attendees.map((a) => a.account_id))];
      await this.outbox.record(em, ActivityCancelled, { activityId: input.id, communityId: locked.communityId, attendees: ids }, originOf(ctx, locked.regionId));
    });
    return toActivityResponse((await this.em.fork().findOne(Activity, { id: input.id }))!);
  }

  /**
   * A new room (or none) for the activity: its coming occurrences are booked there (409 ROOM_TAKEN), its location is
   * the room's branch. Returns the capacity to set: the one asked for, at most the room's, or the room's when it had more.
   */
  private async placeChange(em: EntityManager, ctx: RequestContext, activity: Activity, input: { capacity?: number | null; roomId?: string | null }) {
    const roomId = input.roomId === undefined ? activity.roomId : input.roomId;
    const room: BookableRoom | null = roomId ? await this.rooms.hold(em, roomId) : null;
    const capacity = room ? this.rooms.capacityIn(room, input.capacity, activity.capacity) : input.capacity;
    if (input.roomId === undefined || input.roomId === activity.roomId) return capacity;
    await this.rooms.rebook(em, activity, room);
    const location = room ? locationOf(room.place) : activity.location;
    await sqlRows(em, 'UPDATE activities SET room_id = $2, location = $3 WHERE id = $1', [activity.id, room?.id ?? null, location]);
    await this.outbox.record(em, ActivityPlaceChanged, { activityId: activity.id, communityId: activity.communityId, place: room?.place ?? null, location }, originOf(ctx, activity.regionId));
    return capacity;
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
