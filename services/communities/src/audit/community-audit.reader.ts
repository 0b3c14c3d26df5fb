import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import { invalidCursor } from '../community/community.errors';
import { CommunityService } from '../community/community.service';
import { notAModerator } from '../membership/membership.errors';
import { mayModerate } from '../membership/membership.service';

interface AuditRow { id: string; at: Date; actorId: string; action: string; targetType: string | null; targetId: string | null; reason: string | null }
/** Targets that are people: their names are shown beside the action. */
const PERSON_TARGETS = new Set(['account']);

const encodeCursor = (row: { at: Date; id: string }) => Buffer.from(JSON.stringify([new Date(row.at).toISOString(), row.id]), 'utf8').toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const when = new Date(at);
    return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(when.getTime()) ? { at: when, id } : null;
  } catch {
    return null;
  }
}

/** The community's moderation log for those who moderate it, newest first, with names as identity knows them now. */
@Injectable()
export class CommunityAuditReader {
  constructor(private readonly em: EntityManager, private readonly communities: CommunityService, private readonly names: AccountNameDirectory) {}

  async list(ctx: RequestContext, query: { communityId: string; limit: number; cursor?: string }) {
    requireAccount(ctx);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const em = this.em.fork();
    const access = await this.communities.readable(ctx, query.communityId, em);
    if (!mayModerate(access)) throw notAModerator();
    const rows = await sqlRows<AuditRow>(
      em,
      `SELECT id, at, actor_id AS "actorId", action, target_type AS "targetType", target_id AS "targetId", reason
         FROM community_audit
        WHERE community_id = $1 AND ($2::timestamptz IS NULL OR (at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY at DESC, id DESC LIMIT $4`,
      [query.communityId, after?.at ?? null, after?.id ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const people = page.flatMap((r) => [r.actorId, ...(r.targetId && r.targetType && PERSON_TARGETS.has(r.targetType) ? [r.targetId] : [])]);
    const nameOf = await this.names.namesOf(ctx, people);
    return {
      items: page.map((r) => ({
        id: r.id, at: new Date(r.at).toISOString(), actorId: r.actorId, actorName: nameOf(r.actorId), action: r.action,
        targetType: r.targetType, targetId: r.targetId, reason: r.reason,
        targetName: r.targetId && r.targetType && PERSON_TARGETS.has(r.targetType) ? nameOf(r.targetId) : null,
      })),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
    };
  }
}
