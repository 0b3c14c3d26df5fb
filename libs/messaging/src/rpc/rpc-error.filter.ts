import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError, type RpcErrorPayload } from '@kc/contracts';
import { safeError, withCorrelation } from '@kc/observability';
import { isInfrastructureError } from '../infrastructure-error';

export const serviceUnavailable = () =>
  new DomainError(503, 'SERVICE_UNAVAILABLE', {
    nl: 'De dienst kan dit verzoek nu niet uitvoeren: de database of het berichtenverkeer is tijdelijk niet bereikbaar. Probeer het zo opnieuw.',
    en: 'The service cannot handle this request right now: its database or messaging is temporarily unavailable. Please try again shortly.',
  });

/**
 * Every error leaving a request handler becomes an {@link RpcErrorPayload}: the infrastructure
 * being away (database, NATS) is a 503 `SERVICE_UNAVAILABLE`, never a 500; unexpected errors are
 * logged with their stack.
 */
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
    const unavailable = isInfrastructureError(exception);
    const log = unavailable
      ? () => this.logger.warn(`infrastructure unavailable in ${pattern ?? 'request'}: ${message}`)
      : () => this.logger.error(`unexpected error in ${pattern ?? 'request'}: ${message}`, stack);
    if (typeof correlationId === 'string') withCorrelation(correlationId, log);
    else log();
    if (unavailable) return throwError(() => serviceUnavailable().toPayload());
    return throwError(() => new DomainError(500, 'INTERNAL_ERROR', {
      nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
      en: 'Something went wrong on our side. Please try again later.',
    }).toPayload());
  }
}
