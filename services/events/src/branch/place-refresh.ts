import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ActivityPlaceChanged, type RequestContext } from '@kc/contracts';
import { EventOutbox, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { PLACE_OF } from '../activity/activity.entity';
import { LOCATION_SQL, type PlaceView } from '../room-booking/place';

/**
 * After a branch or room was renamed or got another address: the coming activities in it show the new location
 * (their `location` text, which calendars and feeds carry) and their consumers hear of it (ActivityPlaceChanged).
 * Ended and cancelled activities keep the text they had.
 */
@Injectable()
export class PlaceRefresh {
  constructor(private readonly outbox: EventOutbox) {}

  async ofRooms(em: EntityManager, ctx: RequestContext, where: { branchId: string } | { roomId: string }): Promise<void> {
    const [column, id] = 'branchId' in where ? ['r.branch_id', where.branchId] : ['r.id', where.roomId];
    const changed = await sqlRows<{ id: string; community_id: string; region_id: string; location: string; place: PlaceView }>(
      em,
      `UPDATE activities a SET location = ${LOCATION_SQL}
       FROM rooms r JOIN branches b ON b.id = r.branch_id
       WHERE a.room_id = r.id AND ${column} = $1 AND a.cancelled_at IS NULL AND coalesce(a.series_ends_at, a.ends_at) > now()
       RETURNING a.id, a.community_id, a.region_id, a.location, ${PLACE_OF('a.room_id')} AS place`,
      [id],
    );
    for (const a of changed) {
      await this.outbox.record(em, ActivityPlaceChanged, { activityId: a.id, communityId: a.community_id, place: a.place, location: a.location }, originOf(ctx, a.region_id));
    }
  }
}
