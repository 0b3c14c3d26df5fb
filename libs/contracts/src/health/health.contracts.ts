import { z } from 'zod';
import { Empty } from '../common';
import type { ServiceName } from '../define';
import { defineRequest } from '../define';

export const HealthReport = z.object({
  service: z.string(),
  status: z.enum(['ok', 'error']),
  checks: z.record(z.string(), z.object({
    status: z.enum(['up', 'down']),
    error: z.string().optional(),
    /** e.g. `messaging`: `{consumers: {<durable>: 'running' | 'stopped'}, deadLetters: N}` */
    details: z.record(z.string(), z.unknown()).optional(),
  })),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** Every service answers `<service>.health` over NATS; the gateway's `/health` asks them all. */
export const healthContract = (service: ServiceName) =>
  defineRequest({ pattern: `${service}.health`, service, description: `Health of ${service}`, request: Empty, response: HealthReport });

export const DeadLetterReplayReport = z.object({
  service: z.string(),
  /** Dead letters looked at. */
  total: z.number().int(),
  /** Applied now (or found applied before: the inbox) and deleted. */
  replayed: z.number().int(),
  /** Of a type the service no longer handles: deleted, as the consumer would have acked them. */
  skipped: z.number().int(),
  /** Still failing: kept, with the reason. */
  failed: z.array(z.object({ seq: z.number().int(), eventId: z.string().nullable(), type: z.string(), reason: z.string() })),
  /** Set when the database or NATS went away during the replay: the rest was not tried. */
  interrupted: z.string().optional(),
});
export type DeadLetterReplayReport = z.infer<typeof DeadLetterReplayReport>;

/**
 * The operator's `npm run deadletters -- replay <service>`: the running service replays its own
 * dead letters through its handlers (ADR 0011). Internal: NATS access is the boundary.
 */
export const deadLetterReplayContract = (service: ServiceName) =>
  defineRequest({ pattern: `${service}.deadletters.replay`, service, description: `Replay the dead letters of ${service}`, request: Empty, response: DeadLetterReplayReport });
