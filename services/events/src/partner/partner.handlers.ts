import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { OrganisationProfiled, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';

/** Keeps the organisations events shows beside activities, from communities' events (no request per page). */
@Injectable()
export class PartnerHandlers {
  @OnEvent(OrganisationProfiled)
  async onProfiled(event: EventEnvelope<typeof OrganisationProfiled>, em: EntityManager): Promise<void> {
    const { organisationId, regionId, name } = event.data;
    await sqlRows(em, 'INSERT INTO organisations (id, region_id, name) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_id = excluded.region_id', [organisationId, regionId, name]);
  }
}
