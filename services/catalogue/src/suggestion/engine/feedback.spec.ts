import { DEFAULT_FEEDBACK, describingLexemes, feedbackEvidence, withFeedback, type FeedbackRow } from './feedback';

const row = (titleId: string, signal: 1 | -1, lexemes: string[]): FeedbackRow => ({ titleId, signal, lexemes });

describe('suggestions that learn', () => {
  it('weighs feedback by how much of its conversation the new one shares, sharply', () => {
    const evidence = feedbackEvidence(
      [row('a', 1, ['warmtepomp', 'isoler', 'huis', 'gas']), row('a', 1, ['warmtepomp', 'moestuin', 'zaai', 'kweek']), row('b', -1, ['warmtepomp', 'isoler', 'huis', 'gas']), row('c', 1, ['moestuin'])],
      new Set(['warmtepomp', 'isoler', 'huis', 'gas']),
    );
    expect(evidence.get('a')).toBeCloseTo(1 + 0.25 ** DEFAULT_FEEDBACK.sharpness);
    expect(evidence.get('b')).toBeCloseTo(-1);
    expect(evidence.has('c')).toBe(false);
  });

  it('raises a title members added, lowers one they dismissed, saturating, and leaves others as they are', () => {
    expect(withFeedback(10, 0, 10)).toBe(10);
    expect(withFeedback(10, -5, 10)).toBeLessThan(10);
    expect(withFeedback(10, -50, 10)).toBeCloseTo(10 * Math.exp(-DEFAULT_FEEDBACK.weight), 3);
    const raised = withFeedback(10, 1, 10);
    expect(raised).toBeGreaterThan(10);
    expect(withFeedback(10, 50, 10)).toBeCloseTo(10 * Math.exp(DEFAULT_FEEDBACK.weight) + DEFAULT_FEEDBACK.priorShare * 10, 3);
    // A title the text barely names gets a prior only from positive feedback.
    expect(withFeedback(0, 2, 10)).toBeGreaterThan(0);
    expect(withFeedback(0, -2, 10)).toBe(0);
  });

  it('describes a conversation by its most telling full words, never by fragments', () => {
    const terms = [
      { lexeme: 'huis', weight: 2.5, origin: 'word' }, { lexeme: 'warmtepomp', weight: 1, origin: 'word' },
      { lexeme: 'zonnepanel', weight: 1, origin: 'joined' }, { lexeme: 'pomp', weight: 3, origin: 'split' },
    ];
    const idf = (l: string) => ({ huis: 0.2, warmtepomp: 4, zonnepanel: 3 })[l] ?? 1;
    expect(describingLexemes(terms, idf, 2)).toEqual(['warmtepomp', 'zonnepanel']);
    expect(describingLexemes(terms, idf, 10)).toEqual(['warmtepomp', 'zonnepanel', 'huis']);
  });
});
