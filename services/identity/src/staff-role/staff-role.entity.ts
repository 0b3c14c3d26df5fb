import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StaffRole } from '@kc/contracts';

/** An account holds a staff role in a region. */
@Entity({ tableName: 'staff_roles' })
export class StaffRoleGrant {
  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @PrimaryKey({ type: 'uuid' })
  regionId!: string;

  @PrimaryKey({ type: 'text' })
  @Enum({ items: ['library_admin', 'community_librarian'] })
  role!: StaffRole;

  @Property({ type: 'uuid', nullable: true })
  grantedBy: string | null = null;

  @Property({ type: 'timestamptz' })
  grantedAt: Date = new Date();
}

/** The roles an account holds in its region (sorted, for stable tokens and responses). */
export async function staffRolesOf(em: EntityManager, accountId: string, regionId: string | null): Promise<StaffRole[]> {
  if (!regionId) return [];
  const grants = await em.find(StaffRoleGrant, { accountId, regionId }, { orderBy: { role: 'asc' } });
  return grants.map((g) => g.role);
}
