import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { EndSession, LogoutAll, ListSessions, RequestContext, RequestOf, ResponseOf } from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { recordAudit } from '../audit/audit.log';
import { endSessions } from './session-end';
import { sessionNotFound } from './session.errors';
import { SessionRepository } from './session.repository';

/** A person's own sessions (signed-in devices): list them, sign out here, elsewhere or everywhere. */
@Injectable()
export class MySessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  async list(ctx: RequestContext): Promise<ResponseOf<typeof ListSessions>> {
    const { accountId } = requireAccount(ctx);
    return { items: await SessionRepository.active(this.em.fork(), accountId, ctx.sessionId) };
  }

  /** Ends the session of the calling token (a token from before sessions has none: nothing to end). */
  logout(ctx: RequestContext): Promise<Record<string, never>> {
    const { accountId, sessionId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'session.logout', async (em) => {
      if (sessionId) await endSessions(em, this.outbox, originOf(ctx), accountId, 'logout', { only: sessionId });
      return {};
    });
  }

  logoutAll(ctx: RequestContext): Promise<ResponseOf<typeof LogoutAll>> {
    const { accountId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'session.logout-all', async (em) => {
      const ended = await endSessions(em, this.outbox, originOf(ctx), accountId, 'logout-all');
      await recordAudit(em, { action: 'session.logout-all', actorId: accountId, target: { type: 'account', id: accountId }, regionId: ctx.regionId, details: { endedSessions: ended.length } });
      return { ended: ended.length };
    });
  }

  /** Ends one of the caller's own active sessions; any other id is 404, whoever's it is. */
  end(ctx: RequestContext, { sessionId }: RequestOf<typeof EndSession>): Promise<Record<string, never>> {
    const { accountId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'session.end', async (em) => {
      const ended = await endSessions(em, this.outbox, originOf(ctx), accountId, 'ended', { only: sessionId.toLowerCase() });
      if (ended.length === 0) throw sessionNotFound();
      return {};
    });
  }
}
