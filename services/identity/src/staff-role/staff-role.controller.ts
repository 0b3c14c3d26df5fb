import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GrantStaffRole, ListStaffRoles, RevokeStaffRole } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { StaffRoleService } from './staff-role.service';

@Controller()
export class StaffRoleController {
  constructor(private readonly staffRoles: StaffRoleService) {}

  @Rpc(GrantStaffRole)
  grant(@Payload() { data, ctx }: RpcCall<typeof GrantStaffRole>) {
    return this.staffRoles.grant(ctx, data);
  }

  @Rpc(RevokeStaffRole)
  revoke(@Payload() { data, ctx }: RpcCall<typeof RevokeStaffRole>) {
    return this.staffRoles.revoke(ctx, data);
  }

  @Rpc(ListStaffRoles)
  list(@Payload() { data, ctx }: RpcCall<typeof ListStaffRoles>) {
    return this.staffRoles.list(ctx, data);
  }
}
