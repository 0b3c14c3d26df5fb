import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';

export type PostingKind = 'conversation' | 'contribution' | 'media';

const WINDOW_SECONDS = 60;
/**
 * What one account wrote in the last minute, by kind: the rows themselves are the counter. The
 * account's lock and the count in one round trip (`kc_posting_window`, migration
 * 20261204200001); at most `limit` rows are read, oldest first, so the check costs the same
 * however much an account (a script, a benchmark with raised limits) wrote.
 */
const POSTING_WINDOW = 'SELECT n, oldest FROM kc_posting_window($1, $2, $3::uuid, $4, $5)';
const WHAT = {
  conversation: { nl: 'nieuwe gesprekken', en: 'new conversations' },
  contribution: { nl: 'bijdragen', en: 'contributions' },
  media: { nl: 'links', en: 'links' },
} as const;

export const tooManyPosts = (kind: PostingKind, limit: number, retryAfterSeconds: number) =>
  new DomainError(
    429,
    'POSTING_LIMIT_REACHED',
    {
      nl: `Je hebt de afgelopen minuut al ${limit} ${WHAT[kind].nl} geplaatst, het maximum. Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
      en: `You have posted ${limit} ${WHAT[kind].en} in the last minute, the maximum. Try again in ${retryAfterSeconds} seconds.`,
    },
    { retryAfterSeconds },
  );

/**
 * Posting limits per account (a flood of posts, by hand or by script, stops at 429). Counted from
 * the account's own rows of the last minute, so no other store is needed and every replica agrees;
 * a transaction-scoped advisory lock per account makes concurrent posts of one account take turns,
 * so a burst in parallel cannot slip past the count.
 */
@Injectable()
export class PostingLimits {
  constructor(@Inject(COMMUNITIES_CONFIG) private readonly config: CommunitiesConfig) {}

  /** Call inside the transaction that writes the post, before writing it. */
  async enforce(em: EntityManager, kind: PostingKind, accountId: string): Promise<void> {
    const limit = this.limitOf(kind);
    const [{ n, oldest }] = await sqlRows<{ n: number; oldest: Date | null }>(em, POSTING_WINDOW, [`kc-posting:${accountId}`, kind, accountId, limit, WINDOW_SECONDS]);
    if (n < limit) return;
    const freeAt = new Date(oldest!).getTime() + WINDOW_SECONDS * 1000;
    throw tooManyPosts(kind, limit, Math.max(1, Math.ceil((freeAt - Date.now()) / 1000)));
  }

  private limitOf(kind: PostingKind): number {
    if (kind === 'conversation') return this.config.COMMUNITIES_MAX_CONVERSATIONS_PER_MINUTE;
    if (kind === 'contribution') return this.config.COMMUNITIES_MAX_CONTRIBUTIONS_PER_MINUTE;
    return this.config.COMMUNITIES_MAX_MEDIA_PER_MINUTE;
  }
}
