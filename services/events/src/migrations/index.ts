import { messagingMigrations } from '@kc/messaging';
import { Migration20261122000101Activities } from './Migration20261122000101Activities';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const eventsMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261122000101Activities', class: Migration20261122000101Activities },
];
