import { Entity, MikroORM, PrimaryKey, Property, type EntityManager } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { v7 as uuidv7 } from 'uuid';
import { ensureDatabase, migrateWithLock, ormOptions, serviceDatabaseUrl } from '@kc/persistence';
import { TEST_DATABASE_URL_BASE, type TestScope } from '@kc/testing';
import { messagingMigrations } from '../src';

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
    this.addSql('CREATE TABLE effects (event_id uuid NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  }
}

/** A migrated database of the test's own with the messaging tables and a `notes` table. */
export async function messagingDatabase(scope: TestScope, name: string): Promise<{ orm: MikroORM; url: string }> {
  const dbName = scope.dbName(name);
  await ensureDatabase(TEST_DATABASE_URL_BASE, dbName);
  const url = serviceDatabaseUrl(TEST_DATABASE_URL_BASE, dbName);
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
