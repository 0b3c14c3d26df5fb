import type { EntityManager } from '@mikro-orm/postgresql';
import { FORMER_PARTICIPANT, type StaffRole } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { throttleKey } from '../session/login-throttle';

/**
 * Identity's own part of an erasure, in the erasure's transaction: the account keeps only its id
 * (so what the person wrote can be signed "Oud-deelnemer") and the mark that it was erased;
 * its e-mail address, password, name, profile, staff roles, exports, sessions (with their
 * refresh tokens), mails and mail links, links to library identity providers, and sign-in throttle go.
 * The audit log keeps ids only and shows the erased account as such.
 */
export async function eraseIdentityPart(em: EntityManager, account: { id: string; email: string }): Promise<{ revokedRoles: { regionId: string; role: StaffRole }[] }> {
  await sqlRows(
    em,
    `UPDATE accounts SET email = $2, password_hash = '!', display_name = $3, erased_at = now(), blocked_at = coalesce(blocked_at, now()),
       access_version = access_version + 1 WHERE id = $1`,
    [account.id, `gewist-${account.id}@kenniscloud.invalid`, FORMER_PARTICIPANT.nl],
  );
  const revokedRoles = await sqlRows<{ regionId: string; role: StaffRole }>(em, 'DELETE FROM staff_roles WHERE account_id = $1 RETURNING region_id AS "regionId", role', [account.id]);
  for (const table of ['profiles', 'data_exports', 'sessions', 'mail_outbox', 'email_tokens', 'consents', 'sso_links']) await sqlRows(em, `DELETE FROM ${table} WHERE account_id = $1`, [account.id]);
  await sqlRows(em, 'DELETE FROM login_throttle WHERE address_hash = $1', [throttleKey(account.email)]);
  return { revokedRoles };
}
