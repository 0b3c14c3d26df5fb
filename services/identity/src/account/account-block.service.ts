import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccountBlocked, AccountUnblocked, conflict, type BlockAccount, type RequestContext, type RequestOf, type ResponseOf, type UnblockAccount } from '@kc/contracts';
import { requireOperator } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { bumpAccessVersion } from '../access/access.publisher';
import { recordAudit } from '../audit/audit.log';
import { Account } from './account.entity';
import { accountNotFound } from './account.errors';

const operatorNotBlockable = () =>
  conflict('OPERATOR_NOT_BLOCKABLE', 'Een account van de landelijke beheerder kan niet worden geblokkeerd.', 'A national operator account cannot be blocked.');

/**
 * The operator blocks and unblocks accounts. A blocked account cannot log in, and through the
 * access directory every service refuses its existing tokens within a second.
 */
@Injectable()
export class AccountBlockService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  block(ctx: RequestContext, { accountId, reason }: RequestOf<typeof BlockAccount>): Promise<ResponseOf<typeof BlockAccount>> {
    requireOperator(ctx);
    return idempotent(this.em, ctx, 'account.block', async (em) => {
      const account = await em.findOne(Account, { id: accountId });
      if (!account) throw accountNotFound();
      if (account.isOperator) throw operatorNotBlockable();
      if (!account.blockedAt) {
        account.blockedAt = new Date();
        account.blockedBy = ctx.accountId;
        await em.flush();
        await bumpAccessVersion(em, account.id);
        await this.outbox.record(em, AccountBlocked, { accountId: account.id }, originOf(ctx, account.regionId));
        await recordAudit(em, { action: 'account.blocked', actorId: ctx.accountId, target: { type: 'account', id: account.id }, regionId: account.regionId, reason });
      }
      return { accountId: account.id, blocked: true };
    });
  }

  unblock(ctx: RequestContext, { accountId, reason }: RequestOf<typeof UnblockAccount>): Promise<ResponseOf<typeof UnblockAccount>> {
    requireOperator(ctx);
    return idempotent(this.em, ctx, 'account.unblock', async (em) => {
      const account = await em.findOne(Account, { id: accountId });
      if (!account) throw accountNotFound();
      if (account.blockedAt) {
        account.blockedAt = null;
        account.blockedBy = null;
        await em.flush();
        await bumpAccessVersion(em, account.id);
        await this.outbox.record(em, AccountUnblocked, { accountId: account.id }, originOf(ctx, account.regionId));
        await recordAudit(em, { action: 'account.unblocked', actorId: ctx.accountId, target: { type: 'account', id: account.id }, regionId: account.regionId, reason });
      }
      return { accountId: account.id, blocked: false };
    });
  }
}
