import { timingSafeEqual } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { activityCancelled } from '../activity/activity.errors';
import { ActivityAccess } from '../community-access/activity-access';
import type { RsvpStatus } from '../rsvp/rsvp.entity';
import { attendanceNotOpen, checkInNeedsPlace, invalidCheckInCode, notSignedUp } from './attendance.errors';
import { attendanceOpen, newCheckInCode, normaliseCheckInCode } from './check-in-code';

const UPSERT = `INSERT INTO attendance (activity_id, account_id, present, recorded_by, via) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (activity_id, account_id) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by, via = EXCLUDED.via, recorded_at = now()`;

/**
 * Who came: organisers and the region's community librarians record it per person, or people
 * with a place check in with the code shown at the door. The figures are what impact reports
 * are made of.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly activities: ActivityAccess,
  ) {}

  async record(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; accountId: string; present: boolean }) {
    const activity = await this.activities.manageable(ctx, input.activityId, meta);
    if (activity.cancelledAt) throw activityCancelled();
    if (!attendanceOpen(activity)) throw attendanceNotOpen();
    return idempotent(this.em, ctx, 'attendance.record', async (em) => {
      if (!(await this.signOf(em, input.activityId, input.accountId))) throw notSignedUp();
      await sqlRows(em, UPSERT, [input.activityId, input.accountId, input.present, ctx.accountId, 'organiser']);
      return input;
    });
  }

  /** The activity's check-in code, made on first request. */
  async code(ctx: RequestContext, meta: RequestMeta, activityId: string): Promise<{ activityId: string; code: string }> {
    await this.activities.manageable(ctx, activityId, meta);
    const [row] = await sqlRows<{ check_in_code: string }>(
      this.em.fork(), 'UPDATE activities SET check_in_code = coalesce(check_in_code, $2) WHERE id = $1 RETURNING check_in_code', [activityId, newCheckInCode()]);
    return { activityId, code: row!.check_in_code };
  }

  async checkIn(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; code: string }) {
    const caller = requireAccount(ctx);
    const activity = await this.activities.visible(input.activityId, meta);
    if (activity.cancelledAt) throw activityCancelled();
    if (!attendanceOpen(activity)) throw attendanceNotOpen();
    return idempotent(this.em, ctx, 'attendance.check-in', async (em) => {
      const sign = await this.signOf(em, input.activityId, caller.accountId);
      if (!sign) throw notSignedUp();
      if (sign !== 'going') throw checkInNeedsPlace();
      const [row] = await sqlRows<{ check_in_code: string | null }>(em, 'SELECT check_in_code FROM activities WHERE id = $1', [input.activityId]);
      if (!row?.check_in_code || !sameCode(row.check_in_code, normaliseCheckInCode(input.code))) throw invalidCheckInCode();
      await sqlRows(em, UPSERT, [input.activityId, caller.accountId, true, caller.accountId, 'check_in']);
      return { activityId: input.activityId, accountId: caller.accountId, present: true as const };
    });
  }

  /** going, waitlisted, present (of those with a place) and, once it ended, noShow: going but not present. */
  async figures(ctx: RequestContext, meta: RequestMeta, activityId: string) {
    const activity = await this.activities.manageable(ctx, activityId, meta);
    const [row] = await sqlRows<{ going: string; waitlisted: string; present: string }>(
      this.em.fork(),
      `SELECT count(*) FILTER (WHERE r.status = 'going') AS going, count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted,
              count(*) FILTER (WHERE r.status = 'going' AND a.present) AS present
         FROM rsvps r LEFT JOIN attendance a ON a.activity_id = r.activity_id AND a.account_id = r.account_id
        WHERE r.activity_id = $1`,
      [activityId],
    );
    const going = Number(row!.going);
    const present = Number(row!.present);
    const ended = activity.endsAt.getTime() <= Date.now();
    return { activityId, going, waitlisted: Number(row!.waitlisted), present, noShow: ended ? going - present : 0 };
  }

  /** Who attended, per account (for the attendee list). */
  async presentIn(activityId: string): Promise<Map<string, boolean>> {
    const rows = await sqlRows<{ account_id: string; present: boolean }>(this.em.fork(), 'SELECT account_id, present FROM attendance WHERE activity_id = $1', [activityId]);
    return new Map(rows.map((r) => [r.account_id, r.present]));
  }

  private async signOf(em: EntityManager, activityId: string, accountId: string): Promise<RsvpStatus | undefined> {
    const [row] = await sqlRows<{ status: RsvpStatus }>(em, 'SELECT status FROM rsvps WHERE activity_id = $1 AND account_id = $2', [activityId, accountId]);
    return row?.status;
  }
}

function sameCode(stored: string, typed: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(typed);
  return a.length === b.length && timingSafeEqual(a, b);
}
