import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { ServiceName } from '@kc/contracts';
import type { NatsNamespace } from './namespace';

const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

export interface StreamLimits {
  /** How long events are kept. Streams with personal data must keep this short (DESIGN.md). */
  maxAgeDays: number;
  replicas: number;
}

/** Creates or updates a producing service's stream and the shared dead-letter stream (idempotent). */
const DEFAULT_LIMITS: StreamLimits = { maxAgeDays: 30, replicas: 1 };

function streamConfig(ns: NatsNamespace, service: ServiceName, limits: StreamLimits): Partial<StreamConfig> & { name: string } {
  return {
    name: ns.streamOf(service),
    subjects: [ns.subject(`kc.${service}.>`)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: limits.maxAgeDays * DAY_NS,
    duplicate_window: 2 * 60 * 1_000_000_000,
    num_replicas: limits.replicas,
  };
}

export async function ensureStreams(jsm: JetStreamManager, ns: NatsNamespace, service: ServiceName, limits: StreamLimits): Promise<void> {
  await upsertStream(jsm, streamConfig(ns, service, limits));
  await ensureDeadLetterStream(jsm, ns, limits.replicas);
}

/** Creates a producer's stream with default limits if it does not exist; never changes an existing one. */
export async function ensureStreamExists(jsm: JetStreamManager, ns: NatsNamespace, service: ServiceName): Promise<void> {
  try {
    await jsm.streams.info(ns.streamOf(service));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add(streamConfig(ns, service, DEFAULT_LIMITS)).catch((addError) => {
      if (!/already in use|stream name already/i.test((addError as Error).message)) throw addError;
    });
  }
}

export async function ensureDeadLetterStream(jsm: JetStreamManager, ns: NatsNamespace, replicas = 1): Promise<void> {
  await upsertStream(jsm, {
    name: ns.deadLetterStream,
    subjects: [ns.subject('kc.deadletter.>')],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: 30 * DAY_NS,
    num_replicas: replicas,
  });
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    const existing = await jsm.streams.info(config.name);
    const { num_replicas: _immutableHere, ...changes } = config;
    await jsm.streams.update(config.name, { ...existing.config, ...changes });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      await jsm.streams.add(config);
    } catch (addError) {
      // Another replica created it between our info() and add().
      if (!/already in use|stream name already/i.test((addError as Error).message)) throw addError;
    }
  }
}

export function isNotFound(error: unknown): boolean {
  const e = error as { code?: unknown; message?: string; api_error?: { err_code?: number } };
  return e?.api_error?.err_code === 10059 || e?.api_error?.err_code === 10014 || /not found/i.test(e?.message ?? '');
}
