import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RegionCreated, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';


@Injectable()
export class RegionHandlers {
  /** Upsert: a redelivered or replayed event leaves the same row. */
  @OnEvent(RegionCreated)
  async onRegionCreated(event: EventEnvelope<typeof RegionCreated>, em: EntityManager): Promise<void> {
    const { regionId, slug, name } = event.data;
    await em.execute(
      'INSERT INTO regions (id, slug, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, name = excluded.name',
      [regionId, slug, name],
    );
  }
}
