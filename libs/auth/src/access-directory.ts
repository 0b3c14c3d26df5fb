import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { NatsConnection, QueuedIterator } from '@nats-io/transport-node';
import { ACCESS_BUCKET, AccessEntry } from '@kc/contracts';
import { MESSAGING_LOGGER, NatsClient, NatsNamespace } from '@kc/messaging';
import type { HealthIndicator } from '@kc/observability';
import type { Logger } from 'pino';

/** What a service needs from the directory to decide a request. */
export interface AccessLookup {
  /** The account's access now, or undefined for an account with none recorded (no roles, not blocked). */
  lookup(accountId: string): AccessEntry | undefined;
  /** Resolves once the directory holds everything the bucket held when the service started. */
  ready(): Promise<void>;
}

/** Opens (creating when missing) the access bucket with the one definition every service shares. */
export function openAccessBucket(nc: NatsConnection, ns: NatsNamespace): Promise<KV> {
  return new Kvm(nc).create(ns.bucket(ACCESS_BUCKET), { history: 1 });
}

/**
 * Every service's live copy of identity's access directory (roles, operator, blocked), so
 * that what a token holder may do is decided from what identity knows now, not from what it
 * knew when the token was minted. It watches the NATS KV bucket that identity keeps: changes
 * arrive within milliseconds, and a restarted service starts from the bucket's current state.
 * While NATS is away it keeps deciding on the last state it saw.
 */
@Injectable()
export class AccessDirectory implements AccessLookup, OnModuleInit, OnApplicationShutdown, HealthIndicator {
  readonly name = 'access';
  private readonly entries = new Map<string, AccessEntry>();
  private bucket?: KV;
  private watcher?: QueuedIterator<KvWatchEntry>;
  private seen = 0;
  private loaded?: Promise<void>;
  private stopping = false;
  private watching = false;
  private readonly waiters: { revision: number; resolve: () => void }[] = [];

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.nats.connect();
    this.bucket = await openAccessBucket(this.nats.nc, this.ns);
    this.loaded = this.catchUp();
    void this.watchForever();
    await this.loaded;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.watcher?.stop();
  }

  lookup(accountId: string): AccessEntry | undefined {
    return this.entries.get(accountId);
  }

  ready(): Promise<void> {
    return this.loaded ?? Promise.reject(new Error('the access directory has not started'));
  }

  /** Waits until every change the bucket holds right now has been applied here. */
  async catchUp(timeoutMs = 10_000): Promise<void> {
    const status = await this.bucket!.status();
    const last = Number(status.streamInfo.state.last_seq);
    if (this.seen >= last) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`access directory did not reach revision ${last} within ${timeoutMs} ms (at ${this.seen})`)), timeoutMs);
      this.waiters.push({ revision: last, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  async check(): Promise<void> {
    if (!this.watching) throw new Error('not watching the access bucket');
  }

  private async watchForever(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        this.watcher = await this.bucket!.watch(this.seen ? { resumeFromRevision: this.seen + 1 } : {});
        this.watching = true;
        failures = 0;
        for await (const entry of this.watcher) this.apply(entry);
      } catch (error) {
        failures++;
        this.logger.warn({ err: error, failures }, 'access directory: watch failed, retrying');
      } finally {
        this.watching = false;
      }
      if (!this.stopping) await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(failures, 6), 5000)));
    }
  }

  private apply(entry: KvWatchEntry): void {
    if (entry.operation === 'PUT') {
      const parsed = AccessEntry.safeParse(safeJson(entry));
      if (parsed.success) this.entries.set(parsed.data.accountId, parsed.data);
      else this.logger.error({ key: entry.key, revision: entry.revision }, 'access directory: invalid entry ignored');
    } else {
      this.entries.delete(entry.key);
    }
    this.seen = Math.max(this.seen, entry.revision);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.revision <= this.seen) this.waiters.splice(i, 1)[0]!.resolve();
    }
  }
}

function safeJson(entry: KvWatchEntry): unknown {
  try {
    return entry.json();
  } catch {
    return undefined;
  }
}
