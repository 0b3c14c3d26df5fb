import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateBranch, CreateRoom, ListBranches, ListRooms, RemoveBranch, RemoveRoom, UpdateBranch, UpdateRoom } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { BranchService } from './branch.service';
import { RoomService } from './room.service';

@Controller()
export class BranchController {
  constructor(
    private readonly branches: BranchService,
    private readonly rooms: RoomService,
  ) {}

  @Rpc(CreateBranch)
  create(@Payload() { data, ctx }: RpcCall<typeof CreateBranch>) {
    return this.branches.create(ctx, data);
  }

  @Rpc(ListBranches)
  list(@Payload() { data }: RpcCall<typeof ListBranches>) {
    return this.branches.list(data.region);
  }

  @Rpc(UpdateBranch)
  update(@Payload() { data, ctx }: RpcCall<typeof UpdateBranch>) {
    return this.branches.update(ctx, data);
  }

  @Rpc(RemoveBranch)
  remove(@Payload() { data, ctx }: RpcCall<typeof RemoveBranch>) {
    return this.branches.remove(ctx, data.id);
  }

  @Rpc(CreateRoom)
  createRoom(@Payload() { data, ctx }: RpcCall<typeof CreateRoom>) {
    return this.rooms.create(ctx, data);
  }

  @Rpc(ListRooms)
  listRooms(@Payload() { data }: RpcCall<typeof ListRooms>) {
    return this.rooms.list(data.branchId);
  }

  @Rpc(UpdateRoom)
  updateRoom(@Payload() { data, ctx }: RpcCall<typeof UpdateRoom>) {
    return this.rooms.update(ctx, data);
  }

  @Rpc(RemoveRoom)
  removeRoom(@Payload() { data, ctx }: RpcCall<typeof RemoveRoom>) {
    return this.rooms.remove(ctx, data.id);
  }
}
