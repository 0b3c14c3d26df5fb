import type { ServiceName } from '@kc/contracts';
import type { ConsumerOptions } from './events/event-consumer';

export interface MessagingOptions {
  service: ServiceName;
  natsUrl: string;
  namespace: string;
  /** The service's own database (outbox relay); omit for a service without one (gateway). */
  databaseUrl?: string;
  /** Does the service publish events (gets a stream and an outbox relay)? */
  produces: boolean;
  streamMaxAgeDays?: number;
  streamReplicas?: number;
  consumer?: Partial<ConsumerOptions>;
  rpcTimeoutMs?: number;
}
export const MESSAGING_OPTIONS = Symbol('kc:messaging-options');
export const MESSAGING_LOGGER = Symbol('kc:messaging-logger');
