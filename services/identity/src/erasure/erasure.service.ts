import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount, requireOperator } from '@kc/auth';
import {
  AccountBlocked, ERASING_SERVICES, ErasureRequested, StaffRoleRevoked,
  type EraseAccount, type EraseMe, type ErasingService, type ErasureContent, type RequestContext, type RequestOf, type ResponseOf, type GetErasure,
} from '@kc/contracts';
import { AccountTraceEraser, EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { accountNotFound } from '../account/account.errors';
import { PasswordHasher } from '../account/password-hasher';
import { recordAudit } from '../audit/audit.log';
import { erasureNotFound, erasurePasswordWrong, operatorNotErasable } from './erasure.errors';
import { eraseIdentityPart } from './own-part';

interface ErasureRow {
  id: string;
  accountId: string;
  content: ErasureContent;
  requestedBy: RequestedBy;
  requestedAt: Date | string;
  completedAt: Date | string | null;
  confirmations: Partial<Record<ErasingService, string>>;
}
const COLUMNS = `id, account_id AS "accountId", content, requested_by AS "requestedBy", requested_at AS "requestedAt",
  completed_at AS "completedAt", confirmations`;
const iso = (value: Date | string) => new Date(value).toISOString();
type RequestedBy = ResponseOf<typeof GetErasure>['requestedBy'];

/**
 * Erasure of an account across every service (GDPR art. 17, ADR 0035). Identity erases its own
 * part and blocks the account in one transaction, then announces it; every other service erases
 * its part (database and messages) and confirms, and the ledger records who confirmed when.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly passwords: PasswordHasher,
    private readonly traces: AccountTraceEraser,
  ) {}

  async eraseMe(ctx: RequestContext, { password, content }: RequestOf<typeof EraseMe>): Promise<ResponseOf<typeof EraseMe>> {
    const { accountId } = requireAccount(ctx);
    const [account] = await sqlRows<{ passwordHash: string }>(this.em.fork(), 'SELECT password_hash AS "passwordHash" FROM accounts WHERE id = $1 AND erased_at IS NULL', [accountId]);
    if (!account) throw accountNotFound();
    if (!(await this.passwords.verify(account.passwordHash, password))) throw erasurePasswordWrong();
    return this.start(ctx, accountId, content, 'self', null);
  }

  eraseAccount(ctx: RequestContext, { accountId, content, reason }: RequestOf<typeof EraseAccount>): Promise<ResponseOf<typeof EraseAccount>> {
    requireOperator(ctx);
    return this.start(ctx, accountId, content, 'operator', reason);
  }

  async get(ctx: RequestContext, { id }: RequestOf<typeof GetErasure>): Promise<ResponseOf<typeof GetErasure>> {
    requireOperator(ctx);
    const [row] = await sqlRows<ErasureRow>(this.em.fork(), `SELECT ${COLUMNS} FROM erasures WHERE id = $1`, [id]);
    if (!row) throw erasureNotFound();
    return {
      id: row.id, accountId: row.accountId, content: row.content, requestedBy: row.requestedBy, requestedAt: iso(row.requestedAt),
      status: row.completedAt ? 'complete' : 'pending', completedAt: row.completedAt ? iso(row.completedAt) : null,
      services: ERASING_SERVICES.map((service) => ({ service, confirmedAt: row.confirmations[service] ?? null })),
    };
  }

  /** The region's retention erases an account nobody signed in to (ADR 0039): anonymised, asked by nobody. */
  eraseInactive(accountId: string): Promise<ResponseOf<typeof EraseAccount>> {
    const ctx: RequestContext = { accountId: null, regionId: null, roles: [], isOperator: false, correlationId: `retention-${uuidv7()}`, lang: 'nl' };
    return this.start(ctx, accountId, 'anonymise', 'retention', null);
  }

  /** A service's confirmation; the erasure is complete when every service has confirmed. */
  async confirm(em: EntityManager, erasureId: string, service: ErasingService): Promise<void> {
    await sqlRows(
      em,
      `UPDATE erasures SET confirmations = confirmations || jsonb_build_object($2::text, to_jsonb(now())) WHERE id = $1 AND NOT confirmations ? $2`,
      [erasureId, service],
    );
    await sqlRows(em, 'UPDATE erasures SET completed_at = now() WHERE id = $1 AND completed_at IS NULL AND confirmations ?& $2::text[]', [erasureId, [...ERASING_SERVICES]]);
  }

  private start(ctx: RequestContext, accountId: string, content: ErasureContent, requestedBy: RequestedBy, reason: string | null) {
    return idempotent(this.em, ctx, 'erasure.start', async (em) => {
      const [account] = await sqlRows<{ id: string; email: string; regionId: string | null; isOperator: boolean }>(
        em, 'SELECT id, email, region_id AS "regionId", is_operator AS "isOperator" FROM accounts WHERE id = $1 FOR UPDATE', [accountId],
      );
      if (!account) throw accountNotFound();
      const [earlier] = await sqlRows<{ id: string; completedAt: Date | null }>(em, 'SELECT id, completed_at AS "completedAt" FROM erasures WHERE account_id = $1', [accountId]);
      if (earlier) return { id: earlier.id, status: earlier.completedAt ? ('complete' as const) : ('pending' as const) };
      if (account.isOperator) throw operatorNotErasable();

      const id = uuidv7();
      const origin = originOf(ctx, account.regionId);
      // Its earlier events first (they hold its words), then what identity holds, then the announcement (ids only).
      await this.traces.erase(em, accountId);
      const { revokedRoles } = await eraseIdentityPart(em, account);
      await sqlRows(
        em, `INSERT INTO erasures (id, account_id, content, requested_by, confirmations) VALUES ($1, $2, $3, $4, jsonb_build_object('identity', to_jsonb(now())))`,
        [id, accountId, content, requestedBy],
      );
      for (const { regionId, role } of revokedRoles) await this.outbox.record(em, StaffRoleRevoked, { accountId, regionId, role }, origin);
      await this.outbox.record(em, AccountBlocked, { accountId }, origin);
      await this.outbox.record(em, ErasureRequested, { erasureId: id, accountId, content }, origin);
      await recordAudit(em, {
        action: 'account.erased', actorId: requestedBy === 'operator' ? ctx.accountId : null, target: { type: 'account', id: accountId },
        regionId: account.regionId, reason, details: { content, requestedBy },
      });
      return { id, status: 'pending' as const };
    });
  }
}
