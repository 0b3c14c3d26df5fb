import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsNamespace } from './namespace';
import type { NatsClient } from './nats-connection';

const HOUR_NS = 60 * 60 * 1_000_000_000;

/**
 * A JetStream object store bucket (created or bound, in the namespace), memoised per holder;
 * a failed attempt is forgotten so the next call tries again.
 */
export class ObjectBucket {
  private store?: Promise<ObjectStore>;

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    private readonly spec: { name: string; maxAgeHours: number },
  ) {}

  get(): Promise<ObjectStore> {
    this.store ??= new Objm(this.nats.nc).create(this.ns.bucket(this.spec.name), { ttl: this.spec.maxAgeHours * HOUR_NS }).catch((error: unknown) => {
      this.store = undefined;
      throw error;
    });
    return this.store;
  }
}
