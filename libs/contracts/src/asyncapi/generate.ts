import { z } from 'zod';
import { SERVICES, type EventContract, type RequestContract } from '../define';
import { EventEnvelopeSchema } from '../envelope';
import { RequestMeta } from '../common';
import { healthContract, HealthReport } from '../health/health.contracts';
import { ALL_EVENTS, ALL_REQUESTS } from '../registry';

/**
 * The AsyncAPI 3.0 document of every message between KennisCloud services, generated from the
 * contracts in @kc/contracts (the only source): domain events on JetStream and request/reply
 * over core NATS. `npm run asyncapi` writes it to docs/asyncapi.yaml; a unit test keeps the
 * committed file equal to this output.
 */
type Json = Record<string, unknown>;

/** JSON Schema (draft-07, which AsyncAPI 3 schemas extend) of a zod schema, without `$schema`. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** Component / channel key from a subject or pattern (`kc.identity.region.created.v1` → `kc-identity-region-created-v1`). */
const keyOf = (subject: string) => subject.replace(/[^A-Za-z0-9]+/g, '-');
/** Message name from a contract (`kc.identity.region.created.v1` → `RegionCreatedV1`-like, but stable and unique). */
const titleOf = (subject: string) => subject.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** Back-end services that answer `<service>.health` (the gateway asks them all). */
const HEALTH_SERVICES = SERVICES.filter((s) => s !== 'gateway');

export function generateAsyncApi(version: string): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};

  for (const event of [...ALL_EVENTS].sort((a, b) => a.type.localeCompare(b.type))) addEvent(event);
  const requests = [...ALL_REQUESTS, ...HEALTH_SERVICES.map((s) => healthContract(s))].sort((a, b) => a.pattern.localeCompare(b.pattern));
  for (const request of requests) addRequest(request);

  function addEvent(event: EventContract): void {
    const key = keyOf(event.type);
    messages[key] = {
      name: event.type,
      title: titleOf(event.type),
      summary: event.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/EventHeaders' },
      payload: {
        allOf: [
          { $ref: '#/components/schemas/EventEnvelope' },
          {
            type: 'object',
            properties: { type: { const: event.type }, version: { const: event.version }, data: jsonSchemaOf(event.schema) },
            required: ['type', 'version', 'data'],
          },
        ],
      },
      'x-kc-personal-data': event.personalData,
      tags: [{ name: event.service }, { name: 'event' }],
    };
    channels[key] = {
      address: event.type,
      title: event.type,
      description: `${event.description}\n\nJetStream stream \`KC_${event.service.toUpperCase()}\` (subjects \`kc.${event.service}.>\`). In a namespaced environment (tests) the subject is prefixed with \`<namespace>.\`.`,
      messages: { [key]: { $ref: `#/components/messages/${key}` } },
    };
    operations[`publish-${key}`] = {
      action: 'send',
      title: `${event.service} publishes ${event.type}`,
      summary: `Published by ${event.service} through its transactional outbox (Nats-Msg-Id = envelope id).`,
      channel: { $ref: `#/channels/${key}` },
      messages: [{ $ref: `#/channels/${key}/messages/${key}` }],
      tags: [{ name: event.service }],
    };
  }

  function addRequest(request: RequestContract): void {
    const key = keyOf(request.pattern);
    const replyKey = `${key}-reply`;
    messages[key] = {
      name: request.pattern,
      title: titleOf(request.pattern),
      summary: request.description,
      contentType: 'application/json',
      payload: {
        type: 'object',
        description: 'Carried as `data` of the request packet `{id, pattern, data}` (the wire format of the @nestjs/microservices NATS transport).',
        properties: { meta: { $ref: '#/components/schemas/RequestMeta' }, data: jsonSchemaOf(request.request, 'input') },
        required: ['meta', 'data'],
      },
      tags: [{ name: request.service }, { name: request.command ? 'command' : 'query' }],
    };
    messages[replyKey] = {
      name: `${request.pattern}.reply`,
      title: `${titleOf(request.pattern)}Reply`,
      summary: `Answer to ${request.pattern}: the response, or a DomainError {statusCode, code, message}.`,
      contentType: 'application/json',
      payload: {
        description: 'Carried as `response` (or `err`) of the reply packet `{id, response}`.',
        oneOf: [jsonSchemaOf(request.response), { $ref: '#/components/schemas/DomainError' }],
      },
      tags: [{ name: request.service }],
    };
    channels[key] = {
      address: request.pattern,
      title: request.pattern,
      description: `${request.description}\n\nCore NATS request/reply, queue group \`${request.service}\`.${request.command ? ' A command: honours `meta.idempotencyKey`.' : ''}`,
      messages: { [key]: { $ref: `#/components/messages/${key}` } },
    };
    channels[replyKey] = {
      address: null,
      title: `${request.pattern} (reply inbox)`,
      description: 'The requester’s NATS inbox (dynamic).',
      messages: { [replyKey]: { $ref: `#/components/messages/${replyKey}` } },
    };
    operations[`handle-${key}`] = {
      action: 'receive',
      title: `${request.service} answers ${request.pattern}`,
      channel: { $ref: `#/channels/${key}` },
      messages: [{ $ref: `#/channels/${key}/messages/${key}` }],
      reply: { channel: { $ref: `#/channels/${replyKey}` }, messages: [{ $ref: `#/channels/${replyKey}/messages/${replyKey}` }] },
      tags: [{ name: request.service }, { name: request.command ? 'command' : 'query' }],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'KennisCloud messaging',
      version,
      description:
        'Every message between KennisCloud services, generated from `libs/contracts` (`npm run asyncapi`; do not edit by hand).\n\n' +
        '- Domain events: NATS JetStream, one stream per producing service, subjects `kc.<service>.<aggregate>.<event>.v<N>`, ' +
        'each in the event envelope; published through a transactional outbox, consumed by durable pull consumers with an inbox table (exactly-once effect).\n' +
        '- Commands and queries: core NATS request/reply (queue group per service), subjects `<service>.<aggregate>.<verb>`.',
      license: { name: 'EUPL-1.2', url: 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:4222', protocol: 'nats', description: 'Local NATS with JetStream (`nats-server -js`).' },
    },
    channels,
    operations,
    components: {
      schemas: {
        EventEnvelope: jsonSchemaOf(EventEnvelopeSchema),
        EventHeaders: {
          type: 'object',
          properties: {
            'Nats-Msg-Id': { type: 'string', description: 'Envelope id (UUIDv7): JetStream drops duplicates within the window.' },
            'kc-correlation-id': { type: 'string' },
          },
        },
        RequestMeta: jsonSchemaOf(RequestMeta, 'input'),
        HealthReport: jsonSchemaOf(HealthReport),
        DomainError: {
          type: 'object',
          properties: {
            statusCode: { type: 'integer' },
            code: { type: 'string', description: 'Stable English code, e.g. COMMUNITY_NOT_FOUND.' },
            message: { type: 'string', description: 'In the caller’s language (Dutch by default).' },
          },
          required: ['statusCode', 'code', 'message'],
        },
      },
      messages,
    },
  };
}
