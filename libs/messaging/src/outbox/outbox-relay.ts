import { headers as natsHeaders } from '@nats-io/transport-node';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import { safeError } from '@kc/observability';
import { preparedStatement, withPooledClient } from '@kc/persistence';
import { isInfrastructureError } from '../infrastructure-error';
import type { NatsClient } from '../nats/nats-connection';

export interface OutboxRelayOptions {
  databaseUrl: string;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (e.g. after a missed notification). */
  pollIntervalMs?: number;
  /** Published rows older than this are deleted. */
  retentionHours?: number;
  /** First delay before a row that NATS refused is tried again; doubles per attempt. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
  attempts: number;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

/**
 * Publishes committed outbox rows to JetStream in order of their UUIDv7 ids and marks them
 * sent. A row that NATS refuses records `attempts` and `last_error` and waits until its
 * `next_attempt_at` (exponential backoff) while the rows behind it are published; when NATS
 * is not reachable at all nothing is counted and the relay itself backs off (ADR 0011).
 * Woken by LISTEN/NOTIFY on commit, with a short poll as safety net. `Nats-Msg-Id` is the event id, so a row published twice (crash between publish and mark) is dropped by
 * JetStream's duplicate window. Replicas share the work through `FOR UPDATE SKIP LOCKED`.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private listener?: { client: PoolClient; discard: () => void };
  private running = false;
  private wake?: () => void;
  /** A commit was announced since the current pass began: the pass may not have seen its rows. */
  private notified = false;
  private loop?: Promise<void>;
  private failures = 0;
  private readonly batchSize: number;

  constructor(
    private readonly nats: NatsClient,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
    // An idle connection that the server ended (a restart): the pool drops it and connects anew.
    this.pool.on('error', (error) => this.logger.debug({ reason: safeError(error).message }, 'outbox relay: idle database connection ended'));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.listener?.discard();
    await this.pool.end();
  }

  /** Passes in a row that failed because NATS or the database was away (0 when the last pass worked). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Unpublished rows: `retrying` are those NATS refused at least once (see `attempts`, `last_error`). */
  async backlog(): Promise<{ pending: number; retrying: number }> {
    const { rows } = await this.pool.query<{ pending: number; retrying: number }>(
      'SELECT count(*)::int AS pending, (count(*) FILTER (WHERE attempts > 0))::int AS retrying FROM kc_outbox WHERE published_at IS NULL',
    );
    return rows[0] ?? { pending: 0, retrying: 0 };
  }

  /** Publishes everything pending now; returns how many were published. */
  async flushOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const { rows, published } = await this.publishBatch();
      total += published;
      if (rows < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    let lastCleanup = 0;
    while (this.running) {
      try {
        await this.ensureListening();
        this.notified = false;
        await this.flushOnce();
        if (this.failures > 0) this.logger.info({ failures: this.failures }, 'outbox relay: publishing again');
        this.failures = 0;
        if (Date.now() - lastCleanup > 60 * 60_000) {
          lastCleanup = Date.now();
          await this.pool.query(`DELETE FROM kc_outbox WHERE published_at < now() - make_interval(hours => $1)`, [this.options.retentionHours ?? 72]);
        }
        // A commit announced during the pass goes out now, not after the poll interval.
        if (!this.notified) await this.sleep(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        this.failures++;
        this.logFailure(error);
        await this.sleep(Math.min(200 * 2 ** Math.min(this.failures, 5), 5000));
      }
    }
  }

  /**
   * The database or NATS being away is said once, without a stack (it is no bug) and then at
   * debug level while it lasts; anything else is a warning with its stack every time.
   */
  private logFailure(error: unknown): void {
    if (!isInfrastructureError(error)) {
      this.logger.warn({ err: error, failures: this.failures }, 'outbox relay: publish failed, retrying');
      return;
    }
    const level = this.failures === 1 ? 'warn' : 'debug';
    this.logger[level]({ reason: safeError(error).message, failures: this.failures }, 'outbox relay: database or NATS unavailable, retrying');
  }

  private async publishBatch(): Promise<{ rows: number; published: number }> {
    return withPooledClient(this.pool, async (client) => {
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<OutboxRow>(preparedStatement(
          `SELECT id, subject, payload, attempts FROM kc_outbox
            WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [this.batchSize],
        ));
        // Publishes are pipelined on the one connection (the server stores them in send order);
        // only acknowledged ones are marked sent.
        const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
        const sent = rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.id);
        if (sent.length) await client.query(preparedStatement('UPDATE kc_outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [sent]));
        const failed = rows.flatMap((row, i) => (results[i].status === 'rejected' ? [{ row, reason: (results[i] as PromiseRejectedResult).reason as unknown }] : []));
        if (failed.length && sent.length === 0 && !(await this.natsReachable())) {
          // NATS itself is away: not the rows' fault, so no attempt is counted and no row is held back.
          await client.query('COMMIT');
          throw failed[0]!.reason;
        }
        // A row NATS refuses (no stream for its subject, too large, ...) waits with backoff; the rows behind it go on.
        for (const { row, reason } of failed) {
          const attempts = row.attempts + 1;
          await client.query(
            `UPDATE kc_outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
            [row.id, attempts, errorText(reason), this.retryDelayMs(attempts) / 1000],
          );
          this.logger.warn({ outboxId: row.id, subject: row.subject, attempts, err: reason }, 'outbox relay: row not published; retrying it later');
        }
        await client.query('COMMIT');
        return { rows: rows.length, published: sent.length };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Exponential backoff per row with ±20 % jitter, capped. */
  private retryDelayMs(attempts: number): number {
    const base = this.options.retryBaseMs ?? 1000;
    const capped = Math.min(base * 2 ** Math.min(attempts - 1, 20), this.options.retryMaxMs ?? 5 * 60_000);
    return Math.round(capped * (0.8 + Math.random() * 0.4));
  }

  private async natsReachable(): Promise<boolean> {
    try {
      const nc = this.nats.nc;
      if (nc.isClosed()) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
      const flushed = nc.flush().then(() => true, () => false);
      const reachable = await Promise.race([flushed, timeout]);
      clearTimeout(timer);
      return reachable;
    } catch {
      return false;
    }
  }

  private publish(row: OutboxRow) {
    const h = natsHeaders();
    const envelope = row.payload as { correlationId?: string };
    if (envelope.correlationId) h.set('kc-correlation-id', envelope.correlationId);
    return this.nats.jetstream.publish(row.subject, JSON.stringify(row.payload), { msgID: row.id, headers: h, timeout: 5000 });
  }

  /**
   * One pooled connection LISTENs for commits. When it dies (the server restarted) it is
   * destroyed and the next pass listens on a new one; the poll covers the gap.
   */
  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const client = await this.pool.connect();
    let released = false;
    const discard = () => {
      if (this.listener?.client === client) this.listener = undefined;
      if (released) return;
      released = true;
      client.release(true);
    };
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    client.on('error', discard);
    client.on('end', discard);
    try {
      await client.query('LISTEN kc_outbox');
    } catch (error) {
      discard(); // a connection that cannot LISTEN goes back destroyed, or two such would exhaust the pool
      throw error;
    }
    this.listener = { client, discard };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
