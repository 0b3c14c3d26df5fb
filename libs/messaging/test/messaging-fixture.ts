import { Entity, MikroORM, PrimaryKey, Property, type EntityManager } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import type { JetStreamClient } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { ConversationStarted, type EventEnvelope } from '@kc/contracts';
import { ensureDatabase, migrateWithLock, ormOptions, serviceDatabaseUrl } from '@kc/persistence';
import { TEST_DATABASE_URL_BASE, type TestScope } from '@kc/testing';
import { messagingMigrations } from '../src';

export const conversation = () => ({
  conversationId: uuidv7(), communityId: uuidv7(), title: 'Zonnepanelen op een rijtjeshuis', body: 'Wie heeft ervaring?',
  visibility: 'public' as const, revision: 0, authorId: uuidv7(),
});

export const envelopeOf = (data = conversation()): EventEnvelope<typeof ConversationStarted> => ({
  id: uuidv7(), type: ConversationStarted.type, version: 1, occurredAt: new Date().toISOString(),
  region: uuidv7(), actor: uuidv7(), correlationId: 'c', causationId: null, data,
});

/** Reads every message currently in a stream subject (ordered consumer, no ack). */
export async function readAll(js: JetStreamClient, stream: string, subject: string): Promise<EventEnvelope[]> {
  const consumer = await js.consumers.get(stream, { filter_subjects: subject });
  const out: EventEnvelope[] = [];
  const pending = (await consumer.info()).num_pending;
  if (pending === 0) return out;
  const messages = await consumer.fetch({ max_messages: pending, expires: 2000 });
  for await (const m of messages) {
    out.push(m.json<EventEnvelope>());
    if (out.length === pending) break;
  }
  return out;
}

/** A tiny aggregate standing for "the state change" that an event accompanies. */
@Entity({ tableName: 'notes' })
export class Note {
  @PrimaryKey({ type: 'uuid' }) id: string = uuidv7();
  @Property() text!: string;
  constructor(text: string) {
    this.text = text;
  }
}

class NotesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE TABLE notes (id uuid PRIMARY KEY, text text NOT NULL)');
    this.addSql('CREATE TABLE effects (event_id uuid NOT NULL, consumer text NOT NULL DEFAULT \'\', applied_at timestamptz NOT NULL DEFAULT now())');
  }
}

/** A migrated database of the test's own with the messaging tables and `notes`/`effects` tables (on a private server with `urlBase`). */
export async function messagingDatabase(scope: TestScope, name: string, urlBase = TEST_DATABASE_URL_BASE): Promise<{ orm: MikroORM; url: string }> {
  const dbName = scope.dbName(name);
  await ensureDatabase(urlBase, dbName);
  const url = serviceDatabaseUrl(urlBase, dbName);
  const orm = await MikroORM.init(
    ormOptions({
      dbName,
      clientUrl: url,
      entities: [Note],
      migrations: [...messagingMigrations, { name: 'NotesMigration', class: NotesMigration }],
    }) as never,
  );
  await migrateWithLock(orm);
  return { orm, url };
}

export async function countRows(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await em.getConnection().execute<{ n: string }[]>(sql, params);
  return Number(row.n);
}
