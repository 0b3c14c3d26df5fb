import { Controller, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Payload } from '@nestjs/microservices';
import { ExportRequested, GetDataExport, ListDataExports, RequestDataExport, type EventEnvelope } from '@kc/contracts';
import { OnEvent, Rpc, type RpcCall } from '@kc/messaging';
import { DataExportService } from './data-export.service';

@Controller()
export class DataExportController {
  constructor(private readonly exports: DataExportService) {}

  @Rpc(RequestDataExport)
  request(@Payload() { ctx }: RpcCall<typeof RequestDataExport>) {
    return this.exports.request(ctx);
  }

  @Rpc(GetDataExport)
  get(@Payload() { data, ctx }: RpcCall<typeof GetDataExport>) {
    return this.exports.get(ctx, data.id);
  }

  @Rpc(ListDataExports)
  list(@Payload() { ctx }: RpcCall<typeof ListDataExports>) {
    return this.exports.list(ctx);
  }
}

@Injectable()
export class DataExportHandlers {
  constructor(private readonly exports: DataExportService) {}

  @OnEvent(ExportRequested)
  gather(event: EventEnvelope<typeof ExportRequested>, em: EntityManager): Promise<void> {
    return this.exports.gather(em, event);
  }
}
