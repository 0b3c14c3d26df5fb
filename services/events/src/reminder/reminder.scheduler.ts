import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ActivityReminderDue, REMINDER_LEAD_HOURS } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import { v7 as uuidv7 } from 'uuid';
import { EVENTS_CONFIG, type EventsConfig } from '../config';
import { PeriodicPass, sqlRows } from '@kc/persistence';

interface DueOccurrence {
  activityId: string;
  communityId: string;
  regionId: string;
  originalStart: Date | string;
  startsAt: Date | string;
  attendees: string[];
}

/** Occurrences claimed per transaction (of each kind). */
const BATCH = 200;
const GOING = (activity: string, start: string) =>
  `ARRAY(SELECT r.account_id::text FROM rsvps r WHERE r.activity_id = ${activity} AND r.occurrence_start = ${start} AND r.status = 'going' ORDER BY r.account_id) AS attendees`;

/** Occurrences of series that start within the lead time and were not reminded for their current start; claimed and marked. */
const DUE_SERIES_OCCURRENCES = `
  WITH due AS (
    SELECT o.activity_id, o.original_start, o.starts_at, a.community_id, a.region_id
      FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id
     WHERE o.cancelled_at IS NULL AND a.cancelled_at IS NULL
       AND o.starts_at > now() AND o.starts_at <= now() + make_interval(hours => $1)
       AND o.reminded_for IS DISTINCT FROM o.starts_at
     ORDER BY o.starts_at LIMIT $2
     FOR UPDATE OF o SKIP LOCKED
  )
  UPDATE activity_occurrences o SET reminded_for = due.starts_at
    FROM due WHERE o.activity_id = due.activity_id AND o.original_start = due.original_start
  RETURNING due.activity_id AS "activityId", due.community_id AS "communityId", due.region_id AS "regionId",
            due.original_start AS "originalStart", due.starts_at AS "startsAt", ${GOING('due.activity_id', 'due.original_start')}`;

/** The same for single activities: their one occurrence is the activity's own row. */
const DUE_SINGLE_ACTIVITIES = `
  WITH due AS (
    SELECT a.id, a.starts_at, a.community_id, a.region_id
      FROM activities a
     WHERE a.rrule IS NULL AND a.cancelled_at IS NULL
       AND a.starts_at > now() AND a.starts_at <= now() + make_interval(hours => $1)
       AND a.reminded_for IS DISTINCT FROM a.starts_at
     ORDER BY a.starts_at LIMIT $2
     FOR UPDATE OF a SKIP LOCKED
  )
  UPDATE activities a SET reminded_for = due.starts_at
    FROM due WHERE a.id = due.id
  RETURNING due.id AS "activityId", due.community_id AS "communityId", due.region_id AS "regionId",
            due.starts_at AS "originalStart", due.starts_at AS "startsAt", ${GOING('due.id', 'due.starts_at')}`;
const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Reminders 24 h before each occurrence, exactly once: the schedule is the database, not a timer
 * in memory. Each pass claims the occurrences that start within REMINDER_LEAD_HOURS and were not
 * reminded for their current start (`FOR UPDATE SKIP LOCKED`: two replicas never claim the same),
 * marks them and records ActivityReminderDue in the outbox in one transaction. A restart loses
 * nothing: what was not committed is claimed again. A moved occurrence is reminded again for its
 * new start; a cancelled one (or a cancelled activity) never.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly passes = new PeriodicPass('reminder pass', () => this.remindDue(), new Logger(ReminderScheduler.name));

  constructor(private readonly orm: MikroORM, private readonly outbox: EventOutbox, @Inject(EVENTS_CONFIG) private readonly config: EventsConfig) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.EVENTS_REMINDER_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; returns how many reminders it recorded. */
  async remindDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await (this.orm.em.fork() as EntityManager).transactional(async (em) => {
        const due = [
          ...(await sqlRows<DueOccurrence>(em as EntityManager, DUE_SERIES_OCCURRENCES, [REMINDER_LEAD_HOURS, BATCH])),
          ...(await sqlRows<DueOccurrence>(em as EntityManager, DUE_SINGLE_ACTIVITIES, [REMINDER_LEAD_HOURS, BATCH])),
        ];
        for (const occurrence of due) {
          await this.outbox.record(em as EntityManager, ActivityReminderDue, {
            activityId: occurrence.activityId, communityId: occurrence.communityId, occurrenceStart: iso(occurrence.originalStart), startsAt: iso(occurrence.startsAt), attendees: occurrence.attendees,
          }, { region: occurrence.regionId, actor: null, correlationId: uuidv7() });
        }
        return due.length;
      });
      total += sent;
      if (sent === 0) return total;
    }
  }
}
