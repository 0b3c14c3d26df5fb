import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError, type RpcErrorPayload } from '@kc/contracts';
import { safeError, withCorrelation } from '@kc/observability';

/** Every error leaving a request handler becomes an {@link RpcErrorPayload}; unexpected ones are logged with their stack. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('rpc');

  catch(exception: unknown, host: ArgumentsHost): Observable<RpcErrorPayload> {
    if (exception instanceof DomainError) return throwError(() => exception.toPayload());
    const pgCode = (exception as { code?: string }).code;
    if (pgCode === '23505') {
      return throwError(() => new DomainError(409, 'CONFLICT', { nl: 'Dit bestaat al.', en: 'This already exists.' }).toPayload());
    }
    const pattern = host.switchToRpc().getContext<{ getSubject?: () => string }>()?.getSubject?.();
    const { message, stack } = safeError(exception);
    // Filters run outside the interceptor's correlation scope: take the id from the message itself.
    const correlationId = host.switchToRpc().getData<{ meta?: { correlationId?: unknown } }>()?.meta?.correlationId;
    const log = () => this.logger.error(`unexpected error in ${pattern ?? 'request'}: ${message}`, stack);
    if (typeof correlationId === 'string') withCorrelation(correlationId, log);
    else log();
    return throwError(() => new DomainError(500, 'INTERNAL_ERROR', {
      nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
      en: 'Something went wrong on our side. Please try again later.',
    }).toPayload());
  }
}
