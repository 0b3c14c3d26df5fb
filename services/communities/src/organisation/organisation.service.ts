import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hasStaffRole, requireAccount } from '@kc/auth';
import { OrganisationProfiled, type OrganisationRole, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import { invalidCursor } from '../community/community.errors';
import { renderMarkdown } from '../contribution/markdown';
import { checkMediaUrl } from '../media/address-policy';
import { RegionDirectory } from '../region/region.service';
import { invalidWebsite, notALibraryAdmin, notAnOrganisationAdmin, organisationNotFound } from './organisation.errors';
import { mayManage, maySeeMembers, type OrganisationRow } from './organisation.policy';

const COLUMNS = 'id, region_id AS "regionId", name, description, html, website, created_at AS "createdAt"';

/** A public http(s) address, as typed; refused with 400 INVALID_WEBSITE otherwise. */
export function publicWebsite(input: string): string {
  const check = checkMediaUrl(input);
  if (!check.ok) throw invalidWebsite();
  return check.url.toString();
}

/** Partner organisations' profiles (ADR 0037): created by a region's library administrators or the operator. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly regions: RegionDirectory,
    private readonly names: AccountNameDirectory,
  ) {}

  async create(ctx: RequestContext, input: { name: string; description: string; website: string; region?: string }) {
    const caller = requireAccount(ctx);
    const regionId = input.region ? await this.regions.idOfSlug(input.region) : ctx.isOperator ? null : ctx.regionId;
    const allowed = ctx.isOperator || (regionId !== null && hasStaffRole(ctx, 'library_admin', regionId));
    if (!allowed) throw notALibraryAdmin();
    const website = publicWebsite(input.website);
    return idempotent(this.em, ctx, 'organisation.create', async (em) => {
      const id = uuidv7();
      await sqlRows(
        em, 'INSERT INTO organisations (id, region_id, name, description, html, website, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, regionId, input.name, input.description, renderMarkdown(input.description), website, caller.accountId],
      );
      await sqlRows(em, "INSERT INTO organisation_members (organisation_id, account_id, role) VALUES ($1, $2, 'admin')", [id, caller.accountId]);
      await this.outbox.record(em, OrganisationProfiled, { organisationId: id, regionId, name: input.name }, originOf(ctx, regionId));
      return { id };
    });
  }

  /** The organisation and the caller's role in it; 404 when it does not exist. */
  async accessOf(ctx: RequestContext, id: string, em: EntityManager = this.em.fork(), lock = false) {
    const [org] = await sqlRows<OrganisationRow>(em, `SELECT ${COLUMNS} FROM organisations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!org) throw organisationNotFound();
    const [mine] = ctx.accountId
      ? await sqlRows<{ role: OrganisationRole }>(em, 'SELECT role FROM organisation_members WHERE organisation_id = $1 AND account_id = $2', [id, ctx.accountId])
      : [];
    const myRole = mine?.role ?? null;
    return { org, myRole, canManage: mayManage(org, ctx, myRole) };
  }

  async get(ctx: RequestContext, id: string) {
    const em = this.em.fork();
    const { org, myRole, canManage } = await this.accessOf(ctx, id, em);
    const communities = await sqlRows<{ id: string; name: string }>(
      em,
      `SELECT c.id, c.name FROM community_partners p JOIN communities c ON c.id = p.community_id
       WHERE p.organisation_id = $1 AND (c.visibility = 'public' OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.account_id = $2)
         OR ($3::uuid IS NOT NULL AND c.region_id = $3))
       ORDER BY c.name LIMIT 200`,
      [id, ctx.accountId, hasStaffRole(ctx, 'community_librarian') ? ctx.regionId : null],
    );
    let members = null;
    if (maySeeMembers(org, ctx, myRole)) {
      const rows = await sqlRows<{ accountId: string; role: OrganisationRole; addedAt: Date }>(
        em, 'SELECT account_id AS "accountId", role, added_at AS "addedAt" FROM organisation_members WHERE organisation_id = $1 ORDER BY role, added_at LIMIT 500', [id],
      );
      const nameOf = await this.names.namesOf(ctx, rows.map((r) => r.accountId));
      members = rows.map((r) => ({ accountId: r.accountId, displayName: nameOf(r.accountId), role: r.role, addedAt: new Date(r.addedAt).toISOString() }));
    }
    return {
      id: org.id, regionId: org.regionId, name: org.name, website: org.website, description: org.description, descriptionHtml: org.html,
      members, myRole, canManage, communities, createdAt: new Date(org.createdAt).toISOString(),
    };
  }

  /** A region's organisations and the national ones, by name; the cursor is the opaque offset. */
  async list(ctx: RequestContext, input: { region?: string; limit: number; cursor?: string }) {
    const regionId = input.region ? await this.regions.idOfSlug(input.region) : ctx.regionId;
    const offset = input.cursor === undefined ? 0 : decodeOffset(input.cursor);
    const rows = await sqlRows<OrganisationRow>(
      this.em.fork(), `SELECT ${COLUMNS} FROM organisations WHERE region_id = $1 OR region_id IS NULL ORDER BY name, id LIMIT $2 OFFSET $3`,
      [regionId, input.limit + 1, offset],
    );
    const items = rows.slice(0, input.limit).map((r) => ({ id: r.id, regionId: r.regionId, name: r.name, website: r.website }));
    return { items, nextCursor: rows.length > input.limit ? Buffer.from(String(offset + input.limit)).toString('base64url') : null };
  }

  update(ctx: RequestContext, input: { id: string; name?: string; description?: string; website?: string }) {
    requireAccount(ctx);
    const website = input.website === undefined ? undefined : publicWebsite(input.website);
    return idempotent(this.em, ctx, 'organisation.update', async (em) => {
      const { org, canManage } = await this.accessOf(ctx, input.id, em, true);
      if (!canManage) throw notAnOrganisationAdmin();
      const name = input.name ?? org.name;
      const description = input.description ?? org.description;
      await sqlRows(em, 'UPDATE organisations SET name = $2, description = $3, html = $4, website = $5 WHERE id = $1', [org.id, name, description, renderMarkdown(description), website ?? org.website]);
      if (name !== org.name) await this.outbox.record(em, OrganisationProfiled, { organisationId: org.id, regionId: org.regionId, name }, originOf(ctx, org.regionId));
      return {};
    });
  }
}

function decodeOffset(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,6}$/.test(text)) throw invalidCursor();
  return Number(text);
}
