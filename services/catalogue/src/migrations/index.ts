import { messagingMigrations } from '@kc/messaging';
import { suggestionEngineMigrations } from '../suggestion/engine/engine.migrations';
import { Migration20261121000100Catalogue } from './Migration20261121000100Catalogue';

/** In order: the messaging tables first, then the catalogue's, then the suggestion engine's (they build on `titles`). */
export const catalogueMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261121000100Catalogue', class: Migration20261121000100Catalogue },
  ...suggestionEngineMigrations,
];
