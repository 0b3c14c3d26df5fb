import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { ReactionKind, RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { notAMember } from '../community/community.errors';
import { contributionDeleted } from './contribution.errors';
import { ContributionService } from './contribution.service';

/** Nuttig, eens, inspirerend: at most one of each kind per person; giving or taking back twice changes nothing. */
@Injectable()
export class ReactionService {
  constructor(
    private readonly em: EntityManager,
    private readonly contributions: ContributionService,
  ) {}

  set(ctx: RequestContext, input: { contributionId: string; kind: ReactionKind; on: boolean }): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'contribution.react', async (em) => {
      const found = await this.contributions.forCaller(ctx, em, input.contributionId);
      if (!found.role) throw notAMember();
      if (found.deletedAt) throw contributionDeleted();
      if (input.on) {
        await sqlRows(em, 'INSERT INTO contribution_reactions (contribution_id, account_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [found.id, caller.accountId, input.kind]);
      } else {
        await sqlRows(em, 'DELETE FROM contribution_reactions WHERE contribution_id = $1 AND account_id = $2 AND kind = $3', [found.id, caller.accountId, input.kind]);
      }
      return {};
    });
  }
}
