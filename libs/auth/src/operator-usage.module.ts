import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Inject, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { RequestContract, RegionUsage } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { mikroOrm, regionFootprint, type RegionTable } from '@kc/persistence';
import { requireOperator } from './guards';

/** Counts a service adds beyond rows per table (e.g. accounts active lately): region id → named counts. */
export type ExtraUsage = (em: EntityManager) => Promise<Map<string, Record<string, number>>>;

/**
 * A service's answer to the operator's usage report: per region the rows of `tables` and the
 * bytes they take, plus `extra` counts. The operator only, decided here from the caller's token
 * claims as every operator request is.
 */
export function operatorUsageModule(contract: RequestContract, tables: readonly RegionTable[], extra?: ExtraUsage): DynamicModule {
  @Controller()
  class OperatorUsageController {
    constructor(@Inject(mikroOrm.core().MikroORM) private readonly orm: MikroORM) {}

    @Rpc(contract)
    async usage(@Payload() { ctx }: RpcCall<RequestContract>): Promise<{ items: RegionUsage[] }> {
      requireOperator(ctx);
      const em = this.orm.em.fork() as EntityManager;
      const items = await regionFootprint(em, tables);
      const more = extra ? await extra(em) : new Map<string, Record<string, number>>();
      const zero = Object.fromEntries([...more.values()].flatMap((counts) => Object.keys(counts)).map((name) => [name, 0]));
      for (const item of items) Object.assign(item.counts, zero, more.get(item.regionId));
      return { items };
    }
  }
  @Module({ controllers: [OperatorUsageController as Type<unknown>] })
  class OperatorUsageModule {}
  return { module: OperatorUsageModule };
}
