export { suggestTitles, refreshTermStatistics, type SuggestInput, type TitleSuggestion } from './suggest';
export { suggestionEngineMigrations } from './engine.migrations';
export { DEFAULT_PARAMS, type Bm25fParams } from './scoring';
