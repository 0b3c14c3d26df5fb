import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListOperatorAudit, ListRegionAudit } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { AuditService } from './audit.service';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Rpc(ListRegionAudit)
  region(@Payload() { data, ctx }: RpcCall<typeof ListRegionAudit>) {
    return this.audit.forRegion(ctx, data);
  }

  @Rpc(ListOperatorAudit)
  operator(@Payload() { data, ctx }: RpcCall<typeof ListOperatorAudit>) {
    return this.audit.forOperator(ctx, data);
  }
}
