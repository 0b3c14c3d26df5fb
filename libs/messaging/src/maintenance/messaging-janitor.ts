import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import { withPooledClient } from '@kc/persistence';

export interface RetentionOptions {
  /** Inbox rows (events applied) older than this are deleted. Keep it above the streams' max age. */
  inboxHours: number;
  /** Idempotency keys older than this are forgotten: a retry after that runs as a new command. */
  idempotencyHours: number;
  /** How often one replica prunes. */
  intervalMs: number;
}

export const DEFAULT_RETENTION: RetentionOptions = { inboxHours: 35 * 24, idempotencyHours: 24, intervalMs: 60 * 60_000 };

/** Advisory lock key: "kc" + 2, beside the migrations' "kc". */
const PRUNE_LOCK = 0x6b6302;
const BATCH = 5000;

/**
 * Prunes the inbox and the idempotency log by age. Every replica runs the timer; a session
 * advisory lock lets one of them prune at a time, in small batches so no long transaction
 * holds locks the handlers need.
 */
export class MessagingJanitor {
  private readonly pool: Pool;
  private timer?: NodeJS.Timeout;
  private firstRun?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    databaseUrl: string,
    private readonly retention: RetentionOptions,
    private readonly logger: Logger,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1 });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'messaging janitor: database connection error'));
  }

  start(): void {
    const tick = () => {
      this.running ??= this.pruneOnce()
        .catch((error) => this.logger.warn({ err: error }, 'messaging janitor: pruning failed; trying again later'))
        .finally(() => (this.running = undefined));
    };
    // The first pass soon after start (replicas spread out): a service redeployed more often than
    // the interval would otherwise never prune.
    this.firstRun = setTimeout(tick, Math.min(this.retention.intervalMs, 30_000 + Math.random() * 60_000));
    this.firstRun.unref();
    this.timer = setInterval(tick, this.retention.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.firstRun);
    clearInterval(this.timer);
    await this.running;
    await this.pool.end();
  }

  /** One pass; returns the rows deleted, or null when another replica is pruning. */
  async pruneOnce(): Promise<{ inbox: number; idempotency: number } | null> {
    return withPooledClient(this.pool, async (client) => {
      const [{ locked }] = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PRUNE_LOCK])).rows as [{ locked: boolean }];
      if (!locked) return null;
      try {
        const inbox = await this.deleteOlder(client, 'kc_inbox', 'processed_at', this.retention.inboxHours);
        const idempotency = await this.deleteOlder(client, 'kc_idempotency', 'created_at', this.retention.idempotencyHours);
        if (inbox || idempotency) this.logger.info({ inbox, idempotency }, 'messaging janitor: pruned old inbox and idempotency rows');
        return { inbox, idempotency };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [PRUNE_LOCK]);
      }
    });
  }

  private async deleteOlder(client: PoolClient, table: string, column: string, hours: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await client.query(
        `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${column} < now() - make_interval(hours => $1) LIMIT ${BATCH}))`,
        [hours],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) return total;
    }
  }
}
