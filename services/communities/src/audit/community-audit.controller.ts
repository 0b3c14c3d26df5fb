import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListCommunityAudit } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { CommunityAuditReader } from './community-audit.reader';

@Controller()
export class CommunityAuditController {
  constructor(private readonly audit: CommunityAuditReader) {}

  @Rpc(ListCommunityAudit)
  list(@Payload() { data, ctx }: RpcCall<typeof ListCommunityAudit>) {
    return this.audit.list(ctx, data);
  }
}
