import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { DomainError, ExportRequested, notFound, PERSONAL_DATA_PARTS, type EventEnvelope, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf, RpcClient } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';

/** How long a finished export can be downloaded. */
export const EXPORT_KEPT_DAYS = 7;

interface ExportRow {
  id: string;
  status: 'pending' | 'ready' | 'failed';
  requestedAt: Date | string;
  readyAt: Date | string | null;
  expiresAt: Date | string;
  document?: Record<string, unknown> | null;
}

const exportNotFound = () => notFound('EXPORT_NOT_FOUND', 'Deze gegevensexport bestaat niet (meer).', 'This data export does not exist (any more).');
const exportExpired = () =>
  new DomainError(410, 'EXPORT_EXPIRED', {
    nl: `Deze gegevensexport is na ${EXPORT_KEPT_DAYS} dagen verwijderd. Vraag een nieuwe aan.`,
    en: `This data export was removed after ${EXPORT_KEPT_DAYS} days. Ask for a new one.`,
  });

const iso = (value: Date | string) => new Date(value).toISOString();
const view = (row: ExportRow) => ({
  id: row.id, status: row.status, requestedAt: iso(row.requestedAt), readyAt: row.readyAt === null ? null : iso(row.readyAt), expiresAt: iso(row.expiresAt),
});
const COLUMNS = 'id, status, requested_at AS "requestedAt", ready_at AS "readyAt", expires_at AS "expiresAt"';

/**
 * A person's data export: asked for here (an outbox event), gathered by identity from every
 * service's own part (each service answers for its database; a service that is down is asked
 * again when the event is redelivered), kept as one document for a week, for its owner only.
 */
@Injectable()
export class DataExportService {
  constructor(private readonly em: EntityManager, private readonly outbox: EventOutbox, private readonly rpc: RpcClient) {}

  request(ctx: RequestContext): Promise<{ id: string }> {
    const { accountId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'export.request', async (em) => {
      const id = uuidv7();
      await sqlRows(em, `INSERT INTO data_exports (id, account_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [id, accountId, EXPORT_KEPT_DAYS]);
      await this.outbox.record(em, ExportRequested, { exportId: id, accountId }, originOf(ctx));
      return { id };
    });
  }

  async get(ctx: RequestContext, id: string) {
    const { accountId } = requireAccount(ctx);
    const [row] = await sqlRows<ExportRow>(this.em.fork(), `SELECT ${COLUMNS}, document FROM data_exports WHERE id = $1 AND account_id = $2`, [id, accountId]);
    if (!row) throw exportNotFound();
    if (new Date(row.expiresAt).getTime() <= Date.now()) throw exportExpired();
    return { ...view(row), document: row.status === 'ready' ? (row.document as never) : null };
  }

  async list(ctx: RequestContext) {
    const { accountId } = requireAccount(ctx);
    const rows = await sqlRows<ExportRow>(this.em.fork(), `SELECT ${COLUMNS} FROM data_exports WHERE account_id = $1 AND expires_at > now() ORDER BY requested_at DESC LIMIT 20`, [accountId]);
    return { items: rows.map(view) };
  }

  /** Every service's part, asked in parallel; any service away fails the attempt (retried, never half a document). */
  async gather(em: EntityManager, event: EventEnvelope<typeof ExportRequested>): Promise<void> {
    const { exportId, accountId } = event.data;
    const [pending] = await sqlRows(em, "SELECT id FROM data_exports WHERE id = $1 AND status = 'pending' FOR UPDATE", [exportId]);
    if (!pending) return;
    const meta = { correlationId: event.correlationId, lang: 'nl' as const };
    const parts = await Promise.all(PERSONAL_DATA_PARTS.map((contract) => this.rpc.send(contract, { accountId }, meta)));
    const document = { accountId, generatedAt: new Date().toISOString(), parts };
    await sqlRows(em, "UPDATE data_exports SET status = 'ready', ready_at = now(), document = $2 WHERE id = $1", [exportId, JSON.stringify(document)]);
  }
}
