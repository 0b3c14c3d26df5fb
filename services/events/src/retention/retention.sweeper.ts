import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENTS_CONFIG, type EventsConfig } from '../config';
import { PeriodicPass, sqlRows } from '@kc/persistence';

/** Occurrences reduced per transaction. */
const BATCH = 500;

/**
 * One batch: occurrences (a single activity's own, or a series') that ended before the retention
 * period and still have sign-ups get their figures in attendance_summaries, and their RSVP and
 * attendance rows are deleted, in one statement (its parts see the same snapshot, so the figures
 * are counted from the rows before they go).
 */
const REDUCE_BATCH = `
  WITH due AS MATERIALIZED (
    SELECT e.activity_id, e.occurrence_start
      FROM (SELECT a.id AS activity_id, a.starts_at AS occurrence_start FROM activities a
             WHERE a.rrule IS NULL AND a.ends_at < now() - make_interval(months => $1)
            UNION ALL
            SELECT o.activity_id, o.original_start FROM activity_occurrences o
             WHERE o.ends_at < now() - make_interval(months => $1)) e
     WHERE EXISTS (SELECT 1 FROM rsvps r WHERE r.activity_id = e.activity_id AND r.occurrence_start = e.occurrence_start)
     LIMIT $2
  ), summary AS (
    INSERT INTO attendance_summaries (activity_id, occurrence_start, going, waitlisted, present)
    SELECT due.activity_id, due.occurrence_start,
           count(*) FILTER (WHERE r.status = 'going'), count(*) FILTER (WHERE r.status = 'waitlisted'),
           count(*) FILTER (WHERE r.status = 'going' AND a.present)
      FROM due JOIN rsvps r ON r.activity_id = due.activity_id AND r.occurrence_start = due.occurrence_start
      LEFT JOIN attendance a ON a.activity_id = r.activity_id AND a.occurrence_start = r.occurrence_start AND a.account_id = r.account_id
     GROUP BY due.activity_id, due.occurrence_start
    ON CONFLICT (activity_id, occurrence_start) DO UPDATE
      SET going = attendance_summaries.going + excluded.going, waitlisted = attendance_summaries.waitlisted + excluded.waitlisted,
          present = attendance_summaries.present + excluded.present, reduced_at = now()
    RETURNING 1
  ), attendance_gone AS (
    DELETE FROM attendance a USING due WHERE a.activity_id = due.activity_id AND a.occurrence_start = due.occurrence_start RETURNING 1
  ), rsvps_gone AS (
    DELETE FROM rsvps r USING due WHERE r.activity_id = due.activity_id AND r.occurrence_start = due.occurrence_start RETURNING 1
  )
  SELECT (SELECT count(*) FROM due)::int AS occurrences, (SELECT count(*) FROM rsvps_gone)::int AS signups,
         (SELECT count(*) FROM attendance_gone)::int AS attendance, (SELECT count(*) FROM summary)::int AS summaries`;

/**
 * Data minimisation: who signed up for and came to an occurrence is kept for
 * EVENTS_RETENTION_MONTHS after it ended (12 by default); then only the figures remain, which is
 * what impact reports need. Runs at start and every EVENTS_RETENTION_INTERVAL_MS; replicas may
 * run it at once (a batch a concurrent pass already reduced has no rows left to count).
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionSweeper.name);
  private readonly passes = new PeriodicPass('retention pass', () => this.reduceExpired(), this.logger);

  constructor(private readonly orm: MikroORM, @Inject(EVENTS_CONFIG) private readonly config: EventsConfig) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.EVENTS_RETENTION_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over everything due; returns how many occurrences and sign-ups it reduced. */
  async reduceExpired(): Promise<{ occurrences: number; signups: number }> {
    const total = { occurrences: 0, signups: 0 };
    for (;;) {
      const [batch] = await (this.orm.em.fork() as EntityManager).transactional((em) =>
        sqlRows<{ occurrences: number; signups: number }>(em as EntityManager, REDUCE_BATCH, [this.config.EVENTS_RETENTION_MONTHS, BATCH]));
      total.occurrences += batch!.occurrences;
      total.signups += batch!.signups;
      if (batch!.occurrences < BATCH) break;
    }
    if (total.occurrences > 0) this.logger.log(`reduced the sign-ups of ${total.occurrences} old occurrences to figures (${total.signups} sign-ups deleted)`);
    return total;
  }
}
