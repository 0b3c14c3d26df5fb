import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { hasStaffRole, requireAccount } from '@kc/auth';
import { GetRegionRetention, SetRegionRetention, type RequestContext, type ResponseOf } from '@kc/contracts';
import { idempotent, Rpc, type RpcCall } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { notRegionAdmin, regionNotFound } from '../region/region.errors';

/** A region's retention of inactive accounts: read and set by its library administrators and the operator. */
@Injectable()
export class RegionRetentionService {
  constructor(
    private readonly em: EntityManager,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async get(ctx: RequestContext, slug: string): Promise<ResponseOf<typeof GetRegionRetention>> {
    return this.view(await this.authorised(this.em.fork(), ctx, slug));
  }

  set(ctx: RequestContext, slug: string, inactiveAccountMonths: number): Promise<ResponseOf<typeof SetRegionRetention>> {
    return idempotent(this.em, ctx, 'region.retention', async (em) => {
      const region = await this.authorised(em, ctx, slug);
      await sqlRows(em, 'UPDATE regions SET inactive_account_months = $2 WHERE id = $1', [region.id, inactiveAccountMonths]);
      return this.view({ ...region, months: inactiveAccountMonths });
    });
  }

  private async authorised(em: EntityManager, ctx: RequestContext, slug: string) {
    requireAccount(ctx);
    const [region] = await sqlRows<{ id: string; slug: string; months: number }>(em, 'SELECT id, slug, inactive_account_months AS months FROM regions WHERE slug = $1', [slug]);
    if (!region) throw regionNotFound();
    if (!ctx.isOperator && !hasStaffRole(ctx, 'library_admin', region.id)) throw notRegionAdmin();
    return region;
  }

  private view(region: { slug: string; months: number }) {
    return { region: region.slug, inactiveAccountMonths: region.months, warningDays: this.config.INACTIVITY_WARNING_DAYS };
  }
}

@Controller()
export class RegionRetentionController {
  constructor(private readonly retention: RegionRetentionService) {}

  @Rpc(GetRegionRetention)
  get(@Payload() { data, ctx }: RpcCall<typeof GetRegionRetention>) {
    return this.retention.get(ctx, data.region);
  }

  @Rpc(SetRegionRetention)
  set(@Payload() { data, ctx }: RpcCall<typeof SetRegionRetention>) {
    return this.retention.set(ctx, data.region, data.inactiveAccountMonths);
  }
}
