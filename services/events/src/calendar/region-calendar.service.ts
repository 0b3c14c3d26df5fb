import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { AccessDirectory } from '@kc/auth';
import type { RegionEntry, RequestContext, RequestMeta } from '@kc/contracts';
import type { FilterQuery } from '@mikro-orm/core';
import { Activity, type ActivityMode } from '../activity/activity.entity';
import { invalidCursor } from '../activity/activity.errors';
import { OccurrenceService } from '../occurrence/occurrence.service';
import { singleOccurrence, toOccurrenceItem } from '../occurrence/occurrence.responses';
import { decodeActivityCursor, encodeActivityCursor } from '../activity/activity.rules';
import { belongsTo, CommunityAccessClient } from '../community-access/community-access';
import { EVENTS_CONFIG, type EventsConfig } from '../config';
import { calendarFeed } from '../activity/calendar';
import { acceptedCohosts, hostedOrCohosted } from '../cohost/cohost.queries';
import { CALENDAR_YEARS, invalidWindow, regionNotFound, windowOutOfBounds, windowTooLong } from './calendar.errors';

const DAY_MS = 86_400_000;
/** A region's activities: of its communities, and of national communities (whatever region they were started from). */
const inRegion = (regionId: string): FilterQuery<Activity> => ({ $or: [{ regionId }, { national: true }] });
/** A month view with its spill-over weeks fits; longer periods page through the months. */
export const MAX_WINDOW_DAYS = 93;
const DEFAULT_WINDOW_DAYS = 31;
const FEED_LIMIT = 1000;
/** Series whose occurrences may fall in one period (each has at most 260 occurrences). */
const SERIES_LIMIT = 500;

export interface RegionQuery {
  region: string;
  from?: string;
  to?: string;
  mode?: ActivityMode;
  communityId?: string;
  limit: number;
  cursor?: string;
}

/**
 * A region's calendar: its public activities and those of national communities, and the
 * members-only ones of communities the caller may read now (asked of communities, which decides
 * membership and the region's community librarians), for a period; and the region's public
 * iCalendar feed (national communities' public activities included).
 */
@Injectable()
export class RegionCalendarService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessDirectory,
    private readonly communities: CommunityAccessClient,
    private readonly occurrences: OccurrenceService,
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
  ) {}

  async list(ctx: RequestContext, meta: RequestMeta, query: RegionQuery) {
    const after = query.cursor ? decodeActivityCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS);
    if ([from, to].some((d) => d.getUTCFullYear() < CALENDAR_YEARS.first || d.getUTCFullYear() > CALENDAR_YEARS.last)) throw windowOutOfBounds();
    if (!(to > from)) throw invalidWindow();
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw windowTooLong(MAX_WINDOW_DAYS);
    const region = await this.region(query.region);
    const em = this.em.fork();
    const community: FilterQuery<Activity> = query.communityId ? await hostedOrCohosted(em, query.communityId, true) : {};
    const filters = { $and: [inRegion(region.regionId), { startsAt: { $lt: to }, ...(query.mode ? { mode: query.mode } : {}) }, community] };
    // A series is a candidate while any occurrence may fall in the period (its first starts before `to`, its last ends after `from`).
    const single: FilterQuery<Activity> = { $and: [filters, { rrule: null, endsAt: { $gt: from } }] };
    const recurring: FilterQuery<Activity> = { $and: [filters, { rrule: { $ne: null }, seriesEndsAt: { $gt: from } }] };
    const readable = ctx.accountId ? await this.readableMembersOnly(em, { $or: [single, recurring] }, meta) : [];
    const visible: FilterQuery<Activity> = { $or: [{ visibility: 'public' }, { id: { $in: readable } }] };
    const keyset: FilterQuery<Activity> = after ? { $or: [{ startsAt: { $gt: after.startsAt } }, { startsAt: after.startsAt, id: { $gt: after.id } }] } : {};
    const singles = await em.find(Activity, { $and: [single, visible, keyset] }, { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: query.limit + 1 });
    const seriesList = await em.find(Activity, { $and: [recurring, visible] }, { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: SERIES_LIMIT });
    const occurrences = await this.occurrences.ofSeries(em, seriesList);
    const afterKey = (startsAt: Date, id: string) => !after || startsAt > after.startsAt || (startsAt.getTime() === after.startsAt.getTime() && id > after.id);
    const rows = [
      ...singles.map((a) => ({ activity: a, occurrence: singleOccurrence(a) })),
      ...seriesList.flatMap((a) => (occurrences.get(a.id) ?? [])
        .filter((o) => o.endsAt > from && o.startsAt < to && afterKey(o.startsAt, a.id))
        .map((o) => ({ activity: a, occurrence: o }))),
    ].sort((x, y) => x.occurrence.startsAt.getTime() - y.occurrence.startsAt.getTime() || (x.activity.id < y.activity.id ? -1 : x.activity.id > y.activity.id ? 1 : 0));
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => toOccurrenceItem(r.activity, r.occurrence)),
      nextCursor: rows.length > query.limit && last ? encodeActivityCursor(last.occurrence.startsAt, last.activity.id) : null,
    };
  }

  /** The region's public activities (a feed is fetched without a token): a year back and everything ahead. */
  async feed(slug: string): Promise<{ ics: string }> {
    const region = await this.region(slug);
    const activities = await this.em.fork().find(
      Activity,
      { $and: [inRegion(region.regionId), { visibility: 'public', $or: [{ endsAt: { $gte: new Date(Date.now() - 365 * DAY_MS) } }, { seriesEndsAt: { $gte: new Date(Date.now() - 365 * DAY_MS) } }] }] },
      { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: FEED_LIMIT },
    );
    const occurrences = await this.occurrences.ofSeries(this.em.fork(), activities);
    return {
      ics: calendarFeed({
        name: `Activiteiten in regio ${region.slug}`, description: `De openbare activiteiten van regio ${region.slug} op KennisCloud`,
        domain: this.config.EVENTS_CALENDAR_DOMAIN, activities, occurrences,
      }),
    };
  }

  /** The region as identity's directory holds it now; a miss waits for the directory to catch up once (a region made a moment ago). */
  private async region(slug: string): Promise<RegionEntry> {
    let region = this.access.regionBySlug(slug);
    if (!region) {
      await this.access.catchUp().catch(() => undefined);
      region = this.access.regionBySlug(slug);
    }
    if (!region) throw regionNotFound();
    return region;
  }

  /** Members-only activities in the period that the caller may read now: of a community they may read, or co-hosted by one they belong to. */
  private async readableMembersOnly(em: EntityManager, within: FilterQuery<Activity>, meta: RequestMeta): Promise<string[]> {
    const candidates = await em.find(Activity, { $and: [within, { visibility: 'members' }] }, { fields: ['communityId'], limit: 2000 });
    const cohosts = await acceptedCohosts(em, candidates.map((a) => a.id));
    const ids = [...new Set(candidates.flatMap((a) => [a.communityId, ...(cohosts.get(a.id) ?? [])]))];
    const access = new Map(await Promise.all(ids.map(async (id) => [id, await this.communities.of(id, meta)] as const)));
    return candidates
      .filter((a) => access.get(a.communityId)!.canRead || (cohosts.get(a.id) ?? []).some((c) => belongsTo(access.get(c)!)))
      .map((a) => a.id);
  }

}
