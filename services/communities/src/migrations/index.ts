import { messagingMigrations } from '@kc/messaging';
import { Migration20261122000001Communities } from './Migration20261122000001Communities';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const communitiesMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261122000001Communities', class: Migration20261122000001Communities },
];
