import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import type { EventContract, EventData, ServiceName } from '@kc/contracts';
import { ensureStreams, NatsNamespace } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { InProcessService, TEST_NATS_URL, type TestScope } from '@kc/testing';
import { CommunitiesModule } from '../src/communities.module';
import { loadCommunitiesConfig } from '../src/config';

/**
 * Creates the streams of services that are not running in this test (identity, catalogue), as
 * their producers would at start, so the durable consumers of the service under test can bind.
 */
export async function ensureUpstreamStreams(scope: TestScope, services: ServiceName[]): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for (const service of services) await ensureStreams(jsm, new NatsNamespace(scope.namespace), service, { maxAgeDays: 1, replicas: 1 });
  } finally {
    await nc.close();
  }
}

/** Publishes a real event envelope into the producing service's JetStream stream of the test namespace. */
export async function publishEvent<C extends EventContract>(scope: TestScope, contract: C, data: EventData<C>, region: string | null = null): Promise<string> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const ns = new NatsNamespace(scope.namespace);
    const envelope = {
      id: uuidv7(), type: contract.type, version: contract.version, occurredAt: new Date().toISOString(),
      region, actor: null, correlationId: randomUUID(), causationId: null, data: contract.schema.parse(data),
    };
    await jetstream(nc).publish(ns.subject(contract.type), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope.id;
  } finally {
    await nc.close();
  }
}

/** Boots the communities service in-process in `scope` (its upstream streams first); `env` adds or overrides variables. */
export async function startCommunities(scope: TestScope, env: Record<string, string> = {}): Promise<InProcessService> {
  scope.dbName('communities');
  await ensureUpstreamStreams(scope, ['identity', 'catalogue']);
  const config = loadCommunitiesConfig({ ...scope.env(), ...env });
  return InProcessService.start({ service: 'communities', scope, module: CommunitiesModule.forRoot(config, createLogger('communities', 'silent')) });
}

/** Runs SQL against a service's own database (assertions on what was written). */
export async function sql<T = Record<string, unknown>>(service: InProcessService, query: string, params: unknown[] = []): Promise<T[]> {
  return service.get<MikroORM>(MikroORM).em.fork().getConnection().execute(query, params) as Promise<T[]>;
}
