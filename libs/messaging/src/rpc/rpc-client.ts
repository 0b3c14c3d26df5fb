import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { DomainError, isRpcErrorPayload, type RequestContract, type RequestMeta, type RequestOf, type ResponseOf } from '@kc/contracts';
import { NatsNamespace } from '../nats/namespace';
import { NamespacedNatsClient } from './rpc-transport';

/**
 * Sends a request to the service that owns a contract and waits for its reply. A service that
 * does not answer in time becomes a 504 (`UPSTREAM_TIMEOUT`), one that cannot be reached a 503
 * (`UPSTREAM_UNAVAILABLE`); the service's own errors arrive as {@link DomainError}s.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  private readonly client: NamespacedNatsClient;

  constructor(ns: NatsNamespace, natsUrl: string, private readonly timeoutMs: number, name: string) {
    this.client = new NamespacedNatsClient(ns, { servers: natsUrl.split(','), name: `${name}-rpc`, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async send<C extends RequestContract>(contract: C, data: RequestOf<C> | Record<string, unknown>, meta: RequestMeta, timeoutMs = this.timeoutMs): Promise<ResponseOf<C>> {
    try {
      return await firstValueFrom(this.client.send<ResponseOf<C>>(contract.pattern, { meta, data }).pipe(timeout(timeoutMs)));
    } catch (error) {
      if (isRpcErrorPayload(error)) throw DomainError.fromPayload(error);
      if (error instanceof TimeoutError) {
        throw new DomainError(504, 'UPSTREAM_TIMEOUT', {
          nl: `De dienst ${contract.service} antwoordt niet op tijd. Probeer het zo opnieuw.`,
          en: `The ${contract.service} service did not answer in time. Please try again shortly.`,
        });
      }
      throw new DomainError(503, 'UPSTREAM_UNAVAILABLE', {
        nl: `De dienst ${contract.service} is tijdelijk niet bereikbaar.`,
        en: `The ${contract.service} service is temporarily unavailable.`,
      }, { cause: (error as Error)?.message ?? String(error) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
