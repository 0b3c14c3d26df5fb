import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventContract, EventEnvelope } from '@kc/contracts';

export const ON_EVENT = Symbol('kc:on-event');

/** What a handler receives: the validated event and the entity manager of the transaction it runs in. */
export type EventHandler<C extends EventContract> = (event: EventEnvelope<C>, em: EntityManager) => Promise<void>;

/**
 * Marks a provider method as the handler of a domain event. It runs in a database
 * transaction together with the inbox record, so a redelivered event applies once; the
 * message is acked only after that transaction commits. One handler per event per service:
 * a duplicate fails the boot.
 */
export const OnEvent = (contract: EventContract) => SetMetadata(ON_EVENT, contract);
