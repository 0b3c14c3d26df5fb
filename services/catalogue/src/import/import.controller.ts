import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetImport, StartImport } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { toImportResponse } from './import.responses';
import { ImportService } from './import.service';

@Controller()
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Rpc(StartImport)
  async start(@Payload() { data, ctx }: RpcCall<typeof StartImport>) {
    const row = await this.imports.start(ctx, data);
    return { id: row.id };
  }

  @Rpc(GetImport)
  async get(@Payload() { data, ctx }: RpcCall<typeof GetImport>) {
    return toImportResponse(await this.imports.get(ctx, data.id));
  }
}
