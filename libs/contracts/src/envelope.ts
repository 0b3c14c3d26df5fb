import { z } from 'zod';
import type { EventContract, EventData } from './define';

/** The envelope of every domain event (DESIGN.md "How messages flow"). */
export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^kc\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v\d+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  region: z.uuid().nullable(),
  actor: z.uuid().nullable(),
  correlationId: z.string().min(1).max(200),
  causationId: z.string().max(200).nullable(),
  data: z.unknown(),
});

export type EventEnvelope<C extends EventContract = EventContract> = Omit<z.infer<typeof EventEnvelopeSchema>, 'data' | 'type'> & {
  type: C['type'];
  data: EventData<C>;
};
