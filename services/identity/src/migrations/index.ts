import { messagingMigrations } from '@kc/messaging';
import { Migration20261121000001Regions } from './Migration20261121000001Regions';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const identityMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261121000001Regions', class: Migration20261121000001Regions },
];
