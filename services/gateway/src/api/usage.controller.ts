import { Controller } from '@nestjs/common';
import type { RequestMeta } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Route } from '../http/route';
import { loadOperatorUsage, OperatorUsage } from '../usage/operator-usage';

@Controller()
export class UsageController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'GET', path: 'operator/usage', response: OperatorUsage, auth: 'required',
    summary: 'Gebruik per regio voor de landelijke beheerder: accounts, actieve leden (laatste 30 dagen), communities, gesprekken, activiteiten, titels en opslag per dienst',
  })
  usage(@Meta() meta: RequestMeta) {
    return loadOperatorUsage(this.rpc, meta);
  }
}
