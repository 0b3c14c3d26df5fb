import { messagingMigrations } from '@kc/messaging';
import { laterSuggestionEngineMigrations, suggestionEngineMigrations } from '../suggestion/engine/engine.migrations';
import { Migration20261121000100Catalogue } from './Migration20261121000100Catalogue';
import { Migration20261201000200ImportProgress } from './Migration20261201000200ImportProgress';
import { Migration20261202100001SuggestionGrowth } from './Migration20261202100001SuggestionGrowth';
import { Migration20261203000100Thesaurus } from './Migration20261203000100Thesaurus';

/** In order: the messaging tables first, then the catalogue's, then the suggestion engine's (they build on `titles`). */
export const catalogueMigrations = [
  ...messagingMigrations,
  { name: 'Migration20261121000100Catalogue', class: Migration20261121000100Catalogue },
  ...suggestionEngineMigrations,
  { name: 'Migration20261201000200ImportProgress', class: Migration20261201000200ImportProgress },
  { name: 'Migration20261202100001SuggestionGrowth', class: Migration20261202100001SuggestionGrowth },
  ...laterSuggestionEngineMigrations,
  { name: 'Migration20261203000100Thesaurus', class: Migration20261203000100Thesaurus },
];
