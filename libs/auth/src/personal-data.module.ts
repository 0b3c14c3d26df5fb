import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Inject, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { PersonalDataPart, RequestContract } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { mikroOrm, personalRows, type PersonalSection } from '@kc/persistence';

/**
 * A service's part of a person's data export (GDPR art. 15/20): the rows of `sections` about the
 * account. Asked by identity only: the request has no route at the gateway, so no client can
 * send it (it travels on the cluster's internal NATS, like every service-to-service request).
 */
export function personalDataModule(contract: RequestContract, service: string, sections: readonly PersonalSection[], note?: string): DynamicModule {
  @Controller()
  class PersonalDataController {
    constructor(@Inject(mikroOrm.core().MikroORM) private readonly orm: MikroORM) {}

    @Rpc(contract)
    async export(@Payload() { data }: RpcCall<RequestContract>): Promise<PersonalDataPart> {
      const { accountId } = data as { accountId: string };
      return { service, ...(note ? { note } : {}), sections: await personalRows(this.orm.em.fork() as EntityManager, accountId, sections) };
    }
  }
  @Module({ controllers: [PersonalDataController as Type<unknown>] })
  class PersonalDataModule {}
  return { module: PersonalDataModule };
}
