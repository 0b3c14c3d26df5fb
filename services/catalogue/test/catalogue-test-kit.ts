import { CatalogueUploadBucket } from '@kc/contracts';
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { EventContract, EventData, EventEnvelope } from '@kc/contracts';
import { NatsNamespace, ensureStreams } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { InProcessService, TEST_DATABASE_URL_BASE, TEST_NATS_URL, fixturePath, type TestScope } from '@kc/testing';
import { CatalogueModule } from '../src/catalogue.module';
import { loadCatalogueConfig } from '../src/config';
import { CatalogueQueue, redisConnection } from '../src/queue/queues';
import { CatalogueWorkerModule } from '../src/worker.module';

/** A MARC file of the repository's fixtures (test/fixtures/README.md). */
export const marcFile = (name: string) => fixturePath('marc', name);

/**
 * The catalogue's world in one test suite: the real NATS (object store, streams), PostgreSQL
 * and Redis of a {@link TestScope}; the catalogue service and worker start in-process.
 */
export class CatalogueTestKit {
  private nc?: NatsConnection;
  private pool?: Pool;
  readonly ns: NatsNamespace;

  constructor(readonly scope: TestScope, private readonly env: Record<string, string> = {}) {
    this.ns = new NatsNamespace(scope.namespace);
    scope.dbName('catalogue');
  }

  get config() {
    return loadCatalogueConfig(this.scope.env(this.env));
  }

  async start(): Promise<this> {
    this.nc = await connect({ servers: TEST_NATS_URL });
    // The catalogue consumes identity and communities events: their streams exist first.
    const jsm = await jetstreamManager(this.nc);
    for (const service of ['identity', 'communities'] as const) await ensureStreams(jsm, this.ns, service, { maxAgeDays: 1, replicas: 1 });
    return this;
  }

  startCatalogue(): Promise<InProcessService> {
    return InProcessService.start({ service: 'catalogue', scope: this.scope, module: CatalogueModule.forRoot(this.config, createLogger('catalogue', process.env.LOG_LEVEL ?? 'silent')) });
  }

  startWorker(extraEnv: Record<string, string> = {}): Promise<InProcessService> {
    const config = loadCatalogueConfig(this.scope.env({ ...this.env, ...extraEnv }));
    return InProcessService.start({ service: 'catalogue-worker', scope: this.scope, module: CatalogueWorkerModule.forRoot(config, createLogger('catalogue-worker', process.env.LOG_LEVEL ?? 'silent')) });
  }

  /** Streams a file (or bytes) into the upload bucket as the gateway does; returns the object name. */
  async upload(importId: string, content: string | Uint8Array): Promise<string> {
    const store = await new Objm(this.nc!).create(this.ns.bucket(CatalogueUploadBucket.name));
    const source = typeof content === 'string' ? createReadStream(content) : Readable.from([Buffer.from(content)]);
    await store.put({ name: importId }, Readable.toWeb(source) as ReadableStream<Uint8Array>);
    return importId;
  }

  async objectExists(name: string): Promise<boolean> {
    const store = await new Objm(this.nc!).create(this.ns.bucket(CatalogueUploadBucket.name));
    const info = await store.info(name);
    return info !== null && !info.deleted;
  }

  /** Publishes a domain event as its producing service would (envelope, `Nats-Msg-Id`). */
  async publish<C extends EventContract>(contract: C, data: EventData<C>, region: string | null, id = uuidv7()): Promise<EventEnvelope<C>> {
    const envelope = {
      id, type: contract.type, version: contract.version, occurredAt: new Date().toISOString(),
      region, actor: null, correlationId: `test-${randomUUID()}`, causationId: null, data,
    } as EventEnvelope<C>;
    await jetstream(this.nc!).publish(this.ns.subject(contract.type), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope;
  }

  /** SQL on the catalogue's database, for assertions. */
  async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.pool ??= new Pool({ connectionString: `${TEST_DATABASE_URL_BASE}/${this.scope.dbName('catalogue')}`, max: 2 });
    return (await this.pool.query<T>(sql, params)).rows;
  }

  /** Also removes the suite's queues from Redis (its own prefix). */
  async stop(): Promise<void> {
    for (const name of Object.values(CatalogueQueue)) {
      const queue = new Queue(name, { connection: redisConnection(this.config.REDIS_URL), prefix: this.config.KC_QUEUE_PREFIX });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await this.pool?.end();
    await this.nc?.close();
  }
}

/**
 * A MARCXML sample file as text, cut off in the middle of its `record`-th `<record>` (a
 * truncated upload), or with `insert` put into that record's first subfield text instead.
 */
export function brokenMarcXml(name: string, record: number, insert?: string): string {
  const xml = readFileSync(marcFile(name), 'utf8');
  let at = -1;
  for (let i = 0; i < record; i++) at = xml.indexOf('<record>', at + 1);
  if (at === -1) throw new Error(`${name} has fewer than ${record} records`);
  if (insert === undefined) return xml.slice(0, Math.floor((at + xml.indexOf('</record>', at)) / 2));
  const text = xml.indexOf('">', xml.indexOf('<subfield', at)) + 2;
  return xml.slice(0, text) + insert + xml.slice(text);
}

/**
 * `copies` × the 1,001 NLNZ records as one ISO 2709 file with distinct 001 ids (the first two
 * characters of each 001 become the copy number; lengths stay, so the directory stays valid).
 */
export function largeIso2709(copies: number): Buffer {
  const source = readFileSync(marcFile('nlnz-1000.mrc'));
  const records: Buffer[] = [];
  let start = 0;
  for (let end = source.indexOf(0x1d); end !== -1; start = end + 1, end = source.indexOf(0x1d, start)) records.push(source.subarray(start, end + 1));
  const out: Buffer[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const tag = String(copy).padStart(2, '0');
    for (const record of records) {
      const r = Buffer.from(record);
      const base = Number(r.toString('latin1', 12, 17));
      for (let off = 24; r[off] !== 0x1e; off += 12) {
        if (r.toString('latin1', off, off + 3) === '001') {
          r.write(tag, base + Number(r.toString('latin1', off + 7, off + 12)), 'latin1');
          break;
        }
      }
      out.push(r);
    }
  }
  return Buffer.concat(out);
}
