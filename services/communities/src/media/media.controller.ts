import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AddMedia, ChangeMedia, RemoveMedia } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { MediaService } from './media.service';

@Controller()
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Rpc(AddMedia)
  add(@Payload() { data, ctx }: RpcCall<typeof AddMedia>) {
    return this.media.add(ctx, data);
  }

  @Rpc(ChangeMedia)
  change(@Payload() { data, ctx }: RpcCall<typeof ChangeMedia>) {
    return this.media.change(ctx, data);
  }

  @Rpc(RemoveMedia)
  remove(@Payload() { data, ctx }: RpcCall<typeof RemoveMedia>) {
    return this.media.remove(ctx, data);
  }
}
