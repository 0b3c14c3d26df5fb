import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { DomainError, type ModeratedTargetType, type ReportedContent, type RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import { recordCommunityAudit } from '../audit/community-audit';
import { CommunityService } from '../community/community.service';
import { notAModerator } from '../membership/membership.errors';
import { mayModerate } from '../membership/membership.service';
import { moderationTarget, type ModerationTarget } from './moderation-targets';
import { reportNotFound } from './report.errors';

interface OpenReportGroup { reportId: string; targetType: ModeratedTargetType; targetId: string; reporterCount: number; reasons: string[]; firstReportedAt: Date }

const EXCERPT_LENGTH = 240;
const excerptOf = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
};

/**
 * Reports: anyone signed in who can see content tells the community's moderators about it, once
 * per person and target (a second report answers the first one's id, with the newer reason).
 * Moderators see the open ones grouped by target and dismiss them or hide the content.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly communities: CommunityService,
    private readonly names: AccountNameDirectory,
  ) {}

  report(ctx: RequestContext, input: { targetType: ModeratedTargetType; targetId: string; reason: string }): Promise<{ id: string; alreadyReported: boolean }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'report.create', async (em) => {
      const target = await moderationTarget(em, ctx, input.targetType, input.targetId);
      const inserted = await sqlRows<{ id: string }>(
        em,
        `INSERT INTO reports (id, community_id, target_type, target_id, reporter_id, reason) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (target_type, target_id, reporter_id) DO NOTHING RETURNING id`,
        [uuidv7(), target.communityId, target.type, target.id, caller.accountId, input.reason],
      );
      if (inserted.length > 0) return { id: inserted[0]!.id, alreadyReported: false };
      // Still open: the newer reason replaces the older. Handled already: it stays as it was decided.
      const [existing] = await sqlRows<{ id: string }>(
        em,
        `UPDATE reports SET reason = CASE WHEN status = 'open' THEN $4 ELSE reason END
          WHERE target_type = $1 AND target_id = $2 AND reporter_id = $3 RETURNING id`,
        [target.type, target.id, caller.accountId, input.reason],
      );
      return { id: existing!.id, alreadyReported: true };
    });
  }

  /** One entry per reported target, the longest-waiting first; content deleted since drops out. */
  async list(ctx: RequestContext, communityId: string): Promise<{ items: ReportedContent[]; nextCursor: null }> {
    requireAccount(ctx);
    const em = this.em.fork();
    const access = await this.communities.readable(ctx, communityId, em);
    if (!mayModerate(access)) throw notAModerator();
    const groups = await sqlRows<OpenReportGroup>(
      em,
      `SELECT (array_agg(id ORDER BY reported_at, id))[1] AS "reportId", target_type AS "targetType", target_id AS "targetId",
              count(*)::int AS "reporterCount", array_agg(reason ORDER BY reported_at, id) AS reasons, min(reported_at) AS "firstReportedAt"
         FROM reports WHERE community_id = $1 AND status = 'open'
        GROUP BY target_type, target_id ORDER BY min(reported_at), target_id LIMIT 200`,
      [communityId],
    );
    const found: Array<[OpenReportGroup, ModerationTarget]> = [];
    for (const group of groups) {
      const target = await moderationTarget(em, ctx, group.targetType, group.targetId).catch((error: unknown) => {
        if (error instanceof DomainError && error.statusCode === 404) return null;
        throw error;
      });
      if (target) found.push([group, target]);
    }
    const nameOf = await this.names.namesOf(ctx, found.map(([, t]) => t.authorId));
    return {
      items: found.map(([g, t]) => ({
        reportId: g.reportId, targetType: t.type, targetId: t.id, excerpt: excerptOf(t.text), author: { id: t.authorId, displayName: nameOf(t.authorId) },
        conversationId: t.conversationId, hidden: t.hidden, reporterCount: g.reporterCount, reasons: g.reasons, firstReportedAt: new Date(g.firstReportedAt).toISOString(),
      })),
      nextCursor: null,
    };
  }

  /** Dismisses every open report of this report's target; dismissing again changes nothing. */
  dismiss(ctx: RequestContext, reportId: string): Promise<{ dismissed: number }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'report.dismiss', async (em) => {
      const [report] = await sqlRows<{ communityId: string; targetType: ModeratedTargetType; targetId: string }>(
        em, 'SELECT community_id AS "communityId", target_type AS "targetType", target_id AS "targetId" FROM reports WHERE id = $1', [reportId]);
      if (!report) throw reportNotFound();
      const access = await this.communities.readable(ctx, report.communityId, em).catch((error: unknown) => {
        throw error instanceof DomainError && error.statusCode === 404 ? reportNotFound() : error;
      });
      if (!mayModerate(access)) throw notAModerator();
      const dismissed = await sqlRows(
        em,
        `UPDATE reports SET status = 'dismissed', resolved_at = now(), resolved_by = $3 WHERE target_type = $1 AND target_id = $2 AND status = 'open' RETURNING id`,
        [report.targetType, report.targetId, caller.accountId],
      );
      if (dismissed.length > 0) {
        await recordCommunityAudit(em, { communityId: report.communityId, actorId: caller.accountId, action: 'report.dismissed', targetType: report.targetType, targetId: report.targetId });
      }
      return { dismissed: dismissed.length };
    });
  }
}
