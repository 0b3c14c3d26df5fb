import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount, requireRegionMember } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { notAMember } from '../community/community.errors';
import { CommunityService } from '../community/community.service';
import { renderMarkdown } from '../contribution/markdown';
import { notAnOrganiser } from './membership.errors';
import { mayOrganise } from './membership.service';

type PlanFields = { goals: string; targetGroup: string; conditions: string; approach: string };
const FIELDS = ['goals', 'targetGroup', 'conditions', 'approach'] as const;

/** The community plan (Probiblio method): Markdown per field, rendered and sanitised as contributions are. */
@Injectable()
export class PlanService {
  constructor(
    private readonly em: EntityManager,
    private readonly communities: CommunityService,
  ) {}

  set(ctx: RequestContext, input: PlanFields & { communityId: string }) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'plan.set', async (em) => {
      const access = await this.communities.readable(ctx, input.communityId, em);
      if (!mayOrganise(access)) throw notAnOrganiser();
      const fields = Object.fromEntries(FIELDS.map((f) => [f, input[f].trim()])) as PlanFields;
      await em.execute(
        `INSERT INTO community_plans (community_id, goals, target_group, conditions, approach, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, now())
         ON CONFLICT (community_id) DO UPDATE SET goals = excluded.goals, target_group = excluded.target_group, conditions = excluded.conditions,
           approach = excluded.approach, updated_by = excluded.updated_by, updated_at = now()`,
        [input.communityId, fields.goals, fields.targetGroup, fields.conditions, fields.approach, caller.accountId],
      );
      return this.read(em, input.communityId);
    });
  }

  async get(ctx: RequestContext, communityId: string) {
    requireAccount(ctx);
    const em = this.em.fork();
    const access = await this.communities.readable(ctx, communityId, em);
    if (!access.role && !access.isRegionStaff) throw notAMember();
    return this.read(em, communityId);
  }

  private async read(em: EntityManager, communityId: string) {
    const [row] = await sqlRows<PlanFields & { updatedBy: string; updatedAt: Date }>(
      em,
      `SELECT goals, target_group AS "targetGroup", conditions, approach, updated_by AS "updatedBy", updated_at AS "updatedAt" FROM community_plans WHERE community_id = $1`,
      [communityId],
    );
    const source = { goals: row?.goals ?? '', targetGroup: row?.targetGroup ?? '', conditions: row?.conditions ?? '', approach: row?.approach ?? '' };
    const html = Object.fromEntries(FIELDS.map((f) => [f, source[f] ? renderMarkdown(source[f]) : ''])) as PlanFields;
    return { communityId, source, html, updatedBy: row?.updatedBy ?? null, updatedAt: row ? new Date(row.updatedAt).toISOString() : null };
  }
}
