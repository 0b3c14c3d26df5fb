import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { NatsConnection, QueuedIterator } from '@nats-io/transport-node';
import type { z } from 'zod';
import { ACCESS_BUCKET, AccessEntry, ENDED_SESSION_MEMORY_SECONDS, EndedSessionEntry, REGIONS_BUCKET, RegionEntry, SESSIONS_BUCKET } from '@kc/contracts';
import { MESSAGING_LOGGER, NatsClient, NatsNamespace } from '@kc/messaging';
import type { HealthIndicator } from '@kc/observability';
import type { Logger } from 'pino';

/** What a service needs from the directory to decide a request. */
export interface AccessLookup {
  /** The account's access now, or undefined for an account with none recorded (no roles, not blocked). */
  lookup(accountId: string): AccessEntry | undefined;
  /** Whether the region's licence is suspended now (it is read-only). */
  regionSuspended(regionId: string): boolean;
  /** Whether the session (sign-in) has ended: its access tokens are refused. */
  sessionEnded(sessionId: string): boolean;
  /** Resolves once the directory holds everything the buckets held when the service started. */
  ready(): Promise<void>;
}

/** Opens (creating when missing) the access bucket with the one definition every service shares. */
export function openAccessBucket(nc: NatsConnection, ns: NatsNamespace): Promise<KV> {
  return new Kvm(nc).create(ns.bucket(ACCESS_BUCKET), { history: 1 });
}

/** Opens (creating when missing) the bucket with every region's licence status. */
export function openRegionsBucket(nc: NatsConnection, ns: NatsNamespace): Promise<KV> {
  return new Kvm(nc).create(ns.bucket(REGIONS_BUCKET), { history: 1 });
}

/**
 * Opens (creating when missing) the bucket of recently ended sessions. NATS removes an entry
 * once every access token of its session has expired, so the bucket stays small.
 */
export function openSessionsBucket(nc: NatsConnection, ns: NatsNamespace): Promise<KV> {
  return new Kvm(nc).create(ns.bucket(SESSIONS_BUCKET), { history: 1, ttl: ENDED_SESSION_MEMORY_SECONDS * 1000 });
}

/**
 * A live in-memory copy of one KV bucket: loads what it holds, then follows every change
 * (a watch that is restarted from the last revision when it ends). While NATS is away it keeps
 * the last state it saw.
 */
class BucketMirror<T> {
  private readonly entries = new Map<string, T>();
  private watcher?: QueuedIterator<KvWatchEntry>;
  private seen = 0;
  private stopping = false;
  watching = false;
  private readonly waiters: { revision: number; resolve: () => void }[] = [];

