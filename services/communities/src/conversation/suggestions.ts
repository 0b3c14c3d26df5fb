import type { Suggestion } from '@kc/contracts';

/** Best first: by score where the catalogue gave one (stable otherwise), one entry per title. */
export function rankSuggestions(suggestions: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  const unique = suggestions.filter((s) => !seen.has(s.titleId) && seen.add(s.titleId));
  return unique
    .map((s, index) => ({ s, index }))
    .sort((a, b) => (b.s.score ?? -Infinity) - (a.s.score ?? -Infinity) || a.index - b.index)
    .map(({ s }) => s);
}
