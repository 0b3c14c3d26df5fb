/**
 * Suggestions that learn (pure): what members of a region added to, or dismissed from, their
 * conversations is evidence for a title in a new conversation on the same subject. A feedback
 * row keeps the lexemes of the conversation it was given in; its weight for a new conversation
 * is the share of those lexemes the new one shares (a conversation on another subject gives
 * none). No I/O: `suggest.ts` reads the rows.
 */

export interface FeedbackRow {
  titleId: string;
  /** +1: a member added the title to the conversation; -1: found it not fitting. */
  signal: 1 | -1;
  /** the conversation's most weighty lexemes when the feedback was given */
  lexemes: string[];
}

export interface FeedbackParams {
  /** At most this many of a conversation's lexemes describe it in a feedback row (the most telling: query weight × idf). */
  lexemes: number;
  /** Similarity = overlap^sharpness: only conversations on much the same subject count much. */
  sharpness: number;
  /** How far feedback moves a title's score: × e^(±weight) at most. */
  weight: number;
  /** A title members added in similar conversations gets at most this share of the best score on top. */
  priorShare: number;
  /** Evidence from which feedback alone lets a title in (about one very similar conversation that added it). */
  admits: number;
}
export const DEFAULT_FEEDBACK: FeedbackParams = { lexemes: 12, sharpness: 2, weight: 0.3, priorShare: 0.25, admits: 0.75 };

/** title id → Σ signal × similarity, similarity = (|shared lexemes| / |the feedback's lexemes|)^sharpness. */
export function feedbackEvidence(rows: readonly FeedbackRow[], conversationLexemes: ReadonlySet<string>, params: FeedbackParams = DEFAULT_FEEDBACK): Map<string, number> {
  const evidence = new Map<string, number>();
  for (const row of rows) {
    if (row.lexemes.length === 0) continue;
    const shared = row.lexemes.filter((l) => conversationLexemes.has(l)).length;
    if (shared === 0) continue;
    evidence.set(row.titleId, (evidence.get(row.titleId) ?? 0) + row.signal * (shared / row.lexemes.length) ** params.sharpness);
  }
  return evidence;
}

/**
 * The score with feedback: scaled by e^(weight · tanh(evidence)) (dismissals lower it, additions
 * raise it, saturating), plus, for positive evidence, a prior of up to `priorShare` of the best
 * plain score.
 */
export function withFeedback(score: number, evidence: number, bestPlainScore: number, params: FeedbackParams = DEFAULT_FEEDBACK): number {
  const strength = Math.tanh(evidence);
  return score * Math.exp(params.weight * strength) + (strength > 0 ? params.priorShare * bestPlainScore * strength : 0);
}

/** The lexemes that describe a conversation: its most telling full terms (no fragments) by query weight × idf, then lexeme order. */
export function describingLexemes(terms: Iterable<{ lexeme: string; weight: number; origin: string }>, idfOf: (lexeme: string) => number, max: number): string[] {
  return [...terms]
    .filter((t) => t.origin === 'word' || t.origin === 'joined')
    .map((t) => ({ lexeme: t.lexeme, telling: t.weight * idfOf(t.lexeme) }))
    .sort((a, b) => b.telling - a.telling || a.lexeme.localeCompare(b.lexeme))
    .slice(0, max)
    .map((t) => t.lexeme);
}
