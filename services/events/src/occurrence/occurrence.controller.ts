import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListOccurrences, UpdateOccurrence } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { OccurrenceService } from './occurrence.service';

@Controller()
export class OccurrenceController {
  constructor(private readonly occurrences: OccurrenceService) {}

  @Rpc(ListOccurrences)
  list(@Payload() { data, ctx, meta }: RpcCall<typeof ListOccurrences>) {
    return this.occurrences.list(ctx, meta, data);
  }

  @Rpc(UpdateOccurrence)
  update(@Payload() { data, ctx, meta }: RpcCall<typeof UpdateOccurrence>) {
    return this.occurrences.update(ctx, meta, data);
  }
}
