import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { NatsNamespace } from '../nats/namespace';

type NatsTransportOptions = NonNullable<NatsOptions['options']>;

/**
 * `@nestjs/microservices` NATS server whose request/reply subjects carry the namespace, so
 * parallel test runs (or environments) sharing one NATS never answer each other.
 */
export class NamespacedNatsServer extends ServerNats {
  constructor(
    private readonly ns: NatsNamespace,
    options: NatsTransportOptions,
  ) {
    super(options);
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    if (this.ns.ns) {
      for (const [pattern, handler] of [...this.messageHandlers.entries()]) {
        if (pattern.startsWith(`${this.ns.ns}.`)) continue;
        this.messageHandlers.delete(pattern);
        this.messageHandlers.set(this.ns.subject(pattern), handler);
      }
    }
    super.bindEvents(client);
  }
}
