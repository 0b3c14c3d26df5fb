import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { GetMyProfile, ListRegionPeople, Profile, RequestContext, RequestOf, ResponseOf, UpdateMyProfile } from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { idempotent } from '@kc/messaging';
import { accountNotFound } from '../account/account.errors';
import { RegionService } from '../region/region.service';
import { decodePeopleCursor, encodePeopleCursor } from './people.cursor';
import { invalidPeopleCursor, peopleForbidden } from './profile.errors';

interface ProfileRow {
  display_name: string;
  bio: string | null;
  expertise: string[] | null;
  in_directory: boolean | null;
}
interface PersonRow {
  id: string;
  display_name: string;
  sort_name: string;
  bio: string;
  expertise: string[];
}

const toProfile = (row: ProfileRow): Profile => ({ displayName: row.display_name, bio: row.bio ?? '', expertise: row.expertise ?? [], directory: row.in_directory ?? false });
/** A LIKE pattern that finds `term` anywhere, with LIKE's own wildcards taken literally. */
const containing = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Profiles and the people directory ("wie weet wat"). A profile is private until its owner
 * opts in; the directory of a region shows only its own members who did, to its own members.
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionService,
  ) {}

  async mine(ctx: RequestContext): Promise<ResponseOf<typeof GetMyProfile>> {
    const { accountId } = requireAccount(ctx);
    return this.read(this.em.fork(), accountId);
  }

  update(ctx: RequestContext, changes: RequestOf<typeof UpdateMyProfile>): Promise<ResponseOf<typeof UpdateMyProfile>> {
    const { accountId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'profile.update', async (em) => {
      // One change at a time per account: the fields not given keep what the last change left.
      const [locked] = await em.execute<{ id: string }[]>('SELECT id FROM accounts WHERE id = ? FOR UPDATE', [accountId]);
      if (!locked) throw accountNotFound();
      const current = await this.read(em, accountId);
      if (changes.displayName !== undefined) await em.execute('UPDATE accounts SET display_name = ? WHERE id = ?', [changes.displayName, accountId]);
      await em.execute(
        `INSERT INTO profiles (account_id, bio, expertise, in_directory)
         VALUES (?, ?, ARRAY(SELECT k FROM jsonb_array_elements_text(?::jsonb) WITH ORDINALITY AS t(k, n) ORDER BY n), ?)
         ON CONFLICT (account_id) DO UPDATE SET bio = excluded.bio, expertise = excluded.expertise, in_directory = excluded.in_directory, updated_at = now()`,
        [accountId, changes.bio ?? current.bio, JSON.stringify(changes.expertise ?? current.expertise), changes.directory ?? current.directory],
      );
      return this.read(em, accountId);
    });
  }

  async people(ctx: RequestContext, input: RequestOf<typeof ListRegionPeople>): Promise<ResponseOf<typeof ListRegionPeople>> {
    const caller = requireAccount(ctx);
    const region = await this.regions.get({ slug: input.region });
    if (caller.regionId !== region.id) throw peopleForbidden();
    const after = input.cursor === undefined ? null : decodePeopleCursor(input.cursor);
    if (input.cursor !== undefined && !after) throw invalidPeopleCursor();
    const where = ['p.in_directory', 'a.region_id = ?', 'a.blocked_at IS NULL'];
    const values: unknown[] = [region.id];
    if (input.expertise) {
      where.push("EXISTS (SELECT 1 FROM unnest(p.expertise) AS k WHERE lower(k) LIKE ? ESCAPE '\\')");
      values.push(containing(input.expertise));
    }
    if (after) {
      where.push('(lower(a.display_name), a.id) > (?, ?)');
      values.push(after.name, after.id);
    }
    const rows = await this.em.fork().execute<PersonRow[]>(
      `SELECT a.id, a.display_name, lower(a.display_name) AS sort_name, p.bio, p.expertise
         FROM profiles p JOIN accounts a ON a.id = p.account_id
        WHERE ${where.join(' AND ')}
        ORDER BY lower(a.display_name), a.id
        LIMIT ?`,
      [...values, input.limit + 1],
    );
    const page = rows.slice(0, input.limit);
    const last = rows.length > input.limit ? page[page.length - 1] : undefined;
    return {
      items: page.map((r) => ({ accountId: r.id, displayName: r.display_name, bio: r.bio, expertise: r.expertise })),
      nextCursor: last ? encodePeopleCursor({ name: last.sort_name, id: last.id }) : null,
    };
  }

  private async read(em: EntityManager, accountId: string): Promise<Profile> {
    const [row] = await em.execute<ProfileRow[]>(
      'SELECT a.display_name, p.bio, p.expertise, p.in_directory FROM accounts a LEFT JOIN profiles p ON p.account_id = a.id WHERE a.id = ?',
      [accountId],
    );
    if (!row) throw accountNotFound();
    return toProfile(row);
  }
}
