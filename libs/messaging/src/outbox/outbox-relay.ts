import { headers as natsHeaders } from '@nats-io/transport-node';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { NatsClient } from '../nats/nats-connection';

export interface OutboxRelayOptions {
  databaseUrl: string;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (e.g. after a missed notification). */
  pollIntervalMs?: number;
  /** Published rows older than this are deleted. */
  retentionHours?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
}

/**
 * Publishes committed outbox rows to JetStream in order of their UUIDv7 ids and marks them
 * sent. Woken by LISTEN/NOTIFY on commit, with a short poll as safety net. `Nats-Msg-Id` is
 * the event id, so a row published twice (crash between publish and mark) is dropped by
 * JetStream's duplicate window. Replicas share the work through `FOR UPDATE SKIP LOCKED`.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private listener?: PoolClient;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private failures = 0;

  constructor(
    private readonly nats: NatsClient,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'outbox relay: database connection error'));
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
    this.listener?.release();
    await this.pool.end();
  }

  /** Publishes everything pending now; returns how many were published. */
  async flushOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < (this.options.batchSize ?? 100)) return total;
    }
  }

  private async run(): Promise<void> {
    let lastCleanup = 0;
    while (this.running) {
      try {
        await this.ensureListening();
        await this.flushOnce();
        this.failures = 0;
        if (Date.now() - lastCleanup > 60 * 60_000) {
          lastCleanup = Date.now();
          await this.pool.query(`DELETE FROM kc_outbox WHERE published_at < now() - make_interval(hours => $1)`, [this.options.retentionHours ?? 72]);
        }
        await this.sleep(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        this.failures++;
        this.logger.warn({ err: error, failures: this.failures }, 'outbox relay: publish failed, retrying');
        await this.sleep(Math.min(200 * 2 ** Math.min(this.failures, 5), 5000));
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        'SELECT id, subject, payload FROM kc_outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [this.options.batchSize ?? 100],
      );
      // Publishes are pipelined on the one connection (the server stores them in send order);
      // only acknowledged ones are marked sent, the rest are retried on the next pass.
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const sent = rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.id);
      if (sent.length) await client.query('UPDATE kc_outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [sent]);
      await client.query('COMMIT');
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return sent.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private publish(row: OutboxRow) {
    const h = natsHeaders();
    const envelope = row.payload as { correlationId?: string };
    if (envelope.correlationId) h.set('kc-correlation-id', envelope.correlationId);
    return this.nats.jetstream.publish(row.subject, JSON.stringify(row.payload), { msgID: row.id, headers: h, timeout: 5000 });
  }

  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const client = await this.pool.connect();
    client.on('notification', () => this.wake?.());
    client.on('error', () => {
      this.listener = undefined;
      client.release(true);
    });
    await client.query('LISTEN kc_outbox');
    this.listener = client;
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
