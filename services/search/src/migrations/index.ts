import { messagingMigrations } from '@kc/messaging';
import { Migration20261121300001SearchIndex } from './Migration20261121300001SearchIndex';
import { Migration20261202000001SearchContributions } from './Migration20261202000001SearchContributions';
import { Migration20261202200001SearchMedia } from './Migration20261202200001SearchMedia';
import { Migration20261203100001SearchCollections } from './Migration20261203100001SearchCollections';
import { Migration20261203200001SearchHiddenContent } from './Migration20261203200001SearchHiddenContent';
import { Migration20261203300001SearchHiddenConversations } from './Migration20261203300001SearchHiddenConversations';
import { Migration20261203400001SearchNationalCommunities } from './Migration20261203400001SearchNationalCommunities';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const searchMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261121300001SearchIndex', class: Migration20261121300001SearchIndex },
  { name: 'Migration20261202000001SearchContributions', class: Migration20261202000001SearchContributions },
  { name: 'Migration20261202200001SearchMedia', class: Migration20261202200001SearchMedia },
  { name: 'Migration20261203100001SearchCollections', class: Migration20261203100001SearchCollections },
  { name: 'Migration20261203200001SearchHiddenContent', class: Migration20261203200001SearchHiddenContent },
  { name: 'Migration20261203300001SearchHiddenConversations', class: Migration20261203300001SearchHiddenConversations },
  { name: 'Migration20261203400001SearchNationalCommunities', class: Migration20261203400001SearchNationalCommunities },
];
