import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Redis } from 'ioredis';
import { dropDatabase } from '@kc/persistence';

export const TEST_DATABASE_URL_BASE = process.env.TEST_DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A fresh, isolated world for one test suite: its own NATS namespace (subjects and streams),
 * its own databases and its own Redis keys (queues, rate-limit counters), removed again by
 * `dispose()`. Suites never share state, so they run
 * in parallel and beside another developer's run.
 */
export class TestScope {
  readonly id: string;
  readonly namespace: string;
  private readonly databases = new Set<string>();

  constructor(readonly label: string) {
    const run = (process.env.KC_TEST_RUN ?? randomBytes(3).toString('hex')).replace(/[^a-z0-9]/g, '');
    this.id = `${run}${randomBytes(3).toString('hex')}`;
    this.namespace = `t${this.id}`;
  }

  /** `kc_t<run><suite>_<service>` */
  dbName(service: string): string {
    const name = `kc_t${this.id}_${service.replace(/[^a-z0-9]/g, '_')}`;
    this.databases.add(name);
    return name;
  }

  /** Environment for a service process started in this scope. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      NATS_URL: TEST_NATS_URL,
      KC_NAMESPACE: this.namespace,
      DATABASE_URL_BASE: TEST_DATABASE_URL_BASE,
      REDIS_URL: TEST_REDIS_URL,
      KC_DB_PREFIX: `kc_t${this.id}_`,
      KC_QUEUE_PREFIX: `kc-t${this.id}`,
      // Three test files run at a time, each with up to six services: with the default pool of ten they can ask for more
      // than the machine's PostgreSQL allows (100 connections) and get 'too many clients' (503s in a loaded CI run);
      // connections left idle after a burst are closed after 2 s instead of 30.
      DATABASE_POOL_MAX: '5',
      DATABASE_POOL_IDLE_MS: '2000',
      // Tests write in bursts as no person does; a posting-limit test sets its own limits in `extra`.
      COMMUNITIES_MAX_CONVERSATIONS_PER_MINUTE: '100000',
      COMMUNITIES_MAX_CONTRIBUTIONS_PER_MINUTE: '100000',
      COMMUNITIES_MAX_MEDIA_PER_MINUTE: '100000',
      ...extra,
    };
  }

  async dispose(natsUrl = TEST_NATS_URL): Promise<void> {
    await Promise.allSettled([...this.databases].map((db) => dropDatabase(TEST_DATABASE_URL_BASE, db)));
    await this.removeRedisKeys().catch(() => undefined);
    const nc = await connect({ servers: natsUrl }).catch(() => undefined);
    if (!nc) return;
    try {
      const jsm = await jetstreamManager(nc);
      const prefix = `${this.namespace.toUpperCase()}_`;
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name).catch(() => undefined);
      }
      for await (const name of jsm.streams.names()) {
        if (name.startsWith(`OBJ_${this.namespace}-`) || name.startsWith(`KV_${this.namespace}-`)) await jsm.streams.delete(name).catch(() => undefined);
      }
    } finally {
      await nc.close();
    }
  }

  /** The scope's queues and counters: every key that names its prefix (`kc-t<id>:…`, `{kc-t<id>:…}`). */
  private async removeRedisKeys(): Promise<void> {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `*kc-t${this.id}[:}]*`, 'COUNT', 1000);
        if (keys.length) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}

/** Polls until `probe` returns a truthy value (or throws the last error after `timeoutMs`). */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as T;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
