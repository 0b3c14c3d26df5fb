import type { ServiceName } from '@kc/contracts';
import type { ConsumerOptions } from './events/event-consumer';
import type { RetentionOptions } from './maintenance/messaging-janitor';

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
  /** Pruning of the inbox and idempotency tables (with a database only). */
  retention?: Partial<RetentionOptions>;
}
export const MESSAGING_OPTIONS = Symbol('kc:messaging-options');
export const MESSAGING_LOGGER = Symbol('kc:messaging-logger');
