import { timingSafeEqual } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { activityCancelled } from '../activity/activity.errors';
import { ActivityAccess } from '../community-access/activity-access';
import { Waitlist } from '../rsvp/waitlist';
import type { RsvpStatus } from '../rsvp/rsvp.entity';
import { attendanceNotOpen, checkInNeedsPlace, invalidCheckInCode, notSignedUp } from './attendance.errors';
import { attendanceOpen, newCheckInCode, normaliseCheckInCode } from './check-in-code';

const UPSERT = `INSERT INTO attendance (activity_id, account_id, present, recorded_by, via, occurrence_start) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (activity_id, occurrence_start, account_id) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by, via = EXCLUDED.via, recorded_at = now()`;

/**
 * Who came: organisers and the region's community librarians record it per person, or people
 * with a place check in with the code shown at the door. The figures are what impact reports
 * are made of. All of it is per occurrence: a series' occurrences each have their own code and figures.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly activities: ActivityAccess,
    private readonly waitlist: Waitlist,
  ) {}

  async record(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; accountId: string; present: boolean; occurrenceStart?: string }) {
    await this.activities.manageable(ctx, input.activityId, meta);
    const occurrence = await this.waitlist.read(this.em.fork(), input.activityId, input.occurrenceStart);
    if (occurrence.cancelledAt) throw activityCancelled();
    if (!attendanceOpen(occurrence)) throw attendanceNotOpen();
    return idempotent(this.em, ctx, 'attendance.record', async (em) => {
      if (!(await this.signOf(em, input.activityId, input.accountId, occurrence.occurrenceStart))) throw notSignedUp();
      await sqlRows(em, UPSERT, [input.activityId, input.accountId, input.present, ctx.accountId, 'organiser', occurrence.occurrenceStart]);
      return { activityId: input.activityId, accountId: input.accountId, present: input.present };
    });
  }

  /** The activity's check-in code, made on first request. */
  async code(ctx: RequestContext, meta: RequestMeta, activityId: string, occurrenceStart?: string): Promise<{ activityId: string; code: string }> {
    await this.activities.manageable(ctx, activityId, meta);
    const em = this.em.fork();
    const occurrence = await this.waitlist.read(em, activityId, occurrenceStart);
    const [row] = occurrence.recurring
      ? await sqlRows<{ check_in_code: string }>(
        em, 'UPDATE activity_occurrences SET check_in_code = coalesce(check_in_code, $2) WHERE activity_id = $1 AND original_start = $3 RETURNING check_in_code',
        [activityId, newCheckInCode(), occurrence.occurrenceStart])
      : await sqlRows<{ check_in_code: string }>(em, 'UPDATE activities SET check_in_code = coalesce(check_in_code, $2) WHERE id = $1 RETURNING check_in_code', [activityId, newCheckInCode()]);
    return { activityId, code: row!.check_in_code };
  }

  async checkIn(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; code: string; occurrenceStart?: string }) {
    const caller = requireAccount(ctx);
    await this.activities.visible(input.activityId, meta);
    const occurrence = await this.waitlist.read(this.em.fork(), input.activityId, input.occurrenceStart);
    if (occurrence.cancelledAt) throw activityCancelled();
    if (!attendanceOpen(occurrence)) throw attendanceNotOpen();
    return idempotent(this.em, ctx, 'attendance.check-in', async (em) => {
      const sign = await this.signOf(em, input.activityId, caller.accountId, occurrence.occurrenceStart);
      if (!sign) throw notSignedUp();
      if (sign !== 'going') throw checkInNeedsPlace();
      const [row] = occurrence.recurring
        ? await sqlRows<{ check_in_code: string | null }>(
          em, 'SELECT check_in_code FROM activity_occurrences WHERE activity_id = $1 AND original_start = $2', [input.activityId, occurrence.occurrenceStart])
        : await sqlRows<{ check_in_code: string | null }>(em, 'SELECT check_in_code FROM activities WHERE id = $1', [input.activityId]);
      if (!row?.check_in_code || !sameCode(row.check_in_code, normaliseCheckInCode(input.code))) throw invalidCheckInCode();
      await sqlRows(em, UPSERT, [input.activityId, caller.accountId, true, caller.accountId, 'check_in', occurrence.occurrenceStart]);
      return { activityId: input.activityId, accountId: caller.accountId, present: true as const };
    });
  }

  /** going, waitlisted, present (of those with a place) and, once it ended, noShow: going but not present. */
  async figures(ctx: RequestContext, meta: RequestMeta, activityId: string, occurrenceStart?: string) {
    await this.activities.manageable(ctx, activityId, meta);
    const occurrence = await this.waitlist.read(this.em.fork(), activityId, occurrenceStart);
    // Past the retention period only the figures are left (RetentionSweeper).
    const [summary] = await sqlRows<{ going: number; waitlisted: number; present: number }>(
      this.em.fork(), 'SELECT going, waitlisted, present FROM attendance_summaries WHERE activity_id = $1 AND occurrence_start = $2', [activityId, occurrence.occurrenceStart]);
    if (summary) return { activityId, going: summary.going, waitlisted: summary.waitlisted, present: summary.present, noShow: summary.going - summary.present };
    const [row] = await sqlRows<{ going: string; waitlisted: string; present: string }>(
      this.em.fork(),
      `SELECT count(*) FILTER (WHERE r.status = 'going') AS going, count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted,
              count(*) FILTER (WHERE r.status = 'going' AND a.present) AS present
         FROM rsvps r LEFT JOIN attendance a ON a.activity_id = r.activity_id AND a.occurrence_start = r.occurrence_start AND a.account_id = r.account_id
        WHERE r.activity_id = $1 AND r.occurrence_start = $2`,
      [activityId, occurrence.occurrenceStart],
    );
    const going = Number(row!.going);
    const present = Number(row!.present);
    const ended = occurrence.endsAt.getTime() <= Date.now();
    return { activityId, going, waitlisted: Number(row!.waitlisted), present, noShow: ended ? going - present : 0 };
  }

  private async signOf(em: EntityManager, activityId: string, accountId: string, occurrenceStart: Date): Promise<RsvpStatus | undefined> {
    const [row] = await sqlRows<{ status: RsvpStatus }>(
      em, 'SELECT status FROM rsvps WHERE activity_id = $1 AND account_id = $2 AND occurrence_start = $3', [activityId, accountId, occurrenceStart]);
    return row?.status;
  }
}

function sameCode(stored: string, typed: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(typed);
  return a.length === b.length && timingSafeEqual(a, b);
}
