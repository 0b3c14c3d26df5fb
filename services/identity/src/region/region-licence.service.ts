import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { badRequest, RegionLicenceChanged, type RequestContext, type RequestOf, type ResponseOf, type SetRegionLicence } from '@kc/contracts';
import { requireOperator } from '@kc/auth';
import { EventOutbox, idempotent, MESSAGING_LOGGER, originOf, type EventOrigin } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import type { Logger } from 'pino';
import { recordAudit } from '../audit/audit.log';
import { Region } from './region.entity';
import { regionNotFound } from './region.errors';
import { toRegionResponse } from './region.responses';

const EXPIRY_CHECK_MS = 60_000;

const validUntilInPast = () =>
  badRequest('LICENCE_VALID_UNTIL_PAST', 'Een actieve licentie moet geldig zijn tot een moment in de toekomst.', 'An active licence must be valid until a moment in the future.');

export const toLicenceResponse = (region: Region): ResponseOf<typeof SetRegionLicence> => ({
  region: toRegionResponse(region),
  validUntil: region.licenceValidUntil?.toISOString() ?? null,
  note: region.licenceNote,
  changedAt: region.licenceChangedAt.toISOString(),
});

/**
 * The operator licenses regions: suspending one makes it read-only in every service within a
 * second (the region directory), reinstating restores it. An active licence with an end date
 * is suspended by identity itself once that date has passed (checked every minute).
 */
@Injectable()
export class RegionLicenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.suspendExpired().catch((error: unknown) => this.logger.warn({ err: error }, 'licence expiry check failed')), EXPIRY_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  set(ctx: RequestContext, input: RequestOf<typeof SetRegionLicence>): Promise<ResponseOf<typeof SetRegionLicence>> {
    requireOperator(ctx);
    const validUntil = input.validUntil ? new Date(input.validUntil) : null;
    if (input.status === 'active' && validUntil && validUntil.getTime() <= Date.now()) throw validUntilInPast();
    return idempotent(this.em, ctx, 'region.licence', async (em) => {
      const region = await em.findOne(Region, { slug: input.region });
      if (!region) throw regionNotFound();
      const previousStatus = region.status;
      const changed = previousStatus !== input.status;
      region.status = input.status;
      region.licenceValidUntil = validUntil;
      region.licenceNote = input.note;
      region.licenceChangedAt = new Date();
      await em.flush();
      if (changed) await this.recordChange(em, region, originOf(ctx, region.id));
      await recordAudit(em, {
        action: 'region.licence-changed', actorId: ctx.accountId, target: { type: 'region', id: region.id }, regionId: region.id, reason: input.note,
        details: { status: region.status, previousStatus, validUntil: region.licenceValidUntil?.toISOString() ?? null },
      });
      return toLicenceResponse(region);
    });
  }

  /** Suspends every active region whose licence ended; returns how many. */
  async suspendExpired(): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const expired = await sqlRows<{ id: string }>(
        em,
        `UPDATE regions SET status = 'suspended', licence_changed_at = now(),
                licence_note = CASE WHEN licence_note = '' THEN 'Licentie verlopen' ELSE licence_note END
          WHERE status = 'active' AND licence_valid_until IS NOT NULL AND licence_valid_until <= now() RETURNING id`,
      );
      for (const { id } of expired) {
        await this.recordChange(em, { id, status: 'suspended' }, { region: id, actor: null, correlationId: `licence-expiry-${id}` });
        await recordAudit(em, {
          action: 'region.licence-changed', actorId: null, target: { type: 'region', id }, regionId: id, reason: 'Licentie verlopen',
          details: { status: 'suspended', previousStatus: 'active', expired: true },
        });
      }
      if (expired.length) this.logger.warn({ regions: expired.map((r) => r.id) }, 'licences expired: regions suspended');
      return expired.length;
    });
  }

  private async recordChange(em: EntityManager, region: Pick<Region, 'id' | 'status'>, origin: EventOrigin): Promise<void> {
    await sqlRows(em, 'UPDATE regions SET status_version = status_version + 1 WHERE id = $1', [region.id]);
    await this.outbox.record(em, RegionLicenceChanged, { regionId: region.id, status: region.status }, origin);
  }
}
