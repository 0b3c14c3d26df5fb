import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, switchMap, type Observable } from 'rxjs';
import { DomainError, findUnsafeText, regionReadOnly, RpcMessage, type RequestContract } from '@kc/contracts';
import { withCorrelation } from '@kc/observability';
import { REQUEST_CONTEXT_RESOLVER, type RequestContextResolver } from './request-context.resolver';
import { RPC_CONTRACT } from './rpc-contract.metadata';
import { requestFingerprint } from './idempotency';
import { unsafeTextError, validationError } from './validation';

@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REQUEST_CONTEXT_RESOLVER) private readonly resolver: RequestContextResolver,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RequestContract>(RPC_CONTRACT, context.getHandler());
    const message = context.switchToRpc().getData<Record<string, unknown>>();
    return from(this.prepare(contract, message)).pipe(
      switchMap((correlationId) => withCorrelation(correlationId, () => next.handle())),
    );
  }

  private async prepare(contract: RequestContract, message: Record<string, unknown>): Promise<string> {
    const envelope = RpcMessage.safeParse(message);
    if (!envelope.success) throw validationError(RpcMessage, message, envelope.error);
    const unsafe = findUnsafeText(envelope.data.data);
    if (unsafe) throw unsafeTextError(unsafe);
    const input = envelope.data.data ?? {};
    const data = contract.request.safeParse(input);
    if (!data.success) throw validationError(contract.request, input, data.error);
    const resolved = await this.resolver.resolve(envelope.data.meta);
    const ctx = resolved && (resolved.idempotencyKey ? { ...resolved, requestFingerprint: requestFingerprint(contract.pattern, data.data) } : resolved);
    // The handler reads {data, ctx, meta} from the same payload object.
    Object.assign(message, { data: data.data, ctx, meta: envelope.data.meta });
    if (!ctx) throw new DomainError(500, 'NO_CONTEXT', { nl: 'Interne fout.', en: 'Internal error.' });
    // A suspended region is read-only in every service: no command of its members is applied
    // (the operator keeps working, to fix and to reinstate).
    if (contract.command && !contract.allowedWhenSuspended && ctx.regionSuspended && !ctx.isOperator) throw regionReadOnly();
    return ctx.correlationId;
  }
}
