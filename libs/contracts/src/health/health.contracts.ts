import { z } from 'zod';
import { Empty } from '../common';
import type { ServiceName } from '../define';
import { defineRequest } from '../define';

export const HealthReport = z.object({
  service: z.string(),
  status: z.enum(['ok', 'error']),
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), error: z.string().optional() })),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** Every service answers `<service>.health` over NATS; the gateway's `/health` asks them all. */
export const healthContract = (service: ServiceName) =>
  defineRequest({ pattern: `${service}.health`, service, description: `Health of ${service}`, request: Empty, response: HealthReport });
