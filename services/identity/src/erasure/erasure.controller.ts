import type { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CatalogueErasureConfirmed, CommunitiesErasureConfirmed, EraseAccount, EraseMe, EventsErasureConfirmed, GetErasure, SearchErasureConfirmed, type EventEnvelope,
} from '@kc/contracts';
import { OnEvent, Rpc, type RpcCall } from '@kc/messaging';
import { ErasureService } from './erasure.service';

@Controller()
export class ErasureController {
  constructor(private readonly erasures: ErasureService) {}

  @Rpc(EraseMe)
  eraseMe(@Payload() { data, ctx }: RpcCall<typeof EraseMe>) {
    return this.erasures.eraseMe(ctx, data);
  }

  @Rpc(EraseAccount)
  eraseAccount(@Payload() { data, ctx }: RpcCall<typeof EraseAccount>) {
    return this.erasures.eraseAccount(ctx, data);
  }

  @Rpc(GetErasure)
  get(@Payload() { data, ctx }: RpcCall<typeof GetErasure>) {
    return this.erasures.get(ctx, data);
  }
}

/** The ledger: each service's confirmation that it holds nothing of the person any more. */
@Injectable()
export class ErasureLedgerHandlers {
  constructor(private readonly erasures: ErasureService) {}

  @OnEvent(CommunitiesErasureConfirmed)
  communities(event: EventEnvelope<typeof CommunitiesErasureConfirmed>, em: EntityManager) {
    return this.erasures.confirm(em, event.data.erasureId, 'communities');
  }

  @OnEvent(EventsErasureConfirmed)
  events(event: EventEnvelope<typeof EventsErasureConfirmed>, em: EntityManager) {
    return this.erasures.confirm(em, event.data.erasureId, 'events');
  }

  @OnEvent(CatalogueErasureConfirmed)
  catalogue(event: EventEnvelope<typeof CatalogueErasureConfirmed>, em: EntityManager) {
    return this.erasures.confirm(em, event.data.erasureId, 'catalogue');
  }

  @OnEvent(SearchErasureConfirmed)
  search(event: EventEnvelope<typeof SearchErasureConfirmed>, em: EntityManager) {
    return this.erasures.confirm(em, event.data.erasureId, 'search');
  }
}
