import { Migration } from '@mikro-orm/migrations';

/** Partner organisations (ADR 0037): a projection of communities' organisations, and the activities they co-host. */
export class Migration20261204100001PartnerOrganisations extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE TABLE organisations (id uuid PRIMARY KEY, region_id uuid, name text NOT NULL)');
    this.addSql(`CREATE TABLE activity_partners (
      activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE, organisation_id uuid NOT NULL,
      added_by uuid NOT NULL, added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (activity_id, organisation_id))`);
  }
}
