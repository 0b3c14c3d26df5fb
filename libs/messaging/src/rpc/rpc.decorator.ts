import { applyDecorators, SetMetadata, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { RequestContext, RequestContract, RequestMeta, RequestOf } from '@kc/contracts';
import { RpcContextInterceptor } from './rpc-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

import { RPC_CONTRACT } from './rpc-contract.metadata';

/** What an `@Rpc` handler receives: validated data, the verified caller and the raw meta. */
export interface RpcCall<C extends RequestContract> {
  data: RequestOf<C>;
  ctx: RequestContext;
  meta: RequestMeta;
}

/**
 * A request/reply handler for a contract: subscribes to its pattern, verifies the caller's
 * token, validates the data against the contract (400 VALIDATION_FAILED otherwise) and turns
 * every error into the `{statusCode, code, messages}` payload the gateway renders.
 */
export const Rpc = (contract: RequestContract) =>
  applyDecorators(
    MessagePattern(contract.pattern),
    SetMetadata(RPC_CONTRACT, contract),
    UseInterceptors(RpcContextInterceptor),
    UseFilters(RpcErrorFilter),
  );
