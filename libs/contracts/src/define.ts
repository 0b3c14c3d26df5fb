import { z } from 'zod';

export const SERVICES = ['identity', 'communities', 'events', 'catalogue', 'search', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A domain event published on JetStream as `kc.<service>.<aggregate>.<event>.v<N>`. */
export interface EventContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly type: T;
  readonly service: ServiceName;
  readonly version: number;
  readonly schema: S;
  readonly description: string;
  /** True when the payload carries personal data; such a stream must have a short max age. */
  readonly personalData: boolean;
}

export function defineEvent<
  const Svc extends ServiceName,
  const Agg extends string,
  const Ev extends string,
  const V extends number,
  S extends z.ZodType,
>(spec: {
  service: Svc;
  aggregate: Agg;
  event: Ev;
  version: V;
  schema: S;
  description: string;
  personalData?: boolean;
}): EventContract<`kc.${Svc}.${Agg}.${Ev}.v${V}`, S> {
  return {
    kind: 'event',
    type: `kc.${spec.service}.${spec.aggregate}.${spec.event}.v${spec.version}`,
    service: spec.service,
    version: spec.version,
    schema: spec.schema,
    description: spec.description,
    personalData: spec.personalData ?? false,
  };
}

/** A request/reply message over core NATS (served by `NatsRpcServer`), e.g. `communities.conversation.start`. */
export interface RequestContract<P extends string = string, Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly pattern: P;
  readonly service: ServiceName;
  readonly request: Req;
  readonly response: Res;
  readonly description: string;
  /** Commands change state and honour an idempotency key; queries do not. */
  readonly command: boolean;
  /** A command that still works in a suspended region (say, cancelling one's own session); others get 423. */
  readonly allowedWhenSuspended?: boolean;
}

export function defineRequest<const P extends string, Req extends z.ZodType, Res extends z.ZodType>(spec: {
  pattern: P;
  service: ServiceName;
  request: Req;
  response: Res;
  description: string;
  command?: boolean;
  allowedWhenSuspended?: boolean;
}): RequestContract<P, Req, Res> {
  return { kind: 'request', command: spec.command ?? false, ...spec };
}

export type EventData<C extends EventContract> = z.infer<C['schema']>;
export type RequestOf<C extends RequestContract> = z.infer<C['request']>;
export type ResponseOf<C extends RequestContract> = z.infer<C['response']>;
