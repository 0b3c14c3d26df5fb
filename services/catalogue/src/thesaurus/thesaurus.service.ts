import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ThesaurusTerm } from '@kc/contracts';

/** From this many characters on, a match may also sit inside a word (Dutch compounds: 'armoede' finds 'energiearmoede'). */
const INFIX_FROM = 3;

/**
 * Suggestions from a thesaurus as someone types. The query is folded exactly as the stored
 * labels were (`kc_thesaurus_words`: case, diacritics and punctuation ignored), then ranked:
 * the whole label, the label's start, a word's start, inside a word; shorter labels first.
 */
@Injectable()
export class ThesaurusService {
  constructor(private readonly em: EntityManager) {}

  async suggest(vocabulary: 'brinkman', q: string, limit: number): Promise<ThesaurusTerm[]> {
    const em = this.em.fork();
    const [{ words }] = (await em.execute<{ words: string }[]>('SELECT kc_thesaurus_words(?) AS words', [q])) as [{ words: string }];
    const typed = words.slice(1);
    if (!typed) return [];
    // Only letters, digits and single spaces remain: nothing in the patterns is a LIKE wildcard.
    const where = typed.length >= INFIX_FROM ? `%${typed}%` : `% ${typed}%`;
    return em.execute<ThesaurusTerm[]>(
      `SELECT uri, label FROM thesaurus_terms
        WHERE vocabulary = ? AND words LIKE ?
        ORDER BY CASE WHEN words = ? THEN 0 WHEN words LIKE ? THEN 1 WHEN words LIKE ? THEN 2 ELSE 3 END, length(label), lower(label), uri
        LIMIT ?`,
      [vocabulary, where, words, `${words}%`, `% ${typed}%`, limit],
    );
  }
}
