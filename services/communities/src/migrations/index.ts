import { messagingMigrations } from '@kc/messaging';
import { Migration20261122000001Communities } from './Migration20261122000001Communities';
import { Migration20261202000001Contributions } from './Migration20261202000001Contributions';
import { Migration20261202000002ConversationTitles } from './Migration20261202000002ConversationTitles';
import { Migration20261202100001ConversationGrowth } from './Migration20261202100001ConversationGrowth';
import { Migration20261202200001MediaReferences } from './Migration20261202200001MediaReferences';
import { Migration20261202300001Membership } from './Migration20261202300001Membership';
import { Migration20261203100001Collections } from './Migration20261203100001Collections';
import { Migration20261203200001Reports } from './Migration20261203200001Reports';
import { Migration20261203300001BlocksAndPostingLimits } from './Migration20261203300001BlocksAndPostingLimits';
import { Migration20261203400001LibraryCommunities } from './Migration20261203400001LibraryCommunities';
import { Migration20261203500001NationalCommunities } from './Migration20261203500001NationalCommunities';
import { Migration20261204100001Organisations } from './Migration20261204100001Organisations';
import { Migration20261204200001PostingWindow } from './Migration20261204200001PostingWindow';

/** In order; the messaging tables (outbox, inbox, idempotency) come first. */
export const communitiesMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261122000001Communities', class: Migration20261122000001Communities },
  { name: 'Migration20261202000001Contributions', class: Migration20261202000001Contributions },
  { name: 'Migration20261202000002ConversationTitles', class: Migration20261202000002ConversationTitles },
  { name: 'Migration20261202100001ConversationGrowth', class: Migration20261202100001ConversationGrowth },
  { name: 'Migration20261202200001MediaReferences', class: Migration20261202200001MediaReferences },
  { name: 'Migration20261202300001Membership', class: Migration20261202300001Membership },
  { name: 'Migration20261203100001Collections', class: Migration20261203100001Collections },
  { name: 'Migration20261203300001BlocksAndPostingLimits', class: Migration20261203300001BlocksAndPostingLimits },
  { name: 'Migration20261203400001LibraryCommunities', class: Migration20261203400001LibraryCommunities },
  { name: 'Migration20261203500001NationalCommunities', class: Migration20261203500001NationalCommunities },
  { name: 'Migration20261204100001Organisations', class: Migration20261204100001Organisations },
  { name: 'Migration20261204200001PostingWindow', class: Migration20261204200001PostingWindow },
  // Named earlier by plan, run last: it depends only on the tables of the migrations before it.
  { name: 'Migration20261203200001Reports', class: Migration20261203200001Reports },
];
