import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsNamespace } from './namespace';
import type { NatsClient } from './nats-connection';

const HOUR_NS = 60 * 60 * 1_000_000_000;

/**
 * A JetStream object store bucket (created or bound, in the namespace) brought to its
 * definition: a bucket made before the age limit existed gets it. Memoised per holder; a failed
 * attempt is forgotten so the next call tries again.
 */
export class ObjectBucket {
  private store?: Promise<ObjectStore>;

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    private readonly spec: { name: string; maxAgeHours: number },
  ) {}

  get(): Promise<ObjectStore> {
    this.store ??= this.open().catch((error: unknown) => {
      this.store = undefined;
      throw error;
    });
    return this.store;
  }

  private async open(): Promise<ObjectStore> {
    const ttl = this.spec.maxAgeHours * HOUR_NS;
    const name = this.ns.bucket(this.spec.name);
    const store = await new Objm(this.nats.nc).create(name, { ttl });
    if ((await store.status()).ttl !== ttl) {
      const stream = `OBJ_${name}`;
      const { config } = await this.nats.manager.streams.info(stream);
      await this.nats.manager.streams.update(stream, { ...config, max_age: ttl });
    }
    return store;
  }
}