  constructor(
    private readonly bucket: KV,
    private readonly schema: z.ZodType<T>,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  start(): Promise<void> {
    void this.watchForever();
    return this.catchUp();
  }

  stop(): void {
    this.stopping = true;
    this.watcher?.stop();
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  find(match: (entry: T) => boolean): T | undefined {
    for (const entry of this.entries.values()) if (match(entry)) return entry;
    return undefined;
  }

  /** Drops the entries that no longer matter (NATS expires them without telling watchers). */
  forget(match: (entry: T) => boolean): void {
    for (const [key, entry] of this.entries) if (match(entry)) this.entries.delete(key);
  }

  /**
   * Waits until every change the bucket holds right now has been applied here. A bucket whose
   * entries expire may lose its last entry meanwhile: the target is then read again.
   */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { state } = (await this.bucket.status()).streamInfo;
      const last = state.messages === 0 ? 0 : Number(state.last_seq);
      if (this.seen >= last) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.what} did not reach revision ${last} within ${timeoutMs} ms (at ${this.seen})`);
      await new Promise<void>((resolve) => {
        const waiter = { revision: last, resolve: () => { clearTimeout(timer); resolve(); } };
        const timer = setTimeout(() => { this.waiters.splice(this.waiters.indexOf(waiter), 1); resolve(); }, Math.min(left, 1000));
        this.waiters.push(waiter);
      });
    }
  }

  private async watchForever(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        this.watcher = await this.bucket.watch(this.seen ? { resumeFromRevision: this.seen + 1 } : {});
        this.watching = true;
        failures = 0;
        for await (const entry of this.watcher) this.apply(entry);
      } catch (error) {
        failures++;
        this.logger.warn({ err: error, failures }, `${this.what}: watch failed, retrying`);
      } finally {
        this.watching = false;
      }
      if (!this.stopping) await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(failures, 6), 5000)));
    }
  }

  private apply(entry: KvWatchEntry): void {
    if (entry.operation === 'PUT') {
      const parsed = this.schema.safeParse(safeJson(entry));
      if (parsed.success) this.entries.set(entry.key, parsed.data);
      else this.logger.error({ key: entry.key, revision: entry.revision }, `${this.what}: invalid entry ignored`);
    } else {
      this.entries.delete(entry.key);
    }
    this.seen = Math.max(this.seen, entry.revision);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.revision <= this.seen) this.waiters.splice(i, 1)[0]!.resolve();
    }
  }
}

/**
 * Every service's live copy of identity's directory, so that what a token holder may do is
 * decided from what identity knows now, not from what it knew when the token was minted: each
 * account's roles, operator status and block (bucket `kc-access`), each region's licence
 * status (bucket `kc-regions`) and the sessions that ended while their access tokens may still
 * be alive (bucket `kc-sessions`). Changes arrive within milliseconds; a restarted service starts
 * from the buckets' current state; while NATS is away it decides on the last state it saw.
 */
@Injectable()
export class AccessDirectory implements AccessLookup, OnModuleInit, OnApplicationShutdown, HealthIndicator {
  readonly name = 'access';
  private accounts?: BucketMirror<AccessEntry>;
  private regions?: BucketMirror<RegionEntry>;
  private endedSessions?: BucketMirror<EndedSessionEntry>;
  private loaded?: Promise<void>;
  private pruner?: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.nats.connect();
    this.accounts = new BucketMirror(await openAccessBucket(this.nats.nc, this.ns), AccessEntry, this.logger, 'access directory');
    this.regions = new BucketMirror(await openRegionsBucket(this.nats.nc, this.ns), RegionEntry, this.logger, 'region directory');
    this.endedSessions = new BucketMirror(await openSessionsBucket(this.nats.nc, this.ns), EndedSessionEntry, this.logger, 'session directory');
    this.loaded = Promise.all([this.accounts.start(), this.regions.start(), this.endedSessions.start()]).then(() => undefined);
    await this.loaded;
    this.pruner = setInterval(() => this.endedSessions?.forget((entry) => Date.parse(entry.until) <= Date.now()), 60_000);
    this.pruner.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruner);
    this.accounts?.stop();
    this.regions?.stop();
    this.endedSessions?.stop();
  }

  lookup(accountId: string): AccessEntry | undefined {
    return this.accounts?.get(accountId);
  }

  regionSuspended(regionId: string): boolean {
    return this.regions?.get(regionId)?.status === 'suspended';
  }

  sessionEnded(sessionId: string): boolean {
    const entry = this.endedSessions?.get(sessionId);
    return entry !== undefined && Date.parse(entry.until) > Date.now();
  }

  /** The region with this slug, as identity knows it now. */
  regionBySlug(slug: string): RegionEntry | undefined {
    return this.regions?.find((region) => region.slug === slug);
  }

  ready(): Promise<void> {
    return this.loaded ?? Promise.reject(new Error('the access directory has not started'));
  }

  /** Waits until every change already in the buckets has been applied here. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    await Promise.all([this.accounts!.catchUp(timeoutMs), this.regions!.catchUp(timeoutMs), this.endedSessions!.catchUp(timeoutMs)]);
  }

  async check(): Promise<void> {
    if (!this.accounts?.watching || !this.regions?.watching || !this.endedSessions?.watching) throw new Error('not watching the access buckets');
  }
}

function safeJson(entry: KvWatchEntry): unknown {
  try {
    return entry.json();
  } catch {
    return undefined;
  }
}
