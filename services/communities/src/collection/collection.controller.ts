import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddCollectionItem, ChangeCollectionItem, CreateCollection, DeleteCollection, GetCollection, ListCollections, RegionCollections, RemoveCollectionItem, UpdateCollection,
} from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { CollectionItemService } from './collection-item.service';
import { CollectionService } from './collection.service';

@Controller()
export class CollectionController {
  constructor(private readonly collections: CollectionService, private readonly items: CollectionItemService) {}

  @Rpc(CreateCollection)
  create(@Payload() { data, ctx }: RpcCall<typeof CreateCollection>) {
    return this.collections.create(ctx, data);
  }

  @Rpc(UpdateCollection)
  update(@Payload() { data, ctx }: RpcCall<typeof UpdateCollection>) {
    return this.collections.update(ctx, data);
  }

  @Rpc(DeleteCollection)
  remove(@Payload() { data, ctx }: RpcCall<typeof DeleteCollection>) {
    return this.collections.remove(ctx, data);
  }

  @Rpc(GetCollection)
  get(@Payload() { data, ctx }: RpcCall<typeof GetCollection>) {
    return this.collections.get(ctx, data.id);
  }

  @Rpc(ListCollections)
  list(@Payload() { data, ctx }: RpcCall<typeof ListCollections>) {
    return this.collections.list(ctx, data);
  }

  @Rpc(RegionCollections)
  ofRegion(@Payload() { data }: RpcCall<typeof RegionCollections>) {
    return this.collections.ofRegion(data);
  }

  /** The caller's own token goes along when events is asked whether they may see an activity. */
  @Rpc(AddCollectionItem)
  addItem(@Payload() { data, ctx, meta }: RpcCall<typeof AddCollectionItem>) {
    return this.items.add(ctx, meta, data);
  }

  @Rpc(ChangeCollectionItem)
  changeItem(@Payload() { data, ctx }: RpcCall<typeof ChangeCollectionItem>) {
    return this.items.change(ctx, data);
  }

  @Rpc(RemoveCollectionItem)
  removeItem(@Payload() { data, ctx }: RpcCall<typeof RemoveCollectionItem>) {
    return this.items.remove(ctx, data);
  }
}
