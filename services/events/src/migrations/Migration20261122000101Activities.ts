import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000101Activities extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE activities (
      id uuid PRIMARY KEY,
      community_id uuid NOT NULL,
      region_id uuid NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'members')),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      time_zone text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('in_person', 'online', 'hybrid')),
      location text,
      online_url text,
      capacity int CHECK (capacity IS NULL OR capacity > 0),
      attendee_count int NOT NULL DEFAULT 0,
      waitlist_count int NOT NULL DEFAULT 0,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK (capacity IS NULL OR attendee_count <= capacity)
    )`);
    this.addSql('CREATE INDEX activities_community_start ON activities (community_id, starts_at, id)');
    this.addSql(`CREATE TABLE rsvps (
      activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (activity_id, account_id)
    )`);
  }
}
