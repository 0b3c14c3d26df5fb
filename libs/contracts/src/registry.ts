import * as catalogue from './catalogue/catalogue.contracts';
import * as communities from './communities/communities.contracts';
import type { EventContract, RequestContract } from './define';
import * as events from './events/events.contracts';
import * as places from './events/places.contracts';
import * as identity from './identity/identity.contracts';
import * as identityEmail from './identity/email.contracts';
import * as identitySso from './identity/sso.contracts';
import * as search from './search/search.contracts';
import * as usage from './usage/usage.contracts';
import * as privacy from './privacy/privacy.contracts';
import * as erasure from './privacy/erasure.contracts';
import * as retention from './privacy/retention.contracts';

const modules = [identity, identityEmail, identitySso, communities, events, places, catalogue, search, usage, privacy, erasure, retention] as Record<string, unknown>[];
const isKind = <K extends 'event' | 'request'>(kind: K) => (value: unknown): value is K extends 'event' ? EventContract : RequestContract =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;

/** Every event contract, for the AsyncAPI document and for consumers that route by type. */
export const ALL_EVENTS: readonly EventContract[] = modules.flatMap((m) => Object.values(m).filter(isKind('event'))) as EventContract[];
export const ALL_REQUESTS: readonly RequestContract[] = modules.flatMap((m) => Object.values(m).filter(isKind('request'))) as RequestContract[];

export function eventContractOf(type: string): EventContract | undefined {
  return ALL_EVENTS.find((c) => c.type === type);
}
