export { suggestTitles, refreshTermStatistics, conversationLexemes, type SuggestInput, type TitleSuggestion } from './suggest';
export { laterSuggestionEngineMigrations, suggestionEngineMigrations } from './engine.migrations';
export { DEFAULT_PARAMS, type Bm25fParams } from './scoring';
